/**
 * `npm run bench` (a script, not a test): the budgets of issue 8 in one table, printed and written to
 * docs/benchmarks.md with the date, the machine and how each figure was measured.
 *
 * - weapp package sizes, counted from dist/weapp by scripts/lib/weapp-size.ts (the same code as the tests);
 * - H5 cold load of the plaque path to the executive's name on screen, headless Chromium, a fresh browser each run,
 *   on loopback and on a throttled mobile profile, median of 5;
 * - database round trips per action, counted by the local server around each call of an in-process host;
 * - the local host's throughput and latency for the point page and for submit, 32 concurrent clients over HTTP,
 *   the host running as a child process as `npm start` runs it.
 *
 * Progress goes to stderr; the table and its notes to stdout.
 *
 *   npm run bench                  # everything; writes docs/benchmarks.md
 *   npm run bench -- trips load    # some of: sizes trips h5 load (printed only, the doc is left as it is)
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startHost, type Host } from '../local/host/server';
import { buildDemoData } from '../local/seed/demo-data';
import { launchChromium } from '../test/support/browser';
import { data, fireScheduler, functionCaller, PROSECUTOR, submitInput, WANG } from '../test/support/functions';
import { loadGenerated } from '../test/support/generate-requests';
import { freePort, lastTwelveMonths } from './lib/bench-helpers';
import { kib, MAIN, PACKAGE_LIMIT_BYTES, weappPackageSizes } from './lib/weapp-size';

const root = resolve(__dirname, '..');
const tsxCli = join(root, 'node_modules/tsx/dist/cli.mjs');
const started = performance.now();

const PLAQUE_CODE = 'XC-ANSHAN';
/** What the plaque's mini-program code opens in H5 (README, step 1). */
const PLAQUE_PATH = `#/pages/point/index?scene=${PLAQUE_CODE}`;
/** The executive of 鞍山社区: her name on screen means the five displays have rendered. */
const CONTENT_MARK = '蒙晓梅';
const BROWSER_RUNS = 5;
/** Lighthouse's "slow 4G" mobile profile, as issue 8 gives it. */
const THROTTLE = { latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
const CPU_SLOWDOWN = 4;
const CLIENTS = 32;
const LOAD_SECONDS = 10;
const WARMUP_SECONDS = 2;
const LOAD_RESIDENTS = 3000;
/** Rate limits allow 5 submits an hour per woman; 4 keeps the load inside them. */
const SUBMITS_PER_RESIDENT = 4;
const MANY_REQUESTS = 3000;
const PILOT_POINTS = buildDemoData().points.map((p) => p._id);
const SECTIONS = ['sizes', 'trips', 'h5', 'load'] as const;
const chosen = process.argv.slice(2).filter((a): a is (typeof SECTIONS)[number] => (SECTIONS as readonly string[]).includes(a));
const runs = (section: (typeof SECTIONS)[number]) => chosen.length === 0 || chosen.includes(section);

const log = (message: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);

interface Row {
  measure: string;
  figure: string;
  budget: string;
  /** undefined: no budget for this row. */
  holds?: boolean;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? (sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1] as number) : NaN);
const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 0.5);
const ms = (x: number) => `${Math.round(x).toLocaleString('en')} ms`;
const n = (x: number) => x.toLocaleString('en');

