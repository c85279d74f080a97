/**
 * Per-woman limits on what could be used to flood a team (DESIGN.md §5). Each is counted from what is stored anyway
 * (her requests, her messages in a request, her sign-ups), so checking a limit costs no extra write.
 */
import { chinaMinute } from './china-time';
import { ActionError } from './envelope';

export interface RateWindow {
  max: number;
  minutes: number;
}

export const RATE_LIMITS = {
  submit: [
    { max: 5, minutes: 60 },
    { max: 20, minutes: 24 * 60 },
  ],
  message: [{ max: 10, minutes: 10 }],
  signUp: [{ max: 10, minutes: 60 }],
} as const satisfies Record<string, readonly RateWindow[]>;

export type RateLimited = keyof typeof RATE_LIMITS;

const REFUSAL: Record<RateLimited, (at: string) => string> = {
  submit: (at) => `提交得太频繁了，请在 ${at} 之后再提交；已提交的诉求可以在“我的诉求”里补充留言。如有危险，请直接拨打 110`,
  message: (at) => `留言太频繁了，请在 ${at} 之后再留言。如有危险，请直接拨打 110`,
  signUp: (at) => `报名太频繁了，请在 ${at} 之后再试`,
};

/** The longest window of a limit: how far back her earlier actions must be looked at. */
export const rateWindowStart = (kind: RateLimited, now: Date): string =>
  new Date(now.getTime() - Math.max(...RATE_LIMITS[kind].map((w) => w.minutes)) * 60_000).toISOString();

/**
 * When she may act again, or undefined when she may now; `earlier` are the times of her earlier actions. `factor`
 * multiplies every limit (1 in a deployment; tests acting as one woman many times raise it).
 */
export function retryAt(kind: RateLimited, earlier: readonly string[], now: Date, factor = 1): Date | undefined {
  let latest: number | undefined;
  for (const window of RATE_LIMITS[kind]) {
    const max = window.max * factor;
    const since = now.getTime() - window.minutes * 60_000;
    const inWindow = earlier.map((t) => Date.parse(t)).filter((t) => t > since).sort((a, b) => a - b);
    if (inWindow.length < max) continue;
    // Once enough of them have left the window, one more fits.
    const free = (inWindow[inWindow.length - max] as number) + window.minutes * 60_000;
    latest = Math.max(latest ?? 0, free);
  }
  return latest === undefined ? undefined : new Date(latest);
}

/** Throws `RateLimited` with the time she may try again. */
export function enforceRateLimit(kind: RateLimited, earlier: readonly string[], now: Date, factor = 1): void {
  const at = retryAt(kind, earlier, now, factor);
  if (!at) return;
  throw new ActionError('RateLimited', REFUSAL[kind](chinaMinute(at)), { retryAt: at.toISOString() });
}
