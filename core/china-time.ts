/**
 * China's calendar (UTC+8, no daylight saving): the days, months and minutes people read and pick are in it, while
 * instants are stored in UTC.
 */
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
/** A calendar day (China keeps no daylight saving, so every day is this long). */
export const DAY_MS = 24 * 60 * 60 * 1000;

const shifted = (at: Date | string) => new Date((typeof at === 'string' ? Date.parse(at) : at.getTime()) + CHINA_OFFSET_MS).toISOString();

/** 2026-11-23 */
export const chinaDay = (at: Date | string = new Date()): string => shifted(at).slice(0, 10);
/** 2026-11 */
export const chinaMonth = (at: Date | string): string => shifted(at).slice(0, 7);
/** 2026-11-23 09:05 */
export const chinaMinute = (at: Date | string): string => shifted(at).slice(0, 16).replace('T', ' ');
/** 0 (Sunday) … 6 */
export const chinaWeekday = (at: Date): number => new Date(at.getTime() + CHINA_OFFSET_MS).getUTCDay();
/** The instant a China calendar day and time stand for: ('2026-12-05', '09:30') → 2026-12-05T01:30:00.000Z. */
export const chinaInstant = (day: string, time = '00:00:00') => new Date(`${day}T${time}+08:00`).toISOString();
