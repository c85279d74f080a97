/**
 * The SDK, initialised once per function instance, as CloudBase recommends. Locally the same code reaches the
 * project's server through the SDK's own endpoint setting (TCB_CONTEXT_CNFG); nothing here knows the difference.
 */
import tcb from '@cloudbase/node-sdk';

export const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
export const db = app.database();
export const _ = db.command;

/** The caller's OPENID, from the invocation's context (never from the event). Empty for timer invocations. */
export const callerOpenid = (): string => app.auth().getUserInfo().openId ?? '';

/** Multiplies the per-woman rate limits (core/rate-limits.ts); unset in a deployment. */
export const rateLimitFactor = Math.max(1, Number(process.env.RATE_LIMIT_FACTOR) || 1);

/** Error codes the SDK throws with (CloudBase's database answers). */
export const isDuplicateWrite = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === 'DATABASE_DUPLICATE_WRITE';
