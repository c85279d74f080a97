/**
 * The county dashboard (DESIGN.md §4: figures that do not grow with history) against a brute force over the same
 * requests. Generated requests, with the figures documents their events add and their 督办 records, go straight into
 * the local server's store; the real `county` function reads the dashboard; every figure of every row, of the total
 * and of the trend must equal what a computation written here, independently of core/rollup.ts, finds in the raw
 * requests. Then a handful of requests go through the real functions (submit, accept, resolve, rate, reopen,
 * withdraw), which proves the counting as events happen against the stored request documents.
 */
import { BUCKET_UPPER_MINUTES } from '../../core/rollup';
import type { Category, ServiceRequest, Urgency } from '../../core/domain';
import type { SlaSpan } from '../../core/sla';
import type { Host } from '../../local/host/server';
import { buildDemoData } from '../../local/seed/demo-data';
import { clearGenerated, generateAll, insertStats, type GeneratedData } from '../support/generate-requests';
import { COUNSELLOR, COUNTY_STAFF, data, EXECUTIVE, fireScheduler, functionCaller, LI, OTHER_EXECUTIVE, PROSECUTOR, submitInput, WANG } from '../support/functions';
import { startTestHost } from '../support/local';

const OTHER_COUNTY = 'county-450225';
const XINCHENG = '451322';
const RONGSHUI = '450225';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CHINA = 8 * HOUR;

const demo = buildDemoData();
const pointsOf = (countyCode: string) => demo.points.filter((p) => p.countyCode === countyCode).map((p) => ({ id: p._id, name: p.name }));

// ---------------------------------------------------------------------------------------------------------------
// The brute force: straight from the requests' own fields and timelines, sharing no code with core/rollup.ts.
// ---------------------------------------------------------------------------------------------------------------

/** The month of an instant on China's calendar (UTC+8), as YYYY-MM. */
const chinaMonth = (at: string) => {
  const d = new Date(Date.parse(at) + CHINA);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};

const monthsFrom = (from: string, to: string) => {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(month);
    if (month === to) return out;
    m += 1;
    if (m === 13) {
      y += 1;
      m = 1;
    }
  }
};

/** The end of a span after a start: hours, calendar days, or working days (Monday–Friday in China). */
function spanEnd(start: number, span: SlaSpan): number {
  if (span.unit === 'hours') return start + span.amount * HOUR;
  if (span.unit === 'days') return start + span.amount * DAY;
  let at = start;
  let left = span.amount;
  while (left > 0) {
    at += DAY;
    const weekday = new Date(at + CHINA).getUTCDay();
    if (weekday >= 1 && weekday <= 5) left -= 1;
  }
  return at;
}

/** Nearest rank: the smallest value with at least p of all values at or below it. */
const exactPercentile = (sorted: number[], p: number) => sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1] as number;

/** A duration shown as the upper bound of its histogram bucket; past the last finite bound (30 days), null. */
function asBucketBound(minutes: number): number | null {
  for (const upper of BUCKET_UPPER_MINUTES) if (minutes <= upper) return Number.isFinite(upper) ? upper : null;
  return null;
}

interface Facts {
  pointId: string;
  month: string;
  category: Category;
  urgency: Urgency;
  /** First response and first resolution, minutes after submission, and whether each met its deadline then. */
  response?: { minutes: number; onTime: boolean };
  resolution?: { minutes: number; onTime: boolean };
  ratings: number[];
  reopens: number;
}

