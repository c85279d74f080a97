/**
 * Crash test (issue 7): the local host runs as a child process, clients submit requests concurrently and retry with
 * the same clientKey until answered, the host is killed with SIGKILL mid-traffic and restarted on the same data, and
 * the store is then read directly to check that every acknowledged request is there once, whole.
 * `npx tsx scripts/crash-test.ts` runs it alone and prints its figures; test/functions/crash.test.ts runs it in `npm test`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { SENSITIVE_DATA_CONSENT } from '../core/consent';
import { CATEGORIES, REQUEST_STATUSES, URGENCIES } from '../core/domain';
import { DocumentStore, type Doc } from '../local/db/store';
import { buildDemoData } from '../local/seed/demo-data';
import { freePort } from './lib/bench-helpers';

export interface CrashTestOptions {
  /** Distinct submits (clientKeys) in all. */
  submits?: number;
  /** Submits per woman (default 2): the per-user limit of 5 submits an hour must never be what refuses one. */
  perResident?: number;
  concurrency?: number;
  /** The host is killed once this share of the submits is acknowledged. */
  killAtAckedShare?: number;
  /** Clients give up retrying this long after the traffic starts. */
  deadlineMs?: number;
  dataDir?: string;
  log?: (line: string) => void;
}

export interface CrashTestReport {
  /** Distinct clientKeys sent at least once. */
  sent: number;
  /** HTTP calls in all, retries included. */
  attempts: number;
  acknowledged: number;
  /** Submits sent and not yet answered when the host was killed. */
  inFlightAtKill: number;
  acknowledgedBeforeKill: number;
  /** Answers `duplicate: true`: the first attempt was stored but its answer was lost, the retry found it. */
  answeredAsDuplicate: number;
  /** Submits refused with a code other than Internal (not retried). */
  refused: number;
  /** Submits still unanswered when the deadline passed. */
  unanswered: number;
  foundAfterRestart: number;
  acknowledgedMissing: number;
  acknowledgedWithOtherId: number;
  duplicates: number;
  halfWritten: number;
  /** Stored requests of the test's women that no client sent (should be none). */
  unexpected: number;
  /** The monthly figures' `submitted` count added during the test, against the requests stored. */
  statsSubmittedAdded: number;
  statsShortBy: number;
  /** Points whose figures differ from their stored requests (a crash between the insert and the counter write). */
  statsMismatches: string[];
  sqliteIntegrity: string;
  /** Submitted descriptions or phone numbers found in the host's stdout / stderr. */
  personalDataInLogs: number;
  hostRestartMs: number;
  durationMs: number;
  /** Kept only when something went wrong, to look into. */
  dataDir: string | null;
  /** Everything that breaks the guarantees (empty when the store and the retries held). */
  problems: string[];
}

interface Submit {
  personaId: string;
  openid: string;
  input: {
    pointId: string;
    category: string;
    urgency: string;
    description: string;
    contact: { anonymous: false; phone: string; method: 'call' };
    inDanger: boolean;
    consentVersion: string;
    clientKey: string;
  };
  /** Unique text inside the description, to look for in logs. */
  tag: string;
}

interface Outcome {
  ackedId?: string;
  duplicate?: boolean;
  refusedCode?: string;
  attempts: number;
}

const ROOT = resolve(__dirname, '..');
/** The demo data's pilot points, in its order. */
const POINT_IDS = buildDemoData().points.map((p) => p._id);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The host as `npm start` runs it, with the tsx loader in the same process so SIGKILL reaches the host itself. */
class HostProcess {
  output = '';
  private child?: ChildProcess;
  private exited?: Promise<number | null>;

  constructor(
    private readonly env: Record<string, string>,
    private readonly label: string,
  ) {}

