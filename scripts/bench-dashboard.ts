/**
 * Benchmark (not a test): does one county dashboard load cost the same with 10 k and with 1 M requests of history?
 * (DESIGN.md §4: figures that do not grow with history.)
 *
 * For each size: a fresh local host (the CloudBase-protocol server on a temporary SQLite file, the real functions in
 * workers); generated requests, their 督办 records and the figures documents their events add are inserted straight
 * into the store in batches; then 忻城县's staff load the dashboard for the last twelve months through the real
 * `county` function, several times. Printed: load time, database round trips, documents the server returned to the
 * dashboard's queries (observed on the store, per collection), rows the local store had to scan for them (it scans
 * a whole collection per query; CloudBase would use the indexes of core/schema.ts), and the median time.
 * A second row per size repeats the loads with only the open 督办 records kept (settled ones removed), to separate
 * the local store's full scans from what the dashboard asks for.
 *
 *   npm run bench:dashboard                 # 10 000 and 1 000 000
 *   npm run bench:dashboard -- 10000 100000 # other sizes
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startHost, type Host } from '../local/host/server';
import { nextPeriod, periodOf } from '../core/rollup';
import { RequestGenerator, insertStats } from '../test/support/generate-requests';
import { lastTwelveMonths } from './lib/bench-helpers';

const root = resolve(__dirname, '..');
const SIZES = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
const sizes = SIZES.length > 0 ? SIZES : [10_000, 1_000_000];
const RUNS = 7;
const MONTHS_OF_HISTORY = 24;
const COUNTY_CODE = '451322';
const STAFF = 'county-451322';
const started = Date.now();

const log = (message: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

/** Observes the store the server answers from: documents returned and queries made, per collection. */
function observe(store: Host['cloudbase']['store']) {
  const returned: Record<string, number> = {};
  const queries: Record<string, number> = {};
  const find = store.find.bind(store);
  const aggregate = store.aggregate.bind(store);
  store.find = (collection, ...rest) => {
    const docs = find(collection, ...rest);
    returned[collection] = (returned[collection] ?? 0) + docs.length;
    queries[collection] = (queries[collection] ?? 0) + 1;
    return docs;
  };
  store.aggregate = (collection, pipeline) => {
    const docs = aggregate(collection, pipeline);
    returned[collection] = (returned[collection] ?? 0) + docs.length;
    queries[collection] = (queries[collection] ?? 0) + 1;
    return docs;
  };
  return {
    returned,
    queries,
    reset() {
      for (const o of [returned, queries]) for (const k of Object.keys(o)) delete o[k];
    },
    stop() {
      store.find = find;
      store.aggregate = aggregate;
    },
  };
}

interface Row {
  label: string;
  loadSeconds: string;
  roundTrips: number;
  returned: Record<string, number>;
  scanned: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  check: string;
}

async function measure(host: Host, openid: string, period: { from: string; to: string }, label: string, loadSeconds: string, expected: { requests: number; overdue: number }): Promise<Row> {
  const seen = observe(host.cloudbase.store);
  const invoke = () => host.invoke('county', { action: 'dashboard', input: { period } }, { openid }) as Promise<{ ok: boolean; data?: any; message?: string }>;
  // One load to start the worker and load the function's code.
  const warm = await invoke();
  if (!warm.ok) throw new Error(`dashboard failed: ${warm.message}`);
  const times: number[] = [];
  let roundTrips = 0;
  let returned: Record<string, number> = {};
  let scanned = 0;
  let board: any;
  for (let run = 0; run < RUNS; run += 1) {
    host.cloudbase.stats.reset();
    seen.reset();
    const rowsBefore = host.cloudbase.store.rowsRead;
    const t = performance.now();
    const reply = await invoke();
    times.push(performance.now() - t);
    if (!reply.ok) throw new Error(`dashboard failed: ${reply.message}`);
    board = reply.data;
    roundTrips = host.cloudbase.stats.snapshot().database;
    returned = { ...seen.returned };
    scanned = host.cloudbase.store.rowsRead - rowsBefore;
  }
  seen.stop();
  const ok = board.total.requests === expected.requests && board.total.overdueNow === expected.overdue;
  return {
    label,
    loadSeconds,
    roundTrips,
    returned,
    scanned,
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    check: ok
      ? `ok (${board.total.requests} requests, ${board.total.overdueNow} overdue)`
      : `MISMATCH: requests ${board.total.requests} vs ${expected.requests}, overdueNow ${board.total.overdueNow} vs ${expected.overdue}`,
  };
}

