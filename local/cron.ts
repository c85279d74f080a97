/**
 * CloudBase timer triggers use a 7-field cron: second minute hour day-of-month month day-of-week year. The local host
 * fires each function's timer triggers on the same schedule (numbers, `*`, `*\/n`, ranges and lists; local time).
 * https://docs.cloudbase.net/cloud-function/timer-trigger#cron-表达式
 */
const FIELDS = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'weekday', min: 0, max: 6 },
  { name: 'year', min: 1970, max: 2199 },
] as const;

export type CronSchedule = Set<number>[];

function parseField(text: string, min: number, max: number, name: string): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let [from, to] = range === '*' ? [min, max] : (range ?? '').split('-').map(Number);
    if (to === undefined) to = stepText === undefined ? from : max;
    if (!Number.isInteger(step) || step < 1 || !Number.isInteger(from) || !Number.isInteger(to) || (from as number) < min || (to as number) > max || (from as number) > (to as number)) {
      throw new Error(`cron: bad ${name} field "${text}"`);
    }
    for (let v = from as number; v <= (to as number); v += step) values.add(v);
  }
  return values;
}

export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 7) throw new Error(`cron: expected 7 fields (second minute hour day month weekday year), got ${parts.length}`);
  return FIELDS.map((f, i) => parseField(parts[i] as string, f.min, f.max, f.name));
}

const matches = (s: CronSchedule, d: Date) =>
  [d.getSeconds(), d.getMinutes(), d.getHours(), d.getDate(), d.getMonth() + 1, d.getDay(), d.getFullYear()].every((v, i) => s[i]?.has(v));

/** The first whole second strictly after `after` that the schedule fires at (searching up to a year ahead). */
export function nextFire(schedule: CronSchedule, after: Date): Date {
  const t = new Date(Math.floor(after.getTime() / 1000) * 1000 + 1000);
  const limit = after.getTime() + 366 * 24 * 3600 * 1000;
  while (t.getTime() <= limit) {
    if (!schedule[4]?.has(t.getMonth() + 1) || !schedule[3]?.has(t.getDate()) || !schedule[5]?.has(t.getDay()) || !schedule[6]?.has(t.getFullYear())) {
      t.setHours(0, 0, 0, 0);
      t.setDate(t.getDate() + 1);
      continue;
    }
    if (!schedule[2]?.has(t.getHours())) {
      t.setMinutes(0, 0, 0);
      t.setHours(t.getHours() + 1);
      continue;
    }
    if (!schedule[1]?.has(t.getMinutes())) {
      t.setSeconds(0, 0);
      t.setMinutes(t.getMinutes() + 1);
      continue;
    }
    if (matches(schedule, t)) return t;
    t.setSeconds(t.getSeconds() + 1);
  }
  throw new Error('cron: no time within a year matches');
}
