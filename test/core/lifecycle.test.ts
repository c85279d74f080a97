import { REOPEN_WITHIN_DAYS, TIMELINE_MAX, type ServiceRequest, type TimelineEvent } from '../../core/domain';
import { residentMay, whyResidentMayNot } from '../../core/lifecycle';

const at = '2026-11-01T08:00:00.000Z';
const event: TimelineEvent = { type: 'submitted', at, by: 'resident' };
const state = (overrides: Partial<ServiceRequest> = {}) => ({ status: 'accepted' as const, timeline: [event], ...overrides });
const resolved = (rating?: number) =>
  state({ status: 'resolved', resolvedAt: at, ...(rating ? { feedback: { rating, at } } : {}) });
const after = (days: number, ms = 0) => new Date(new Date(at).getTime() + days * 24 * 3600 * 1000 + ms);

test('while open she may message and withdraw, not rate or reopen', () => {
  expect(residentMay(state({ status: 'assigned' }), after(0))).toEqual({ message: true, withdraw: true, rate: false, reopen: false });
  expect(residentMay(state(), after(0))).toEqual({ message: true, withdraw: true, rate: false, reopen: false });
});

test('a long conversation stops taking messages, with a reason', () => {
  const full = state({ timeline: Array.from({ length: TIMELINE_MAX }, () => event) });
  expect(residentMay(full, after(0)).message).toBe(false);
  expect(whyResidentMayNot('message', full, after(0))).toMatch(/留言已经很多/);
});

test('after resolution she rates once; only a rating of 1 or 2 lets her reopen, up to 7 days', () => {
  expect(residentMay(resolved(), after(1))).toEqual({ message: false, withdraw: false, rate: true, reopen: false });
  expect(residentMay(resolved(3), after(1)).reopen).toBe(false);
  expect(residentMay(resolved(2), after(1)).reopen).toBe(true);
  expect(residentMay(resolved(1), after(REOPEN_WITHIN_DAYS)).reopen).toBe(true);
  expect(residentMay(resolved(1), after(REOPEN_WITHIN_DAYS, 1)).reopen).toBe(false);
  expect(whyResidentMayNot('reopen', resolved(1), after(REOPEN_WITHIN_DAYS, 1))).toMatch(/7 天/);
  expect(whyResidentMayNot('reopen', resolved(4), after(1))).toMatch(/满意/);
  expect(whyResidentMayNot('rate', resolved(4), after(1))).toMatch(/已经评价/);
});

test('a withdrawn request allows nothing more', () => {
  expect(residentMay(state({ status: 'withdrawn' }), after(0))).toEqual({ message: false, withdraw: false, rate: false, reopen: false });
});