/** What happened to one request, read from its timeline. */
function factsOf(r: ServiceRequest): Facts {
  const created = Date.parse(r.createdAt);
  const accepted = r.timeline.find((e) => e.type === 'accepted');
  const resolvedIndex = r.timeline.findIndex((e) => e.type === 'resolved');
  const resolved = r.timeline[resolvedIndex];
  // The deadlines she was promised when she submitted, and the extension days granted before the first resolution.
  const respondBy = spanEnd(created, r.sla.firstResponse);
  const extended = r.timeline.slice(0, resolvedIndex < 0 ? undefined : resolvedIndex).reduce((days, e) => days + (e.type === 'extended' ? (e.days ?? 0) : 0), 0);
  const resolveBy = spanEnd(created, r.sla.resolution) + extended * DAY;
  return {
    pointId: r.pointId,
    month: chinaMonth(r.createdAt),
    category: r.category,
    urgency: r.urgency,
    ...(accepted ? { response: { minutes: (Date.parse(accepted.at) - created) / MINUTE, onTime: Date.parse(accepted.at) <= respondBy } } : {}),
    ...(resolved ? { resolution: { minutes: (Date.parse(resolved.at) - created) / MINUTE, onTime: Date.parse(resolved.at) <= resolveBy } } : {}),
    ratings: r.timeline.filter((e) => e.type === 'rated').map((e) => e.rating as number),
    reopens: r.timeline.filter((e) => e.type === 'reopened').length,
  };
}

/** Open and past a deadline now: not accepted in time, or not resolved in time. */
const overdueAt = (r: ServiceRequest, now: number) =>
  (r.status === 'assigned' && now > Date.parse(r.due.firstResponseBy)) || ((r.status === 'assigned' || r.status === 'accepted') && now > Date.parse(r.due.resolveBy));

/** The figures of a set of requests, with only the figures there is something to measure for. */
function figures(facts: Facts[]): Record<string, number | null> {
  const responses = facts.flatMap((f) => (f.response ? [f.response] : []));
  const resolutions = facts.flatMap((f) => (f.resolution ? [f.resolution] : []));
  const ratings = facts.flatMap((f) => f.ratings);
  const reopens = facts.reduce((n, f) => n + f.reopens, 0);
  const responseMinutes = responses.map((x) => x.minutes).sort((a, b) => a - b);
  const resolutionMinutes = resolutions.map((x) => x.minutes).sort((a, b) => a - b);
  const out: Record<string, number | null> = { requests: facts.length };
  if (responses.length > 0) {
    out.firstResponseMedian = asBucketBound(exactPercentile(responseMinutes, 0.5));
    out.firstResponseP90 = asBucketBound(exactPercentile(responseMinutes, 0.9));
    out.firstResponseWithinSla = responses.filter((x) => x.onTime).length / responses.length;
  }
  if (resolutions.length > 0) {
    out.resolutionMedian = asBucketBound(exactPercentile(resolutionMinutes, 0.5));
    out.resolutionWithinSla = resolutions.filter((x) => x.onTime).length / resolutions.length;
    out.reopenRate = reopens / resolutions.length;
  }
  if (ratings.length > 0) out.averageRating = ratings.reduce((a, b) => a + b, 0) / ratings.length;
  return out;
}

interface Filter {
  category?: Category;
  urgency?: Urgency;
}

/** The dashboard as it should be, from the requests alone. */
function bruteForce(requests: ServiceRequest[], countyCode: string, period: { from: string; to: string }, filter: Filter, now: number) {
  const months = monthsFrom(period.from, period.to);
  const matches = (r: ServiceRequest) => r.countyCode === countyCode && (!filter.category || r.category === filter.category) && (!filter.urgency || r.urgency === filter.urgency);
  const chosen = requests.filter(matches);
  const inPeriod = chosen.map(factsOf).filter((f) => months.includes(f.month));
  const overdue = chosen.filter((r) => overdueAt(r, now));
  return {
    periods: months,
    rows: pointsOf(countyCode).map((p) => ({
      pointId: p.id,
      pointName: p.name,
      ...figures(inPeriod.filter((f) => f.pointId === p.id)),
      overdueNow: overdue.filter((r) => r.pointId === p.id).length,
    })),
    total: { ...figures(inPeriod), overdueNow: overdue.length },
    trend: months.map((period) => ({ period, ...figures(inPeriod.filter((f) => f.month === period)) })),
  };
}

// ---------------------------------------------------------------------------------------------------------------

