/**
 * The functions' figures write (backend/data.ts addToStats) through the real SDK against the local server: events
 * that race to make a month's figures document are all counted, and a once-key is counted once.
 */
import type { CloudbaseServer } from '../../local/cloudbase-server';
import { startTestServer, useLocalSdkEnvironment } from '../support/local';

let server: CloudbaseServer;
let data: typeof import('../../backend/data');

beforeAll(async () => {
  server = await startTestServer();
  useLocalSdkEnvironment(server.url);
  // The SDK reads its endpoint when the data module first loads.
  data = await import('../../backend/data');
});

afterAll(() => server.close());

const submitted = (id: string) => (server.store.find('pointStats', { _id: id })[0] as { cells?: { care?: { submitted?: number } } } | undefined)?.cells?.care?.submitted;

test("submits racing to make the month's figures document are each counted once", async () => {
  const increment = { id: 'p1:2026-11', pointId: 'p1', countyCode: '451322', period: '2026-11', add: { 'cells.care.submitted': 1 } };
  // Sent together, every update finds no document, and all but one add finds it made.
  await Promise.all(['r1', 'r2', 'r3', 'r4'].map((key) => data.addToStats(increment, key)));
  expect(submitted('p1:2026-11')).toBe(4);
  await Promise.all(['r1', 'r3'].map((key) => data.addToStats(increment, key)));
  expect(submitted('p1:2026-11')).toBe(4);
  await data.addToStats(increment);
  expect(submitted('p1:2026-11')).toBe(5);
});
