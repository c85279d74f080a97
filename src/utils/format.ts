import { CATEGORY_LABELS, REQUEST_STATUS_LABELS, URGENCY_LABELS, type Category, type RequestStatus, type Urgency } from '@core/domain';
import type { TimelineEntryView } from '@core/actions';

const pad = (n: number) => String(n).padStart(2, '0');

/** 11-23 14:05, or 2025-11-23 14:05 for another year; in the phone's own time zone. */
export function formatTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  const day = `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return d.getFullYear() === now.getFullYear() ? day : `${d.getFullYear()}-${day}`;
}

export const categoryLabel = (c: Category) => CATEGORY_LABELS[c];
export const urgencyLabel = (u: Urgency) => URGENCY_LABELS[u].name;
export const statusLabel = (s: RequestStatus) => REQUEST_STATUS_LABELS[s];

export function timelineLabel(entry: TimelineEntryView): string {
  switch (entry.type) {
    case 'submitted':
      return '您提交了诉求';
    case 'assigned':
      return entry.actorRole ? `已派给服务团队的${entry.actorRole}` : '已派给服务团队';
    case 'accepted':
      return entry.actorRole ? `${entry.actorRole}已受理，会尽快联系您` : '已受理，会尽快联系您';
  }
}
