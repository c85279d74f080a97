/** Small pieces shared by the scripts that run the local host and measure it (bench.ts, bench-dashboard.ts, crash-test.ts). */
import { createServer } from 'node:net';
import { periodOf } from '../../core/rollup';

/** A TCP port free on loopback right now, for a host started as a child process. */
export const freePort = () =>
  new Promise<number>((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** The last twelve months on China's calendar, this one included, as the dashboard's period. */
export function lastTwelveMonths(now: Date): { from: string; to: string } {
  const to = periodOf(now.toISOString());
  const [y, m] = to.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 7), to };
}