  async start(timeoutMs = 30_000): Promise<string> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/host/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((r) => child.once('exit', (code) => r(code)));
    const url = new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.label}: the host printed no URL within ${timeoutMs} ms\n${this.output}`)), timeoutMs);
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString('utf8');
        const match = /本地运行中：(http:\/\/127\.0\.0\.1:\d+\/)/.exec(this.output);
        if (match) {
          clearTimeout(timer);
          resolveUrl(match[1] as string);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      void this.exited?.then((code) => {
        clearTimeout(timer);
        reject(new Error(`${this.label}: the host exited (${code}) before printing its URL\n${this.output}`));
      });
    });
    return url;
  }

  async kill(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM: the host closes its server, workers and store; returns its exit code. */
  async stop(timeoutMs = 15_000): Promise<number | null | 'timeout'> {
    if (!this.child || this.child.exitCode !== null) return this.child?.exitCode ?? null;
    this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
    const result = await Promise.race([this.exited as Promise<number | null>, timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') await this.kill();
    return result;
  }
}

function buildSubmits(count: number, perResident: number, runTag: string): Submit[] {
  const phonePrefix = `139${String(randomBytes(2).readUInt16BE(0) % 10_000).padStart(4, '0')}`;
  return Array.from({ length: count }, (_, n) => {
    const resident = Math.floor(n / perResident) + 1;
    const tag = `${runTag}-${n}`;
    return {
      personaId: `load-resident-${resident}`,
      openid: `local-load-resident-${resident}`,
      tag,
      input: {
        pointId: POINT_IDS[n % POINT_IDS.length] as string,
        category: CATEGORIES[n % CATEGORIES.length] as string,
        urgency: URGENCIES[n % URGENCIES.length] as string,
        description: `邻居家每天夜里很吵，想请社区帮忙协调（${tag}）`,
        contact: { anonymous: false, phone: `${phonePrefix}${String(n).padStart(4, '0')}`, method: 'call' },
        inDanger: false,
        consentVersion: SENSITIVE_DATA_CONSENT.version,
        clientKey: `crash-${tag}`,
      },
    };
  });
}

/** What a stored request lacks of what submitRequest writes (empty: whole). */
export function missingParts(doc: Doc, sent: Submit['input']): string[] {
  const isText = (v: unknown) => typeof v === 'string' && v.length > 0;
  const isTime = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
  const timelineTypes = Array.isArray(doc.timeline) ? (doc.timeline as Doc[]).map((e) => e?.type) : [];
  const checks: [string, boolean][] = [
    ['pointId', doc.pointId === sent.pointId],
    ['pointName', isText(doc.pointName)],
    ['countyCode', isText(doc.countyCode)],
    ['category', doc.category === sent.category],
    ['urgency', doc.urgency === sent.urgency],
    ['description', doc.description === sent.description],
    ['contact', doc.contact?.phone === sent.contact.phone],
    ['inDanger', doc.inDanger === sent.inDanger],
    ['photos', Array.isArray(doc.photos)],
    ['consent', doc.consent?.version === sent.consentVersion && isTime(doc.consent?.at)],
    ['status', (REQUEST_STATUSES as readonly unknown[]).includes(doc.status)],
    ['assigneeId', isText(doc.assigneeId)],
    ['executiveId', isText(doc.executiveId)],
    ['contentCheck', isText(doc.contentCheck)],
    ['createdAt', isTime(doc.createdAt)],
    ['sla', typeof doc.sla === 'object' && doc.sla !== null],
    ['due', ['firstResponseBy', 'resolveBy', 'remindFirstResponseAt', 'remindResolveAt'].every((k) => isTime(doc.due?.[k]))],
    ['reopenCount', typeof doc.reopenCount === 'number'],
    ['unreadBy', Array.isArray(doc.unreadBy)],
    ['notifyTokens', typeof doc.notifyTokens === 'number'],
    ['timeline', timelineTypes[0] === 'submitted' && timelineTypes[1] === 'assigned'],
  ];
  return checks.filter(([, ok]) => !ok).map(([name]) => name);
}

/** Sum of every cell's `submitted` in the monthly figures, per point. */
function statsSubmittedByPoint(store: DocumentStore): Map<string, number> {
  const byPoint = new Map<string, number>();
  for (const doc of store.aggregate('pointStats', [{ $match: {} }])) {
    let sum = 0;
    for (const cell of Object.values((doc.cells ?? {}) as Record<string, { submitted?: number }>)) sum += cell.submitted ?? 0;
    byPoint.set(doc.pointId as string, (byPoint.get(doc.pointId as string) ?? 0) + sum);
  }
  return byPoint;
}

export async function runCrashTest(options: CrashTestOptions = {}): Promise<CrashTestReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const total = options.submits ?? 300;
  const perResident = options.perResident ?? 2;
  const concurrency = options.concurrency ?? 24;
  const killAt = Math.ceil(total * (options.killAtAckedShare ?? 0.35));
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'zw-crash-'));
  const ownDataDir = options.dataDir === undefined;
  const port = await freePort();
  const env = { LOCAL_DATA_DIR: dataDir, PORT: String(port), LOCAL_LOAD_RESIDENTS: String(Math.ceil(total / perResident)) };
  const problems: string[] = [];

  const first = new HostProcess(env, 'first run');
  const second = new HostProcess(env, 'after the kill');
  const drive = async (): Promise<CrashTestReport> => {
    const url = await first.start();
    log(`host up at ${url} (data ${dataDir}) after ${Date.now() - started} ms`);

    // The figures before any traffic, read beside the running host (WAL lets a second reader in).
    const before = new DocumentStore(join(dataDir, 'cloudbase.sqlite'));
    const statsBefore = statsSubmittedByPoint(before);
    before.close();

    const submits = buildSubmits(total, perResident, randomBytes(3).toString('hex'));
    const outcomes = new Map<string, Outcome>(submits.map((s) => [s.input.clientKey, { attempts: 0 }]));
    const inFlight = new Set<string>();
    let acked = 0;
    let killed: Promise<void> | undefined;
    let restartError: unknown;
    let inFlightAtKill = 0;
    let ackedBeforeKill = 0;
    let hostRestartMs = 0;
    const trafficStarted = Date.now();
    const deadline = trafficStarted + (options.deadlineMs ?? 35_000);

    const killAndRestart = async () => {
      // A little jitter so the kill does not always land right after an answer.
      await sleep(Math.floor(Math.random() * 15));
      inFlightAtKill = inFlight.size;
      ackedBeforeKill = acked;
      const killedAt = Date.now();
      await first.kill();
      log(`SIGKILL after ${ackedBeforeKill} acknowledgements, ${inFlightAtKill} submits in flight`);
      await second.start();
      hostRestartMs = Date.now() - killedAt;
      log(`host back after ${hostRestartMs} ms`);
    };

    const submitOnce = async (submit: Submit): Promise<'acked' | 'retry' | 'refused'> => {
      const outcome = outcomes.get(submit.input.clientKey) as Outcome;
      outcome.attempts += 1;
      inFlight.add(submit.input.clientKey);
      try {
        const response = await fetch(`${url}api/functions/resident`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: `persona=${submit.personaId}` },
          body: JSON.stringify({ action: 'submitRequest', input: submit.input }),
          signal: AbortSignal.timeout(10_000),
        });
        const envelope = (await response.json()) as { ok: boolean; code?: string; data?: { id: string; duplicate: boolean } };
        if (envelope.ok && envelope.data) {
          outcome.ackedId = envelope.data.id;
          outcome.duplicate = envelope.data.duplicate;
          return 'acked';
        }
        if (envelope.code === 'Internal') return 'retry';
        outcome.refusedCode = envelope.code ?? `HTTP ${response.status}`;
        return 'refused';
      } catch {
        // Connection refused or reset, a cut-off answer, or a timeout: the client does not know, so it retries.
        return 'retry';
      } finally {
        inFlight.delete(submit.input.clientKey);
      }
    };

    const queue = [...submits];
    const client = async () => {
      for (let submit = queue.shift(); submit; submit = queue.shift()) {
        for (let attempt = 0; Date.now() < deadline && restartError === undefined; attempt++) {
          const result = await submitOnce(submit);
          if (result !== 'retry') {
            if (result === 'acked' && ++acked >= killAt && !killed) {
              killed = killAndRestart().catch((error: unknown) => {
                restartError = error;
              });
            }
            break;
          }
          await sleep(Math.min(50 * 2 ** attempt, 500) + Math.random() * 50);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, client));
    await killed;
    if (restartError !== undefined) throw restartError;
    const trafficMs = Date.now() - trafficStarted;
    const exitCode = await second.stop();
    if (exitCode !== 0) problems.push(`the restarted host did not stop cleanly (exit ${exitCode})`);
    log(`traffic took ${trafficMs} ms`);
    if (!killed) problems.push('the host was never killed (too few acknowledgements)');

    // Read the store as the next start would find it.
    const file = join(dataDir, 'cloudbase.sqlite');
    const raw = new Database(file, { readonly: true });
    const sqliteIntegrity = String(raw.pragma('integrity_check', { simple: true }));
    raw.close();
    const store = new DocumentStore(file);
    const stored = store.aggregate('requests', [{ $match: { residentOpenid: { $regex: '^local-load-resident-' } } }]);
    const statsAfter = statsSubmittedByPoint(store);
    store.close();

    const sentByKey = new Map(submits.map((s) => [`${s.openid}\u0000${s.input.clientKey}`, s]));
    const storedByKey = new Map<string, Doc[]>();
    for (const doc of stored) {
      const key = `${doc.residentOpenid}\u0000${doc.clientKey}`;
      storedByKey.set(key, [...(storedByKey.get(key) ?? []), doc]);
    }
    let acknowledgedMissing = 0;
    let acknowledgedWithOtherId = 0;
    for (const submit of submits) {
      const outcome = outcomes.get(submit.input.clientKey) as Outcome;
      if (!outcome.ackedId) continue;
      const docs = storedByKey.get(`${submit.openid}\u0000${submit.input.clientKey}`) ?? [];
      if (docs.length === 0) acknowledgedMissing += 1;
      else if (docs.length === 1 && docs[0]?._id !== outcome.ackedId) acknowledgedWithOtherId += 1;
    }
    const duplicates = [...storedByKey.values()].filter((docs) => docs.length > 1).length;
    let halfWritten = 0;
    let unexpected = 0;
    for (const [key, docs] of storedByKey) {
      const submit = sentByKey.get(key);
      if (!submit) {
        unexpected += docs.length;
        continue;
      }
      for (const doc of docs) {
        const missing = missingParts(doc, submit.input);
        if (missing.length > 0) {
          halfWritten += 1;
          problems.push(`request ${doc._id} lacks ${missing.join(', ')}`);
        }
      }
    }

    const storedByPoint = new Map<string, number>();
    for (const doc of stored) storedByPoint.set(doc.pointId as string, (storedByPoint.get(doc.pointId as string) ?? 0) + 1);
    let statsSubmittedAdded = 0;
    const statsMismatches: string[] = [];
    for (const pointId of new Set([...statsAfter.keys(), ...statsBefore.keys()])) {
      const added = (statsAfter.get(pointId) ?? 0) - (statsBefore.get(pointId) ?? 0);
      statsSubmittedAdded += added;
      const requests = storedByPoint.get(pointId) ?? 0;
      if (added !== requests) statsMismatches.push(`${pointId}: ${added} submitted counted, ${requests} requests stored`);
    }

    const logs = first.output + second.output;
    const leaks = submits.filter((s) => logs.includes(s.tag) || logs.includes(s.input.contact.phone) || logs.includes(s.input.description));
    if (leaks.length > 0) problems.push(`personal data in the host's output: ${leaks.length} submits`);
    if ((logs.match(/已写入演示数据/g) ?? []).length !== 1) problems.push('the demo data was not seeded exactly once');

    const values = [...outcomes.values()];
    return {
      sent: values.filter((o) => o.attempts > 0).length,
      attempts: values.reduce((sum, o) => sum + o.attempts, 0),
      acknowledged: values.filter((o) => o.ackedId).length,
      inFlightAtKill,
      acknowledgedBeforeKill: ackedBeforeKill,
      answeredAsDuplicate: values.filter((o) => o.duplicate).length,
      refused: values.filter((o) => o.refusedCode).length,
      unanswered: values.filter((o) => !o.ackedId && !o.refusedCode).length,
      foundAfterRestart: stored.length,
      acknowledgedMissing,
      acknowledgedWithOtherId,
      duplicates,
      halfWritten,
      unexpected,
      statsSubmittedAdded,
      statsShortBy: stored.length - statsSubmittedAdded,
      statsMismatches,
      sqliteIntegrity,
      personalDataInLogs: leaks.length,
      hostRestartMs,
      durationMs: Date.now() - started,
      dataDir,
      problems,
    };
  };

  let report: CrashTestReport | undefined;
  try {
    report = await drive();
    return report;
  } finally {
    // Whatever failed, no host is left running; the data stays for a look when something broke.
    await Promise.all([first.kill(), second.kill()]);
    if (ownDataDir && report?.problems.length === 0) {
      rmSync(dataDir, { recursive: true, force: true });
      report.dataDir = null;
    }
  }
}

export function writeCrashReport(report: CrashTestReport): string {
  const dir = join(ROOT, 'test-output');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'crash-test.json');
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), ...report }, null, 2)}\n`);
  return file;
}

// Run on its own (`npx tsx scripts/crash-test.ts`), not when the jest test imports it.
if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  runCrashTest({ log: (line) => console.log(line) }).then(
    (report) => {
      console.log(JSON.stringify(report, null, 2));
      console.log(`written to ${writeCrashReport(report)}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