let host: Host;
const call = functionCaller(() => host);

/** Documents each dashboard query returned, per collection (the local store's `find` observed, not changed). */
function observeReads(store: Host['cloudbase']['store']) {
  const counts: Record<string, number> = {};
  const find = store.find.bind(store);
  store.find = (collection, ...rest) => {
    const docs = find(collection, ...rest);
    counts[collection] = (counts[collection] ?? 0) + docs.length;
    return docs;
  };
  return {
    counts,
    reset: () => {
      for (const key of Object.keys(counts)) delete counts[key];
    },
    stop: () => {
      store.find = find;
    },
  };
}

const load = (generated: GeneratedData) => {
  const { store } = host.cloudbase;
  clearGenerated(store);
  for (let i = 0; i < generated.requests.length; i += 1000) store.insert('requests', generated.requests.slice(i, i + 1000));
  if (generated.escalations.length > 0) store.insert('escalations', generated.escalations);
  insertStats(store, generated.stats);
};

describe('the dashboard of generated requests, against a brute force over them', () => {
  const NOW = new Date('2026-10-20T03:00:00.000Z');
  const SEED = 451322;
  // Eight months of history (2026-03 … 2026-10); the dashboard looks at the last seven, so March stays out.
  const generated = generateAll({ count: 3000, seed: SEED, now: NOW, months: 8 });
  const period = { from: '2026-04', to: '2026-10' };
  const now = generated.now.getTime();

  beforeAll(async () => {
    host = await startTestHost();
    load(generated);
  });
  afterAll(() => host.close());

  test('the generated requests exercise what the figures measure', () => {
    const { requests } = generated;
    const facts = requests.filter((r) => r.countyCode === XINCHENG).map(factsOf);
    const responses = facts.flatMap((f) => (f.response ? [f.response] : []));
    // Requests near a month boundary, in a different month in China than in UTC.
    expect(requests.filter((r) => chinaMonth(r.createdAt) !== r.createdAt.slice(0, 7)).length).toBeGreaterThan(5);
    expect(new Set(requests.map((r) => chinaMonth(r.createdAt)))).toEqual(new Set(monthsFrom('2026-03', '2026-10')));
    expect(new Set(requests.map((r) => r.status))).toEqual(new Set(['assigned', 'accepted', 'resolved', 'withdrawn', 'closed']));
    expect(new Set(requests.map((r) => r.category)).size).toBe(7);
    expect(new Set(requests.map((r) => r.urgency)).size).toBe(3);
    // Durations from minutes to more than 30 days, on time and late, ratings, reopens, extensions, working-day targets.
    expect(responses.some((x) => x.minutes <= 15)).toBe(true);
    expect(responses.some((x) => x.minutes > 43200)).toBe(true);
    expect(responses.some((x) => !x.onTime) && responses.some((x) => x.onTime)).toBe(true);
    expect(facts.filter((f) => f.reopens > 0).length).toBeGreaterThan(3);
    expect(requests.filter((r) => (r.extensionDays ?? 0) > 0).length).toBeGreaterThan(5);
    expect(requests.some((r) => r.countyCode === XINCHENG && r.sla.resolution.unit === 'workingDays')).toBe(true);
    expect(requests.filter((r) => r.countyCode === XINCHENG && overdueAt(r, now)).length).toBeGreaterThan(5);
    // Every open 督办 record belongs to a request overdue now, and every request overdue now has one.
    const openEscalated = new Set(generated.escalations.filter((e) => !e.settledAt).map((e) => e.requestId));
    expect(openEscalated).toEqual(new Set(requests.filter((r) => overdueAt(r, now)).map((r) => r._id)));
  });

  test.each<[string, Filter]>([
    ['no filter', {}],
    ['one category', { category: 'family' }],
    ['one urgency', { urgency: 'distress' }],
    ['a category and an urgency', { category: 'rights', urgency: 'trouble' }],
  ])('every figure of every row, the total and the trend, with %s', async (_name, filter) => {
    const board = data(await call('county', 'dashboard', { period, ...filter }, COUNTY_STAFF));
    const expected = bruteForce(generated.requests, XINCHENG, period, filter, now);
    expect(board.countyName).toBe('忻城县');
    expect(board.periods).toEqual(expected.periods);
    expect([...board.rows].sort((a: { pointId: string }, b: { pointId: string }) => a.pointId.localeCompare(b.pointId))).toEqual(
      [...expected.rows].sort((a, b) => a.pointId.localeCompare(b.pointId)),
    );
    expect(board.total).toEqual(expected.total);
    expect(board.trend).toEqual(expected.trend);
  });

  test('staff of another county see their own points and figures, none of 忻城县', async () => {
    const board = data(await call('county', 'dashboard', { period }, OTHER_COUNTY));
    expect(board.rows.map((r: { pointId: string }) => r.pointId)).toEqual(['point-rs-jiangmen']);
    expect(JSON.stringify(board)).not.toMatch(/point-xc|忻城/);
    const expected = bruteForce(generated.requests, RONGSHUI, period, {}, now);
    expect(board.rows).toEqual(expected.rows);
    expect(board.total).toEqual(expected.total);
    expect(board.trend).toEqual(expected.trend);
  });

  test('one load costs the same database round trips for 1,000 and for 3,000 requests, and reads points × months figures', async () => {
    const cost = async () => {
      const reads = observeReads(host.cloudbase.store);
      host.cloudbase.stats.reset();
      try {
        data(await call('county', 'dashboard', { period }, COUNTY_STAFF));
        return { roundTrips: host.cloudbase.stats.snapshot(), reads: { ...reads.counts } };
      } finally {
        reads.stop();
      }
    };
    const withThousands = await cost();
    load(generateAll({ count: 1000, seed: SEED, now: NOW, months: 8 }));
    const withOneThousand = await cost();
    load(generated);

    expect(withOneThousand.roundTrips).toEqual(withThousands.roundTrips);
    expect(withThousands.roundTrips.database).toBe(4);
    // The figures documents read: at most one per point per month of the period, whatever the history.
    expect(withThousands.reads.pointStats).toBe(pointsOf(XINCHENG).length * monthsFrom(period.from, period.to).length);
    expect(withOneThousand.reads.pointStats).toBe(withThousands.reads.pointStats);
    // The request documents are never read.
    expect(withThousands.reads.requests ?? 0).toBe(0);
  });
});