async function benchmark(count: number): Promise<Row[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zw-bench-dashboard-'));
  const host = await startHost({ dataDir, poolSize: 1, projectRoot: root });
  try {
    const { store } = host.cloudbase;
    const now = new Date();
    const period = lastTwelveMonths(now);
    const generator = new RequestGenerator({ count, seed: 20261123, now, months: MONTHS_OF_HISTORY, batchSize: 5000 });
    // What the dashboard's total should say, tallied while generating (each request is seen once).
    const months = new Set<string>();
    for (let p = period.from; p <= period.to; p = nextPeriod(p)) months.add(p);
    let inPeriod = 0;
    const overdue = new Set<string>();

    log(`N = ${count.toLocaleString('en')}: generating and inserting in batches of 5,000 (${MONTHS_OF_HISTORY} months of history, now ${generator.now.toISOString()})`);
    const loadStarted = performance.now();
    let generateMs = 0;
    let nextReport = Math.min(100_000, count);
    let t = performance.now();
    for (const batch of generator.batches()) {
      generateMs += performance.now() - t;
      store.insert('requests', batch.requests);
      if (batch.escalations.length > 0) store.insert('escalations', batch.escalations);
      for (const r of batch.requests) if (r.countyCode === COUNTY_CODE && months.has(periodOf(r.createdAt))) inPeriod += 1;
      for (const e of batch.escalations) if (!e.settledAt && e.countyCode === COUNTY_CODE) overdue.add(e.requestId);
      if (generator.tally.requests >= nextReport) {
        log(`  ${generator.tally.requests.toLocaleString('en')} requests, ${generator.tally.escalations.toLocaleString('en')} 督办 records stored (rss ${Math.round(process.memoryUsage().rss / 1e6)} MB)`);
        nextReport += 100_000;
      }
      t = performance.now();
    }
    const stats = generator.stats.documents();
    insertStats(store, stats);
    const loadSeconds = ((performance.now() - loadStarted) / 1000).toFixed(1);
    log(
      `  loaded in ${loadSeconds} s (generating ${(generateMs / 1000).toFixed(1)} s): ${generator.tally.requests.toLocaleString('en')} requests, ` +
        `${generator.tally.escalations.toLocaleString('en')} 督办 records (${generator.tally.openEscalations.toLocaleString('en')} open; ${overdue.size.toLocaleString('en')} requests of 忻城县 overdue now), ${stats.length} figures documents`,
    );

    const openid = host.personas.find((p) => p.id === STAFF)?.openid as string;
    const expected = { requests: inPeriod, overdue: overdue.size };
    log(`  dashboard ${period.from}…${period.to} for 忻城县, ${RUNS} loads after one warm-up`);
    const full = await measure(host, openid, period, `${count.toLocaleString('en')}`, loadSeconds, expected);
    log(`  median ${full.medianMs.toFixed(1)} ms; removing settled 督办 records for the second measurement`);
    store.remove('escalations', { settledAt: { $exists: true } }, true);
    const openOnly = await measure(host, openid, period, `${count.toLocaleString('en')} open esc. only`, '', expected);
    return [full, openOnly];
  } finally {
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  log(`${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (other work on the machine slows the timings)`);
  log('building the functions and the host worker');
  execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/build-functions.ts')], { cwd: root, stdio: 'inherit' });
  const rows: Row[] = [];
  for (const count of sizes) rows.push(...(await benchmark(count)));

  const collections = ['countyStaff', 'points', 'pointStats', 'escalations'];
  const header = ['N requests', 'load s', 'DB round trips', 'docs read', ...collections.map((c) => `  ${c}`), 'rows scanned locally', 'median ms', 'min–max ms', 'figures check'];
  const table = rows.map((r) => [
    r.label,
    r.loadSeconds,
    String(r.roundTrips),
    String(Object.values(r.returned).reduce((a, b) => a + b, 0)),
    ...collections.map((c) => String(r.returned[c] ?? 0)),
    r.scanned.toLocaleString('en'),
    r.medianMs.toFixed(1),
    `${r.minMs.toFixed(0)}–${r.maxMs.toFixed(0)}`,
    r.check,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ');
  console.log('');
  console.log('One dashboard load (忻城县, 2 points × 12 months), through the real county function on the local server');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of table) console.log(line(row));
  console.log('');
  console.log('docs read: documents the server returned to the dashboard\'s queries; rows scanned locally: rows the local store read for them');
  console.log('(the local store narrows a scan through its indexes for equality, $in and $exists:false; "overdue now" reads the open 督办 records, which grow with the backlog, not with history).');
  log(`done; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
