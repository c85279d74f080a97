/**
 * The deterministic budgets of issue 8, enforced on every `npm test` (`npm run bench` prints them with the timed ones):
 * the weapp packages' sizes in dist/weapp (built by `npm test` before jest), and the database round trips of the
 * actions on a woman's path, counted by the local server. The dashboard's budget (the same round trips for few and
 * for many requests) is held by dashboard.test.ts ("one load costs the same database round trips …").
 */
import { join } from 'node:path';
import type { Host } from '../../local/host/server';
import { kib, MAIN, MAIN_BUDGET_BYTES, SUBPACKAGE_BUDGET_BYTES, weappPackageSizes } from '../../scripts/lib/weapp-size';
import { data, fireScheduler, functionCaller, submitInput, WANG } from '../support/functions';
import { startTestHost } from '../support/local';

const dist = join(__dirname, '..', '..', 'dist', 'weapp');

describe('weapp package sizes', () => {
  // Reported in KiB so a failure says by how much.
  const sizes = () => weappPackageSizes(dist).map((p) => ({ name: p.name, kib: kib(p.bytes), within: p.bytes <= p.budget }));

  test(`the main package is at most ${MAIN_BUDGET_BYTES / 1024} KiB`, () => {
    const main = sizes().filter((p) => p.name === MAIN);
    expect(main).toEqual([{ name: MAIN, kib: expect.any(String), within: true }]);
  });

  test(`each subpackage is at most ${SUBPACKAGE_BUDGET_BYTES / 1024} KiB`, () => {
    const subpackages = sizes().filter((p) => p.name !== MAIN);
    expect(subpackages.length).toBeGreaterThan(0);
    for (const p of subpackages) expect(p).toEqual({ name: p.name, kib: p.kib, within: true });
  });
});

describe('database round trips per action', () => {
  let host: Host;
  const call = functionCaller(() => host);

  /** Database round trips the local server counted while `work` ran (the difference of two snapshots). */
  const roundTrips = async <T>(work: () => Promise<T>): Promise<{ trips: number; result: T }> => {
    const before = host.cloudbase.stats.snapshot().database;
    const result = await work();
    return { trips: host.cloudbase.stats.snapshot().database - before, result };
  };

  beforeAll(async () => {
    host = await startTestHost();
    // The scheduler makes each point's monthly figures document ahead of the first event, as it does in the cloud.
    await fireScheduler(host);
  });
  afterAll(() => host.close());

  test('nearby points: exactly 1', async () => {
    const { trips, result } = await roundTrips(async () => data(await call('resident', 'listNearbyPoints', { latitude: 24.0685, longitude: 108.6649 }, WANG)));
    expect(result.length).toBeGreaterThan(0);
    expect(trips).toBe(1);
  });

  test('the point page from its plaque code: at most 2', async () => {
    const { trips, result } = await roundTrips(async () => data(await call('resident', 'getPoint', { code: 'XC-ANSHAN' }, WANG)));
    expect(result.displays.executive.name).toBe('蒙晓梅');
    expect(trips).toBeLessThanOrEqual(2);
  });

  test('submitting a request, routed and content-checked: at most 5', async () => {
    const { trips, result } = await roundTrips(async () => data(await call('resident', 'submitRequest', submitInput(), WANG)));
    // Routed to the prosecutor, so the count covers routing.
    expect(host.cloudbase.store.find('requests', { _id: result.id })[0]?.assigneeId).toBe('point-xc-anshan-m1');
    expect(trips).toBeLessThanOrEqual(5);
  });
});