describe('counted as events happen, through the real functions', () => {
  beforeAll(async () => {
    host = await startTestHost();
    // The scheduler makes each point's monthly figures document ahead of the first event, as it does in the cloud.
    await fireScheduler(host);
  });
  afterAll(() => host.close());

  const personaOfMember = (memberId: string) => (memberId.endsWith('-m0') ? `${memberId.slice(0, -3)}-executive` : memberId);
  const requestDoc = (id: string) => host.cloudbase.store.find('requests', { _id: id })[0] as ServiceRequest;

  test('submitted, accepted, resolved, rated and reopened requests add up to what the stored requests say', async () => {
    const submit = async (overrides: Record<string, unknown>, persona = WANG) => data(await call('resident', 'submitRequest', submitInput(overrides), persona)).id as string;
    const accept = async (id: string) => data(await call('team', 'accept', { requestId: id }, personaOfMember(requestDoc(id).assigneeId)));
    const resolve = async (id: string) => data(await call('team', 'resolve', { requestId: id, summary: '已经电话联系并帮助解决' }, personaOfMember(requestDoc(id).assigneeId)));
    const rate = async (id: string, rating: number, persona = WANG) => data(await call('resident', 'rate', { requestId: id, rating }, persona));

    // 鞍山: rights → the prosecutor, mental → the counsellor, other → the executive; 城南: other → its executive.
    const a = await submit({ category: 'rights', urgency: 'distress' });
    const b = await submit({ category: 'mental', urgency: 'worry' });
    const c = await submit({ category: 'other', urgency: 'trouble' }, LI);
    const d = await submit({ pointId: 'point-xc-chengnan', category: 'other', urgency: 'worry' });
    const e = await submit({ category: 'rights', urgency: 'trouble' }, LI);
    const f = await submit({ category: 'mental', urgency: 'distress' });
    const g = await submit({ pointId: 'point-xc-chengnan', category: 'other', urgency: 'distress' }, LI);
    expect([a, e].map((id) => requestDoc(id).assigneeId)).toEqual([PROSECUTOR, PROSECUTOR]);
    expect([b, f].map((id) => requestDoc(id).assigneeId)).toEqual([COUNSELLOR, COUNSELLOR]);
    expect(personaOfMember(requestDoc(c).assigneeId)).toBe(EXECUTIVE);
    expect(personaOfMember(requestDoc(d).assigneeId)).toBe(OTHER_EXECUTIVE);

    for (const id of [a, b, c, d, e]) await accept(id);
    for (const id of [a, b, c, d]) await resolve(id);
    await rate(a, 5);
    await rate(b, 4);
    await rate(c, 1, LI);
    // 重办: she was not satisfied; resolved again and rated again.
    data(await call('resident', 'reopen', { requestId: c, reason: '问题还是没有解决，希望重新办理' }, LI));
    await resolve(c);
    await rate(c, 3, LI);
    // f is withdrawn before anyone accepted it; g stays waiting.
    data(await call('resident', 'withdraw', { requestId: f }, WANG));
    expect([f, g].map((id) => requestDoc(id).status)).toEqual(['withdrawn', 'assigned']);

    const stored = host.cloudbase.store.find('requests', { countyCode: XINCHENG }, { limit: 1000 }) as ServiceRequest[];
    expect(stored).toHaveLength(7);
    const month = chinaMonth(new Date().toISOString());
    const period = { from: month, to: month };
    const now = Date.now();

    for (const filter of [{}, { category: 'other' as Category }, { urgency: 'distress' as Urgency }]) {
      const board = data(await call('county', 'dashboard', { period, ...filter }, COUNTY_STAFF));
      const expected = bruteForce(stored, XINCHENG, period, filter, now);
      expect(board.rows).toEqual(expect.arrayContaining(expected.rows));
      expect(board.rows).toHaveLength(expected.rows.length);
      expect(board.total).toEqual(expected.total);
      expect(board.trend).toEqual(expected.trend);
    }

    // The counters themselves, point by point: one document per point for this month, as the scheduler made it.
    const board = data(await call('county', 'dashboard', { period }, COUNTY_STAFF));
    expect(board.total).toMatchObject({ requests: 7, firstResponseWithinSla: 1, resolutionWithinSla: 1, averageRating: (5 + 4 + 1 + 3) / 4, reopenRate: 1 / 4 });
    for (const pointId of ['point-xc-anshan', 'point-xc-chengnan']) {
      const [doc] = host.cloudbase.store.find('pointStats', { _id: `${pointId}:${month}` }) as { cells: Record<string, Record<string, any>> }[];
      const cells = Object.values(doc?.cells ?? {});
      const sum = (field: string) => cells.reduce((n, cell) => n + ((cell[field] as number | undefined) ?? 0), 0);
      const mine = stored.filter((r) => r.pointId === pointId).map(factsOf);
      expect({
        submitted: sum('submitted'),
        responded: sum('responded'),
        resolved: sum('resolved'),
        ratingCount: sum('ratingCount'),
        ratingSum: sum('ratingSum'),
        reopened: sum('reopened'),
      }).toEqual({
        submitted: mine.length,
        responded: mine.filter((x) => x.response).length,
        resolved: mine.filter((x) => x.resolution).length,
        ratingCount: mine.flatMap((x) => x.ratings).length,
        ratingSum: mine.flatMap((x) => x.ratings).reduce((s, x) => s + x, 0),
        reopened: mine.reduce((s, x) => s + x.reopens, 0),
      });
    }
  });
});
