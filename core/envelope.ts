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

export type Envelope<T> = { ok: true; data: T } | { ok: false; code: ErrorCode; message: string };

export class ActionError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ActionError';
  }
}

export const ok = <T>(data: T): Envelope<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string): Envelope<never> => ({ ok: false, code, message });
