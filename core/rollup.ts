/**
 * Figures that do not grow with history (DESIGN.md §4): as events happen, each is added to one document per point per
 * month (counts, sums and histogram buckets), and the dashboard reads O(points × months) documents, never the
 * requests. Requests are counted in the month they were submitted (a cohort), in China's calendar.
 */
import { chinaMonth } from './china-time';
import type { Category, Urgency } from './domain';

/** Upper bounds of the histogram buckets, in minutes: 15 min … 30 days, then everything longer. */
export const BUCKET_UPPER_MINUTES = [15, 30, 60, 120, 240, 480, 720, 1440, 2880, 4320, 7200, 10080, 14400, 21600, 43200, Infinity] as const;

export const bucketOf = (minutes: number): number => BUCKET_UPPER_MINUTES.findIndex((upper) => minutes <= upper);

export interface StatsCell {
  submitted: number;
  responded: number;
  respondedMinutes: number;
  respondedWithinSla: number;
  /** Bucket index → count (an object, so a missing bucket can be incremented in place). */
  respondedHist: Record<string, number>;
  resolved: number;
  resolvedMinutes: number;
  resolvedWithinSla: number;
  resolvedHist: Record<string, number>;
  ratingSum: number;
  ratingCount: number;
  reopened: number;
}

export interface PointStats {
  /** `<pointId>:<YYYY-MM>` */
  _id: string;
  pointId: string;
  countyCode: string;
  period: string;
  /** By `<category>_<urgency>`, so the dashboard can filter by either. */
  cells: Record<string, Partial<StatsCell>>;
}

/** The month an instant falls in on China's calendar: 2026-11. */
export const periodOf = (iso: string): string => chinaMonth(iso);

/** The month after a YYYY-MM month. */
export const nextPeriod = (period: string): string => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
};

export const statsId = (pointId: string, period: string) => `${pointId}:${period}`;
export const cellKey = (category: Category, urgency: Urgency) => `${category}_${urgency}`;

export type StatsEvent =
  | { type: 'submitted' }
  | { type: 'responded'; minutes: number; withinSla: boolean }
  | { type: 'resolved'; minutes: number; withinSla: boolean }
  | { type: 'rated'; rating: number }
  | { type: 'reopened' };

export interface StatsIncrement {
  id: string;
  pointId: string;
  countyCode: string;
  period: string;
  /** Dotted path → amount to add. */
  add: Record<string, number>;
}

interface RequestFacts {
  pointId: string;
  countyCode: string;
  category: Category;
  urgency: Urgency;
  createdAt: string;
}

export function statsIncrement(request: RequestFacts, event: StatsEvent): StatsIncrement {
  const period = periodOf(request.createdAt);
  const cell = `cells.${cellKey(request.category, request.urgency)}`;
  const add: Record<string, number> = {};
  switch (event.type) {
    case 'submitted':
      add[`${cell}.submitted`] = 1;
      break;
    case 'responded':
    case 'resolved': {
      const prefix = event.type === 'responded' ? 'responded' : 'resolved';
      add[`${cell}.${prefix}`] = 1;
      add[`${cell}.${prefix}Minutes`] = Math.round(event.minutes);
      add[`${cell}.${prefix}WithinSla`] = event.withinSla ? 1 : 0;
      add[`${cell}.${prefix}Hist.b${bucketOf(event.minutes)}`] = 1;
      break;
    }
    case 'rated':
      add[`${cell}.ratingSum`] = event.rating;
      add[`${cell}.ratingCount`] = 1;
      break;
    case 'reopened':
      add[`${cell}.reopened`] = 1;
      break;
  }
  return { id: statsId(request.pointId, period), pointId: request.pointId, countyCode: request.countyCode, period, add };
}

export const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;

/** Adds cells together (the same fields), for a point over months and categories. */
export function mergeCells(cells: Partial<StatsCell>[]): StatsCell {
  const total: StatsCell = {
    submitted: 0,
    responded: 0,
    respondedMinutes: 0,
    respondedWithinSla: 0,
    respondedHist: {},
    resolved: 0,
    resolvedMinutes: 0,
    resolvedWithinSla: 0,
    resolvedHist: {},
    ratingSum: 0,
    ratingCount: 0,
    reopened: 0,
  };
  for (const cell of cells) {
    for (const key of Object.keys(total) as (keyof StatsCell)[]) {
      const value = cell[key];
      if (value === undefined) continue;
      if (typeof value === 'number') (total[key] as number) += value;
      else for (const [bucket, n] of Object.entries(value)) (total[key] as Record<string, number>)[bucket] = ((total[key] as Record<string, number>)[bucket] ?? 0) + n;
    }
  }
  return total;
}

/**
 * The p-th percentile read from a histogram: the upper bound of the bucket that holds it (minutes), `null` when it
 * falls past 30 days, `undefined` when there is nothing to measure.
 */
export function percentileMinutes(hist: Record<string, number>, p: number): number | null | undefined {
  const total = Object.values(hist).reduce((a, b) => a + b, 0);
  if (total === 0) return undefined;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (let i = 0; i < BUCKET_UPPER_MINUTES.length; i += 1) {
    seen += hist[`b${i}`] ?? 0;
    if (seen >= rank) {
      const upper = BUCKET_UPPER_MINUTES[i] as number;
      return Number.isFinite(upper) ? upper : null;
    }
  }
  return null;
}

export interface PointFigures {
  requests: number;
  /** Minutes, as the upper bound of the histogram bucket (null: over 30 days; undefined: none yet). */
  firstResponseMedian?: number | null;
  firstResponseP90?: number | null;
  resolutionMedian?: number | null;
  /** Share of first responses, and of resolutions, that met their deadline (0–1). */
  firstResponseWithinSla?: number;
  resolutionWithinSla?: number;
  averageRating?: number;
  /** Reopened per resolution (0–1). */
  reopenRate?: number;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : undefined);

export function figuresOf(cell: StatsCell): PointFigures {
  const figures: PointFigures = {
    requests: cell.submitted,
    firstResponseMedian: percentileMinutes(cell.respondedHist, 0.5),
    firstResponseP90: percentileMinutes(cell.respondedHist, 0.9),
    resolutionMedian: percentileMinutes(cell.resolvedHist, 0.5),
    firstResponseWithinSla: share(cell.respondedWithinSla, cell.responded),
    resolutionWithinSla: share(cell.resolvedWithinSla, cell.resolved),
    averageRating: cell.ratingCount > 0 ? cell.ratingSum / cell.ratingCount : undefined,
    reopenRate: share(cell.reopened, cell.resolved),
  };
  return Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined)) as unknown as PointFigures;
}

/** Cells that pass the dashboard's optional filters. */
export function cellsMatching(stats: PointStats, filter: { category?: Category; urgency?: Urgency }): Partial<StatsCell>[] {
  return Object.entries(stats.cells)
    .filter(([key]) => {
      const [category, urgency] = key.split('_');
      return (!filter.category || category === filter.category) && (!filter.urgency || urgency === filter.urgency);
    })
    .map(([, cell]) => cell);
}
