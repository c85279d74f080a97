/** One response envelope for every action (DESIGN.md §4). */

export const ERROR_CODES = [
  'InvalidParameter',
  'Unauthorized',
  'Forbidden',
  'NotFound',
  'Conflict',
  'RateLimited',
  'ContentRejected',
  'Internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** `retryAt` (ISO instant) comes with `RateLimited`: when the same call will be taken again. */
export interface ErrorDetails {
  retryAt?: string;
}

export type Envelope<T> = { ok: true; data: T } | ({ ok: false; code: ErrorCode; message: string } & ErrorDetails);

export class ActionError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'ActionError';
  }
}

export const ok = <T>(data: T): Envelope<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string, details: ErrorDetails = {}): Envelope<never> => ({ ok: false, code, message, ...details });
