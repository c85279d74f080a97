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

/** What happened, in words for the woman ('resident') or for the team. */
export function timelineLabel(entry: TimelineEntryView, audience: 'resident' | 'team' = 'resident'): string {
  const role = entry.actorRole ?? '团队成员';
  const forHer = audience === 'resident';
  switch (entry.type) {
    case 'submitted':
      return forHer ? '您提交了诉求' : '居民提交诉求';
    case 'assigned':
      return forHer ? (entry.actorRole ? `已派给服务团队的${entry.actorRole}` : '已派给服务团队') : `派给${role}`;
    case 'accepted':
      return forHer ? `${role}已受理，会尽快联系您` : `${role}已受理`;
    case 'message':
      if (entry.byResident) return forHer ? '您的留言' : '居民留言';
      return forHer ? `${role}回复您` : `${role}回复居民`;
    case 'note':
      return `${role}的内部备注`;
    case 'resolved':
      return forHer ? `${role}已办结` : `${role}办结`;
    case 'withdrawn':
      return forHer ? '您撤回了诉求' : '居民撤回了诉求';
    case 'rated':
      return forHer ? `您的评价：${entry.rating ?? ''} 星` : `居民评价：${entry.rating ?? ''} 星`;
    case 'reopened':
      return forHer ? '您申请了重办' : '居民不满意，申请重办';
  }
}
