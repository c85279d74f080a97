import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nextFire, parseCron } from '../../local/cron';
import { startTimerTriggers } from '../../local/host/timers';

const at = (s: string) => new Date(s);

describe("the local host's 7-field cron, as CloudBase timer triggers use it", () => {
  test('every five minutes fires on the next multiple of five, at second 0', () => {
    const every5 = parseCron('0 */5 * * * * *');
    expect(nextFire(every5, at('2026-11-23T10:03:27')).toString()).toBe(at('2026-11-23T10:05:00').toString());
    expect(nextFire(every5, at('2026-11-23T10:05:00')).toString()).toBe(at('2026-11-23T10:10:00').toString());
    expect(nextFire(every5, at('2026-11-23T23:58:00')).toString()).toBe(at('2026-11-24T00:00:00').toString());
  });

  test('lists, ranges and weekdays', () => {
    const weekdayMornings = parseCron('30 0 8,12 * * 1-5 *');
    // 2026-11-28 is a Saturday: the next fire is Monday 08:00:30.
    expect(nextFire(weekdayMornings, at('2026-11-27T12:00:31')).toString()).toBe(at('2026-11-30T08:00:30').toString());
    expect(nextFire(weekdayMornings, at('2026-11-30T08:00:30')).toString()).toBe(at('2026-11-30T12:00:30').toString());
  });

  test('a malformed expression is refused with the field named', () => {
    expect(() => parseCron('*/5 * * * *')).toThrow(/7 fields/);
    expect(() => parseCron('0 61 * * * * *')).toThrow(/minute/);
    expect(() => parseCron('0 */0 * * * * *')).toThrow(/minute/);
  });

  test("every function's committed timer trigger parses", () => {
    const root = join(__dirname, '../../cloudfunctions');
    const triggers = readdirSync(root)
      .filter((name) => existsSync(join(root, name, 'config.json')))
      .flatMap((name) => (JSON.parse(readFileSync(join(root, name, 'config.json'), 'utf8')).triggers ?? []) as { type: string; config: string }[])
      .filter((t) => t.type === 'timer');
    expect(triggers.length).toBeGreaterThan(0);
    for (const t of triggers) expect(() => parseCron(t.config)).not.toThrow();
  });
});

test("the local host fires a function's timer trigger on its schedule with CloudBase's timer event", async () => {
  const root = mkdtempSync(join(tmpdir(), 'zw-timers-'));
  mkdirSync(join(root, 'ticker'));
  writeFileSync(join(root, 'ticker', 'config.json'), JSON.stringify({ triggers: [{ name: 'every-second', type: 'timer', config: '* * * * * * *' }] }));
  const fired: { name: string; event: any }[] = [];
  const stop = startTimerTriggers(root, ['ticker'], async (name, event) => {
    fired.push({ name, event });
  });
  await new Promise((r) => setTimeout(r, 2300));
  stop();
  const count = fired.length;
  expect(count).toBeGreaterThanOrEqual(2);
  expect(fired[0]).toEqual({ name: 'ticker', event: { Type: 'Timer', TriggerName: 'every-second', Time: expect.stringMatching(/:\d\d\.000Z$/) } });
  await new Promise((r) => setTimeout(r, 1200));
  expect(fired).toHaveLength(count);
});

test('a trigger due more than 24.8 days ahead (beyond setTimeout) waits for its day instead of firing at once', async () => {
  const root = mkdtempSync(join(tmpdir(), 'zw-timers-'));
  mkdirSync(join(root, 'yearly'));
  // Midnight on the 1st of the month six months from now: always 150 days or more ahead.
  const month = ((new Date().getMonth() + 6) % 12) + 1;
  writeFileSync(join(root, 'yearly', 'config.json'), JSON.stringify({ triggers: [{ name: 'half-a-year-on', type: 'timer', config: `0 0 0 1 ${month} * *` }] }));
  let fired = 0;
  const stop = startTimerTriggers(root, ['yearly'], async () => {
    fired += 1;
  });
  await new Promise((r) => setTimeout(r, 200));
  stop();
  expect(fired).toBe(0);
});
