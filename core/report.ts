/**
 * The tables county staff export (the dashboard's ranking, and the request list), with no personal data: no text she
 * wrote, no contact, no names, no identifiers beyond a request number.
 */
import type { DashboardRow } from './actions';
import { chinaMinute } from './china-time';
import { CATEGORY_LABELS, REQUEST_STATUS_LABELS, URGENCY_LABELS, type ServiceRequest } from './domain';
import { minutesBetween, type PointFigures } from './rollup';

/** A duration read from a histogram bucket, in plain words: ≤2 小时, 超过 30 天, — for none. */
export function bucketLabel(minutes: number | null | undefined): string {
  if (minutes === undefined) return '—';
  if (minutes === null) return '超过 30 天';
  if (minutes < 60) return `≤${minutes} 分钟`;
  if (minutes < 1440) return `≤${minutes / 60} 小时`;
  return `≤${minutes / 1440} 天`;
}

const percent = (share: number | undefined) => (share === undefined ? '—' : `${Math.round(share * 1000) / 10}%`);
const rating = (value: number | undefined) => (value === undefined ? '—' : Math.round(value * 100) / 100);

export const DASHBOARD_HEADER = ['联系点', '诉求数', '首次响应中位数', '首次响应 P90', '办结中位数', '按时响应率', '按时办结率', '当前超时', '平均评分', '重办率'];

export function dashboardCells(name: string, f: PointFigures & { overdueNow: number }): (string | number)[] {
  return [
    name,
    f.requests,
    bucketLabel(f.firstResponseMedian),
    bucketLabel(f.firstResponseP90),
    bucketLabel(f.resolutionMedian),
    percent(f.firstResponseWithinSla),
    percent(f.resolutionWithinSla),
    f.overdueNow,
    rating(f.averageRating),
    percent(f.reopenRate),
  ];
}

export const dashboardTable = (rows: DashboardRow[], total: PointFigures & { overdueNow: number }) => [
  ...rows.map((r) => dashboardCells(r.pointName, r)),
  dashboardCells('全县合计', total),
];

export const REQUEST_LIST_HEADER = ['编号', '联系点', '类别', '三事', '状态', '提交时间', '首次响应（分钟）', '办结（分钟）', '按时响应', '按时办结', '评分', '重办次数', '督办'];

export type ExportedRequest = Pick<
  ServiceRequest,
  '_id' | 'pointName' | 'category' | 'urgency' | 'status' | 'createdAt' | 'acceptedAt' | 'resolvedAt' | 'due' | 'feedback' | 'reopenCount' | 'slaMarks'
>;

const minutes = (from: string, to?: string) => (to ? Math.round(minutesBetween(from, to)) : '');
const yesNo = (done: string | undefined, by: string | undefined) => (!done || !by ? '' : done <= by ? '是' : '否');

export const requestCells = (r: ExportedRequest): (string | number)[] => [
  r._id.slice(-8),
  r.pointName,
  CATEGORY_LABELS[r.category],
  URGENCY_LABELS[r.urgency].name,
  REQUEST_STATUS_LABELS[r.status],
  chinaMinute(r.createdAt),
  minutes(r.createdAt, r.acceptedAt),
  minutes(r.createdAt, r.resolvedAt),
  yesNo(r.acceptedAt, r.due?.firstResponseBy),
  yesNo(r.resolvedAt, r.due?.resolveBy),
  r.feedback?.rating ?? '',
  r.reopenCount ?? 0,
  (r.slaMarks ?? []).some((m) => m.endsWith('Escalated')) ? '是' : '',
];