function ensureBuilt(dir: string, type: 'weapp' | 'h5') {
  if (existsSync(join(root, dir, type === 'weapp' ? 'app.json' : 'index.html'))) return;
  log(`${dir} is missing: npx taro build --type ${type}`);
  execFileSync('npx', ['taro', 'build', '--type', type], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

// ---------------------------------------------------------------------------------------------------------------
// weapp package sizes
// ---------------------------------------------------------------------------------------------------------------

function weappRows(): Row[] {
  return weappPackageSizes(join(root, 'dist/weapp')).map((p) => ({
    measure: `weapp ${p.name === MAIN ? 'main package' : `subpackage ${p.name}`} (${p.files} files)`,
    figure: `${n(p.bytes)} B = ${kib(p.bytes)} KiB (${((100 * p.bytes) / PACKAGE_LIMIT_BYTES).toFixed(0)}% of 2 MB)`,
    budget: `≤ ${p.budget / 1024} KiB (limit 2 MB)`,
    holds: p.bytes <= p.budget && p.bytes <= PACKAGE_LIMIT_BYTES,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Round trips, in-process
// ---------------------------------------------------------------------------------------------------------------

async function roundTripRows(): Promise<Row[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zw-bench-trips-'));
  const host: Host = await startHost({ dataDir, poolSize: 1, projectRoot: root });
  const call = functionCaller(() => host);
  try {
    // The scheduler makes each point's monthly figures document ahead of the first event, as in the cloud.
    await fireScheduler(host);
    // The first call of a function loads its code in the worker; round trips do not depend on it, but keep it apart.
    data(await call('resident', 'getPoint', { code: PLAQUE_CODE }, WANG));

    /** Database round trips, and other calls to the server, while `work` runs (two snapshots' difference). */
    const count = async <T>(work: () => Promise<T>) => {
      const before = host.cloudbase.stats.snapshot();
      const result = await work();
      const after = host.cloudbase.stats.snapshot();
      const other = Object.entries(after.byAction)
        .filter(([action]) => !action.startsWith('database.'))
        .map(([action, times]) => [action, times - (before.byAction[action] ?? 0)] as const)
        .filter(([, times]) => times > 0);
      return { trips: after.database - before.database, other: other.map(([a, t]) => `${t} ${a}`).join(', '), result };
    };
    const row = (label: string, c: { trips: number; other: string }, budget: string, holds?: boolean): Row => ({
      measure: `round trips: ${label}`,
      figure: `${c.trips}${c.other ? ` (+ ${c.other})` : ''}`,
      budget,
      holds,
    });

    const rows: Row[] = [];
    const nearby = await count(async () => data(await call('resident', 'listNearbyPoints', { latitude: 24.0685, longitude: 108.6649 }, WANG)));
    rows.push(row('nearby (listNearbyPoints)', nearby, '= 1', nearby.trips === 1));
    const point = await count(async () => data(await call('resident', 'getPoint', { code: PLAQUE_CODE }, WANG)));
    rows.push(row('point page (getPoint)', point, '≤ 2', point.trips <= 2));
    const submit = await count(async () => data(await call('resident', 'submitRequest', submitInput(), WANG)));
    const id = (submit.result as { id: string }).id;
    const routed = host.cloudbase.store.find('requests', { _id: id })[0]?.assigneeId === 'point-xc-anshan-m1';
    if (!routed) throw new Error('the benchmark request was not routed to the prosecutor');
    rows.push(row('submit (submitRequest, routed, content-checked)', submit, '≤ 5', submit.trips <= 5));
    const mine = await count(async () => data(await call('resident', 'listMyRequests', {}, WANG)));
    rows.push(row('my requests (listMyRequests)', mine, '—'));
    const accept = await count(async () => data(await call('team', 'accept', { requestId: id }, PROSECUTOR)));
    rows.push(row('accept (team)', accept, '—'));
    const reply = await count(async () => data(await call('team', 'reply', { requestId: id, text: '您好，我是检察官，今天下午方便通话吗？', internal: false }, PROSECUTOR)));
    rows.push(row('reply (team)', reply, '—'));
    const resolved = await count(async () => data(await call('team', 'resolve', { requestId: id, summary: '已联系法律援助中心，帮您申请了人身安全保护令' }, PROSECUTOR)));
    rows.push(row('resolve (team)', resolved, '—'));

    const staff = host.personas.find((p) => p.id === 'county-451322')?.openid as string;
    const period = lastTwelveMonths(new Date());
    const dashboard = async () => {
      const reply = (await host.invoke('county', { action: 'dashboard', input: { period } }, { openid: staff })) as { ok: boolean; message?: string };
      if (!reply.ok) throw new Error(`dashboard: ${reply.message}`);
    };
    await dashboard();
    const few = host.cloudbase.store.count('requests', {});
    const withFew = await count(dashboard);
    log(`  inserting ${n(MANY_REQUESTS)} generated requests for the dashboard's second load`);
    loadGenerated(host.cloudbase.store, { count: MANY_REQUESTS, seed: 8, now: new Date(), months: 12 });
    const many = host.cloudbase.store.count('requests', {});
    const withMany = await count(dashboard);
    rows.push({
      measure: 'round trips: dashboard (county), few vs many requests',
      figure: `${withFew.trips} with ${n(few)} request${few === 1 ? '' : 's'} stored, ${withMany.trips} with ${n(many)}`,
      budget: 'the same (dashboard.test.ts)',
      holds: withFew.trips === withMany.trips,
    });
    return rows;
  } finally {
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The host as a child process
// ---------------------------------------------------------------------------------------------------------------

interface ChildHost {
  url: string;
  child: ChildProcess;
  dataDir: string;
}

/** `tsx local/host/main.ts`, as `npm start` runs it, in its own process group so its workers stop with it. */
async function startChildHost(): Promise<ChildHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zw-bench-host-'));
  const port = await freePort();
  const child = spawn(process.execPath, [tsxCli, join(root, 'local/host/main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), LOCAL_DATA_DIR: dataDir, LOCAL_LOAD_RESIDENTS: String(LOAD_RESIDENTS) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}/`;
  let output = '';
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`the host did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(url)) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the host exited (${code}):\n${output}`));
    });
  });
  return { url, child, dataDir };
}

async function stopChildHost(host: ChildHost) {
  const pid = host.child.pid;
  if (pid !== undefined && host.child.exitCode === null) {
    const exited = new Promise<void>((done) => host.child.once('exit', () => done()));
    process.kill(-pid, 'SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (host.child.exitCode === null && host.child.signalCode === null) process.kill(-pid, 'SIGKILL');
  }
  rmSync(host.dataDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------------
// H5 cold load of the plaque path
// ---------------------------------------------------------------------------------------------------------------

/**
 * Runs in the page before its own scripts: on each animation frame, whether the app's rendered text (innerText leaves
 * out what is hidden) holds the executive's name; then the time since navigation start and the bytes fetched so far.
 */
const MARK_SCRIPT = `(() => {
  const check = () => {
    const app = document.getElementById('app');
    if (app && app.innerText.includes(${JSON.stringify(CONTENT_MARK)})) {
      const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
      window.__contentVisible = { ms: performance.now(), bytes: entries.reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0), requests: entries.length };
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

interface Load {
  ms: number;
  bytes: number;
  requests: number;
}

async function coldLoad(url: string, profile: { network: boolean; cpu: boolean }): Promise<Load> {
  // A fresh browser each run: new profile directory, empty cache, no open connections.
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.addInitScript(MARK_SCRIPT);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (profile.network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...THROTTLE });
    if (profile.cpu) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.goto(url + PLAQUE_PATH, { waitUntil: 'commit', timeout: 60_000 });
    const handle = await page.waitForFunction(() => (window as unknown as { __contentVisible?: Load }).__contentVisible, null, { timeout: 60_000, polling: 100 });
    return (await handle.jsonValue()) as Load;
  } finally {
    await browser.close();
  }
}

async function browserRows(url: string): Promise<Row[]> {
  const profiles = [
    { label: 'loopback', network: false, cpu: false, budgetMs: 1000 },
    { label: 'throttled: 1.6 Mbps ↓ 750 kbps ↑ 150 ms, CPU not slowed', network: true, cpu: false, budgetMs: 3000 },
    { label: `throttled: 1.6 Mbps ↓ 750 kbps ↑ 150 ms, CPU ${CPU_SLOWDOWN}× slower`, network: true, cpu: true, budgetMs: 3000 },
  ];
  const rows: Row[] = [];
  // One load first, so Chromium's own files are in the OS cache for every measured run alike.
  await coldLoad(url, { network: false, cpu: false });
  for (const profile of profiles) {
    const loads: Load[] = [];
    for (let run = 0; run < BROWSER_RUNS; run += 1) loads.push(await coldLoad(url, profile));
    const times = loads.map((l) => l.ms);
    const m = median(times);
    log(`  H5 ${profile.label}: ${times.map((t) => Math.round(t)).join(', ')} ms`);
    const last = loads[loads.length - 1] as Load;
    rows.push({
      measure: `H5 plaque path to 蒙晓梅 on screen, ${profile.label}`,
      figure: `median ${ms(m)} (${BROWSER_RUNS} runs ${ms(Math.min(...times))}–${ms(Math.max(...times))}; ${n(Math.round(last.bytes / 1024))} KiB in ${last.requests} requests)`,
      budget: `≤ ${ms(profile.budgetMs)}`,
      holds: m <= profile.budgetMs,
    });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// Load on the host over HTTP
// ---------------------------------------------------------------------------------------------------------------

interface Answer {
  status: number;
  code?: string;
}

function post(agent: Agent, url: string, persona: string, body: string): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie: `persona=${persona}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          const envelope = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok: boolean; code?: string };
          done({ status: res.statusCode ?? 0, code: envelope.ok ? undefined : envelope.code ?? 'unknown' });
        } catch {
          done({ status: res.statusCode ?? 0, code: 'not JSON' });
        }
      });
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

interface LoadResult {
  ok: number;
  /** Answers that succeeded in each second of the run, to show whether the rate holds as data grows. */
  perSecond: number[];
  seconds: number;
  latencies: number[];
  failures: Record<string, number>;
  exhausted: boolean;
}

/**
 * CLIENTS loops, each sending its next request as soon as the last is answered, for `seconds`. `next` gives the
 * persona and body of a request, or undefined when there is nothing left to send.
 */
async function drive(url: string, seconds: number, next: (client: number) => { persona: string; body: string } | undefined): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let ok = 0;
  const perSecond: number[] = Array.from({ length: Math.ceil(seconds) }, () => 0);
  let exhausted = false;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  const client = async (i: number) => {
    while (performance.now() < deadline) {
      const job = next(i);
      if (!job) {
        exhausted = true;
        return;
      }
      const t = performance.now();
      try {
        const answer = await post(agent, url, job.persona, job.body);
        latencies.push(performance.now() - t);
        if (answer.status === 200 && !answer.code) {
          ok += 1;
          const second = Math.floor((performance.now() - t0) / 1000);
          if (second < perSecond.length) perSecond[second] = (perSecond[second] ?? 0) + 1;
        }
        else failures[answer.code ?? `HTTP ${answer.status}`] = (failures[answer.code ?? `HTTP ${answer.status}`] ?? 0) + 1;
      } catch (error) {
        failures[(error as Error).message] = (failures[(error as Error).message] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  return { ok, perSecond, seconds: elapsed, latencies: latencies.sort((a, b) => a - b), failures, exhausted };
}

/** CPU time (user + system, ms) of a process and all its descendants, threads included, from /proc. */
function treeCpuMs(root: number): number {
  const stats = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => {
      try {
        // Fields after the command name (which may hold spaces): state is [0], ppid [1], utime [11], stime [12].
        const fields = readFileSync(`/proc/${name}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
        return { pid: Number(name), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
      } catch {
        return undefined;
      }
    })
    .filter((s): s is { pid: number; ppid: number; ticks: number } => s !== undefined);
  const inTree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of stats) if (!inTree.has(s.pid) && inTree.has(s.ppid)) grew = inTree.add(s.pid) !== undefined;
  }
  // Linux counts in clock ticks of 10 ms (USER_HZ 100).
  return stats.filter((s) => inTree.has(s.pid)).reduce((sum, s) => sum + s.ticks * 10, 0);
}

async function loadRows(base: string, hostPid: number): Promise<Row[]> {
  const rows: Row[] = [];
  const fnUrl = `${base}api/functions/resident`;
  const pointBody = JSON.stringify({ action: 'getPoint', input: { code: PLAQUE_CODE } });
  const pointJob = (client: number) => ({ persona: `load-resident-${client + 1}`, body: pointBody });

  // Each submit takes the next slot; a woman has SUBMITS_PER_RESIDENT slots in a row.
  let slot = 0;
  const run = Date.now().toString(36);
  const categories = ['rights', 'mental', 'family', 'employment'];
  const submitJob = () => {
    const resident = Math.floor(slot / SUBMITS_PER_RESIDENT) + 1;
    if (resident > LOAD_RESIDENTS) return undefined;
    const s = slot;
    slot += 1;
    // Women at each of the pilot points' plaques, with different needs (routing reads the point's open requests).
    const input = submitInput({
      pointId: PILOT_POINTS[s % PILOT_POINTS.length],
      category: categories[Math.floor(s / PILOT_POINTS.length) % categories.length],
      urgency: 'worry',
      clientKey: `bench-${run}-${s}`,
    });
    return { persona: `load-resident-${resident}`, body: JSON.stringify({ action: 'submitRequest', input }) };
  };

  const report = (label: string, result: LoadResult, budgets: { rate?: number; p99?: number }) => {
    const rate = result.ok / result.seconds;
    const p50 = percentile(result.latencies, 0.5);
    const p99 = percentile(result.latencies, 0.99);
    const failed = Object.entries(result.failures).map(([code, times]) => `${n(times)} ${code}`);
    log(`  ${label}: ${n(result.ok)} ok in ${result.seconds.toFixed(1)} s (per second: ${result.perSecond.join(' ')}), p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms${failed.length ? `, failed: ${failed.join(', ')}` : ''}`);
    rows.push({
      measure: `host ${label}: throughput, ${CLIENTS} clients × ${LOAD_SECONDS} s`,
      figure: `${rate.toFixed(0)}/s (${n(result.ok)} ok; first second ${result.perSecond[0]}/s, last ${result.perSecond.at(-1)}/s; ${failed.length ? failed.join(', ') : 'no failures'}${result.exhausted ? '; ran out of load residents' : ''})`,
      budget: budgets.rate ? `≥ ${budgets.rate}/s` : '—',
      holds: budgets.rate ? rate >= budgets.rate && !result.exhausted : undefined,
    });
    rows.push({
      measure: `host ${label}: latency p50 / p99`,
      figure: `${p50.toFixed(1)} / ${p99.toFixed(1)} ms`,
      budget: budgets.p99 ? `p99 ≤ ${budgets.p99} ms` : '—',
      holds: budgets.p99 ? p99 <= budgets.p99 : undefined,
    });
  };

  log(`  point page: ${WARMUP_SECONDS} s warm-up, then ${LOAD_SECONDS} s`);
  await drive(fnUrl, WARMUP_SECONDS, pointJob);
  const measured = async (label: string, job: Parameters<typeof drive>[2], budgets: { rate?: number; p99?: number }) => {
    const [hostCpu0, ownCpu0] = [treeCpuMs(hostPid), process.cpuUsage()];
    const result = await drive(fnUrl, LOAD_SECONDS, job);
    const hostCpu = treeCpuMs(hostPid) - hostCpu0;
    const ownCpu = process.cpuUsage(ownCpu0);
    report(label, result, budgets);
    const perCall = hostCpu / Math.max(1, result.ok);
    // What the host's own work allows on this machine's cores, whatever the load generator takes.
    rows.push({
      measure: `host ${label}: CPU per call (host, its workers and the local server)`,
      figure: `${perCall.toFixed(1)} ms → at most ${Math.floor((cpus().length * 1000) / perCall)}/s on ${cpus().length} CPUs; the load generator took ${((ownCpu.user + ownCpu.system) / 1000 / Math.max(1, result.ok)).toFixed(1)} ms per call`,
      budget: '—',
      holds: undefined,
    });
    return result;
  };
  await measured('point page (getPoint)', pointJob, {});
  log(`  submit: ${WARMUP_SECONDS} s warm-up, then ${LOAD_SECONDS} s`);
  await drive(fnUrl, WARMUP_SECONDS, submitJob);
  await measured('submit (submitRequest)', submitJob, { rate: 200, p99: 150 });
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------

function table(rows: Row[]): string {
  const header = ['measure', 'figure', 'budget', 'holds'];
  const cells = rows.map((r) => [r.measure, r.figure, r.budget, r.holds === undefined ? '—' : r.holds ? 'yes' : 'NO']);
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  return [header, header.map(() => '---'), ...cells].map((row) => `| ${row.map(escape).join(' | ')} |`).join('\n');
}

async function main() {
  const load0 = loadavg();
  log(`${cpus().length} CPUs, node ${process.version}, load average ${load0.map((x) => x.toFixed(2)).join(' ')}`);
  log('building the functions and the host worker');
  execFileSync(process.execPath, [tsxCli, join(root, 'scripts/build-functions.ts')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (runs('sizes')) ensureBuilt('dist/weapp', 'weapp');
  if (runs('h5')) ensureBuilt('dist/h5', 'h5');

  const rows: Row[] = [];
  if (runs('sizes')) {
    log('weapp package sizes');
    rows.push(...weappRows());
  }
  if (runs('trips')) {
    log('round trips per action (in-process host)');
    rows.push(...(await roundTripRows()));
  }
  if (runs('h5') || runs('load')) {
    log(`starting the host as a child process (${LOAD_RESIDENTS} load residents)`);
    const host = await startChildHost();
    try {
      if (runs('h5')) {
        log(`H5 cold loads of ${PLAQUE_PATH}, ${BROWSER_RUNS} per profile`);
        rows.push(...(await browserRows(host.url)));
      }
      if (runs('load')) {
        log(`load: ${CLIENTS} clients over HTTP`);
        rows.push(...(await loadRows(host.url, host.child.pid as number)));
      }
    } finally {
      await stopChildHost(host);
    }
  }

  const seconds = (performance.now() - started) / 1000;
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const facts = [
    `Measured ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} on ${cpus().length} CPUs (${cpu}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, ${process.platform}; load average ${load0.map((x) => x.toFixed(2)).join(' ')} at the start, ${loadavg().map((x) => x.toFixed(2)).join(' ')} at the end; the bench took ${seconds.toFixed(0)} s.`,
  ];
  const how = [
    '- **weapp**: every file of `dist/weapp` but `project.config.json` and the minifier\'s `*.LICENSE.txt` notes, each in the subpackage whose root holds it, else the main package (`scripts/lib/weapp-size.ts`, shared with `test/weapp/build-check.test.ts` and `test/functions/budgets.test.ts`). 1 KiB = 1024 B; 2 MB = 2 MiB, WeChat\'s per-package limit.',
    `- **H5**: the production build (\`dist/h5\`) served by the local host, opened at \`/${PLAQUE_PATH}\` (what the plaque's code opens) in headless Chromium (Debian's, driven by playwright-core), a new browser (fresh profile, empty cache, cache disabled) for each run, 390×844 mobile viewport. Time from navigation start to the first animation frame in which the app's rendered text holds the executive's name (${CONTENT_MARK}), i.e. the five displays are on screen; median of ${BROWSER_RUNS} runs after one unmeasured load. Throttling through CDP \`Network.emulateNetworkConditions\` (1.6 Mbps down, 750 kbps up, 150 ms latency), and in the last row also \`Emulation.setCPUThrottlingRate\` ${CPU_SLOWDOWN}×. KiB: bytes transferred up to that frame (the host gzips the app's text files).`,
    '- **Round trips**: the real functions in the in-process host (`startHost`, one worker) against the local CloudBase-protocol server; the difference of `host.cloudbase.stats.snapshot()` around each call (database actions; other actions in brackets). After the scheduler made the month\'s figures documents, as in the cloud. Submit: a rights request at 鞍山社区 from 王女士, routed to the prosecutor (content check included); accept, reply and resolve by her on that request. Dashboard: 忻城县, last twelve months, before and after inserting generated requests straight into the store.',
    `- **Host load**: \`tsx local/host/main.ts\` as a child process (PORT, a temporary LOCAL_DATA_DIR, LOCAL_LOAD_RESIDENTS=${LOAD_RESIDENTS}; its default pool of 4 function workers) on loopback; ${CLIENTS} clients in this process, each posting \`/api/functions/resident\` again as soon as it has its answer (keep-alive), ${WARMUP_SECONDS} s warm-up then ${LOAD_SECONDS} s measured. Point page: \`getPoint\` for ${PLAQUE_CODE}. Submit: \`submitRequest\` at the five pilot points in turn, four categories in turn, ${SUBMITS_PER_RESIDENT} per load resident (\`persona=load-resident-N\` cookie) so the 5-an-hour limit is not reached; RateLimited and other refusals are counted and not in the throughput. Nobody answers the requests during the run, so each point's open requests grow to a few hundred, and with them the routing read that counts them: compare the first and the last second. The load generator shares the machine's ${cpus().length} CPUs with the host, its workers and anything else running.`,
  ];
  const text = table(rows);
  console.log(text);
  console.log('');
  for (const line of [...facts, ...how]) console.log(line);

  if (chosen.length > 0) return;
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(
    join(root, 'docs/benchmarks.md'),
    ['# Benchmarks', '', 'Written by `npm run bench` (scripts/bench.ts); run it again to replace this file.', '', ...facts, '', text, '', '## How it was measured', '', ...how, ''].join('\n'),
  );
  log('written to docs/benchmarks.md');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
