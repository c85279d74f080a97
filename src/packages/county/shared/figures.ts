/**
 * The dashboard's table and trend, from the figures the `county.dashboard` action returns: columns, how they are
 * shown and sorted, the default period, and the trend chart's series. No platform code here.
 */
import type { Dashboard, DashboardRow } from '@core/actions';
import { periodOf, type PointFigures } from '@core/rollup';
import { formatDuration, formatRating, formatShare } from '@/utils/format';

export type ColumnKey =
  | 'requests'
  | 'firstResponseMedian'
  | 'firstResponseP90'
  | 'resolutionMedian'
  | 'firstResponseWithinSla'
  | 'resolutionWithinSla'
  | 'overdueNow'
  | 'averageRating'
  | 'reopenRate';

type Figures = PointFigures & { overdueNow: number };

export interface Column {
  key: ColumnKey;
  /** Two short lines, to fit a narrow column on a phone. */
  label: [string, string?];
  /** The whole name, for screen readers and the sort notice. */
  name: string;
  show: (f: Figures) => string;
}

export const COLUMNS: readonly Column[] = [
  { key: 'requests', label: ['诉求数'], name: '诉求数', show: (f) => String(f.requests) },
  { key: 'firstResponseMedian', label: ['首次响应', '中位数'], name: '首次响应中位数', show: (f) => formatDuration(f.firstResponseMedian) },
  { key: 'firstResponseP90', label: ['首次响应', 'P90'], name: '首次响应 P90', show: (f) => formatDuration(f.firstResponseP90) },
  { key: 'resolutionMedian', label: ['办结', '中位数'], name: '办结中位数', show: (f) => formatDuration(f.resolutionMedian) },
  { key: 'firstResponseWithinSla', label: ['按时', '响应率'], name: '按时响应率', show: (f) => formatShare(f.firstResponseWithinSla) },
  { key: 'resolutionWithinSla', label: ['按时', '办结率'], name: '按时办结率', show: (f) => formatShare(f.resolutionWithinSla) },
  { key: 'overdueNow', label: ['当前', '超时'], name: '当前超时', show: (f) => String(f.overdueNow) },
  { key: 'averageRating', label: ['平均', '评分'], name: '平均评分', show: (f) => formatRating(f.averageRating) },
  { key: 'reopenRate', label: ['重办率'], name: '重办率', show: (f) => formatShare(f.reopenRate) },
];

export type SortDirection = 'asc' | 'desc';
export interface SortOrder {
  key: ColumnKey;
  direction: SortDirection;
}

/** Most overdue first, then the quickest first response. */
export const DEFAULT_SORT: SortOrder = { key: 'overdueNow', direction: 'desc' };

/** A tap on a header: the same column flips its direction, another starts with the largest first. */
export const nextSort = (current: SortOrder, key: ColumnKey): SortOrder =>
  current.key === key ? { key, direction: current.direction === 'desc' ? 'asc' : 'desc' } : { key, direction: 'desc' };

/** A figure as a number to sort by: over 30 days sorts after every measured time; nothing to measure is `undefined`. */
const sortValue = (row: DashboardRow, key: ColumnKey): number | undefined => {
  const value = row[key];
  if (value === null) return Number.POSITIVE_INFINITY;
  return value;
};

const compareValues = (a: number | undefined, b: number | undefined, direction: SortDirection): number => {
  // Rows with nothing to measure go last whichever way the column is sorted.
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  if (a === b) return 0;
  return direction === 'asc' ? (a < b ? -1 : 1) : a < b ? 1 : -1;
};

/** The rows in the chosen order; ties by first-response median (quickest first), then by name. */
export function sortRows(rows: readonly DashboardRow[], order: SortOrder): DashboardRow[] {
  return [...rows].sort(
    (a, b) =>
      compareValues(sortValue(a, order.key), sortValue(b, order.key), order.direction) ||
      compareValues(sortValue(a, 'firstResponseMedian'), sortValue(b, 'firstResponseMedian'), 'asc') ||
      a.pointName.localeCompare(b.pointName, 'zh-CN'),
  );
}

/** 忻城县鞍山社区执委联系点 → 鞍山社区: the county and the common ending say nothing inside one county's table. */
export function shortPointName(name: string, countyName: string): string {
  let short = name;
  if (countyName && short.startsWith(countyName)) short = short.slice(countyName.length);
  short = short.replace(/执委联系点$/, '').replace(/联系点$/, '');
  return short || name;
}

/** The month `n` months after a YYYY-MM month (n may be negative). */
export function addMonths(period: string, n: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}

/** The months the figures are kept by (China's calendar), as the functions count them. */
export const currentPeriod = (now: Date = new Date()) => periodOf(now.toISOString());

/** The last three months up to this month. */
export const defaultPeriod = (now: Date = new Date()) => {
  const to = currentPeriod(now);
  return { from: addMonths(to, -2), to };
};

/** The right axis of the chart: minutes, hours or days, whichever keeps the numbers small, with a top that splits in four. */
const LINE_SCALES = [
  { unit: '分钟', minutes: 1, tops: [20, 40, 60, 120] },
  { unit: '小时', minutes: 60, tops: [4, 8, 12, 24, 48] },
  { unit: '天', minutes: 1440, tops: [4, 8, 16, 32] },
] as const;
/** Over 30 days is drawn at the top of the day scale. */
const OVER_30_DAYS_IN_DAYS = 32;

export interface TrendSeries {
  categories: string[];
  requests: number[];
  /** The top of the bars' axis: a multiple of four, so its four steps are whole requests. */
  requestsTop: number;
  /** The first-response median per month in `lineUnit`, null where there is nothing to measure. */
  firstResponse: (number | null)[];
  lineUnit: string;
  lineTop: number;
}

/** The county per month: requests as bars, the first-response median as a line. */
export function trendSeries(trend: Dashboard['trend']): TrendSeries {
  const medians = trend.map((t) => t.firstResponseMedian);
  const longest = medians.reduce<number>((m, v) => (v === undefined ? m : Math.max(m, v === null ? Number.POSITIVE_INFINITY : v)), 0);
  const scale = LINE_SCALES.find((s) => longest <= s.tops[s.tops.length - 1] * s.minutes) ?? LINE_SCALES[2];
  const inUnit = (v: number | null | undefined) => (v === undefined ? null : v === null ? OVER_30_DAYS_IN_DAYS : Math.round((v / scale.minutes) * 10) / 10);
  const line = medians.map(inUnit);
  const lineMax = Math.max(0, ...line.map((v) => v ?? 0));
  const requests = trend.map((t) => t.requests);
  return {
    categories: trend.map((t) => `${Number(t.period.slice(5))}月`),
    requests,
    requestsTop: Math.max(4, Math.ceil(Math.max(0, ...requests) / 4) * 4),
    firstResponse: line,
    lineUnit: scale.unit,
    lineTop: scale.tops.find((top) => top >= lineMax) ?? scale.tops[scale.tops.length - 1],
  };
}

/** One sentence of the trend for screen readers (the canvas itself says nothing to them). */
export function describeTrend(trend: Dashboard['trend']): string {
  return trend.map((t) => `${t.period}：诉求 ${t.requests} 件，首次响应中位数 ${formatDuration(t.firstResponseMedian)}`).join('；');
}
