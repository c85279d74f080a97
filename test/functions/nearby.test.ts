/** Nearby points through the real function: nearest first with distances, nothing far away, one database round trip. */
import type { Host } from '../../local/host/server';
import { data, functionCaller, WANG } from '../support/functions';
import { startTestHost } from '../support/local';

let host: Host;
const call = functionCaller(() => host);

beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());

test('near 忻城县 town: the two 忻城 points, nearest first, with distances; nothing from other counties', async () => {
  host.cloudbase.stats.reset();
  const near = data(await call('resident', 'listNearbyPoints', { latitude: 24.0685, longitude: 108.6649 }, WANG));
  expect(host.cloudbase.stats.snapshot().database).toBe(1);
  expect(near.map((p: { code: string }) => p.code)).toEqual(['XC-ANSHAN', 'XC-CHENGNAN']);
  const [first, second] = near as { distanceMeters: number }[];
  // Her position is rounded to 0.01° (≈1 km) before anything is computed.
  expect(first?.distanceMeters).toBeGreaterThan(0);
  expect(first?.distanceMeters).toBeLessThan(2_000);
  expect(second?.distanceMeters).toBeGreaterThan(first?.distanceMeters ?? 0);
  expect(second?.distanceMeters).toBeLessThan(5_000);
  expect(JSON.stringify(near)).not.toMatch(/team|openid|location/);
});

test('far from every point the list is empty', async () => {
  expect(data(await call('resident', 'listNearbyPoints', { latitude: 39.9, longitude: 116.4 }, WANG))).toEqual([]);
});

test.each([
  ['a latitude beyond 90', { latitude: 200, longitude: 108 }],
  ['a string for a number', { latitude: '24.07', longitude: 108.66 }],
  ['an extra field', { latitude: 24.07, longitude: 108.66, radius: 1e9 }],
  ['nothing at all', {}],
])('%s is InvalidParameter', async (_label, input) => {
  expect(await call('resident', 'listNearbyPoints', input, WANG)).toMatchObject({ ok: false, code: 'InvalidParameter' });
});
