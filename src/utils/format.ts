import { CHINA_OFFSET_MS, chinaDay as coreChinaDay, chinaInstant as coreChinaInstant } from '@core/china-time';
import {
  ACTIVITY_TYPE_LABELS,
  CATEGORY_LABELS,
  REFERRAL_AGENCY_LABELS,
  REQUEST_STATUS_LABELS,
  URGENCY_LABELS,
  type ActivityType,
  type Category,
  type ReferralAgency,
  type RequestStatus,
  type SurveyStatus,
  type TimelineEventType,
  type Urgency,
} from '@core/domain';
import type { TimelineEntryView } from '@core/actions';

const pad = (n: number) => String(n).padStart(2, '0');

/** 11-23 14:05, or 2025-11-23 14:05 for another year; in the phone's own time zone. */
export function formatTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  const day = `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return d.getFullYear() === now.getFullYear() ? day : `${d.getFullYear()}-${day}`;
}

/** A calendar day as YYYY-MM-DD in the phone's own time zone (what a date picker shows and `setAway` takes). */
export function calendarDay(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** 11月23日, or 2027年11月23日 for another year: for a YYYY-MM-DD day. */
export function formatDay(day: string, now: Date = new Date()): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  return y === now.getFullYear() ? `${m}月${d}日` : `${y}年${m}月${d}日`;
}

export const categoryLabel = (c: Category) => CATEGORY_LABELS[c];
export const urgencyLabel = (u: Urgency) => URGENCY_LABELS[u].name;
export const statusLabel = (s: RequestStatus) => REQUEST_STATUS_LABELS[s];
export const agencyLabel = (a: ReferralAgency) => REFERRAL_AGENCY_LABELS[a];

/**
 * Steps whose free text is for the team only: internal notes, why it was assigned or moved, and what an outside agency
 * reported back. The functions leave these out of her view; the app does not show them to her either.
 */
const TEAM_ONLY_TEXT: readonly TimelineEventType[] = ['note', 'assigned', 'transferred', 'referralOutcome'];
/** Steps she never sees at all. */
const TEAM_ONLY_STEPS: readonly TimelineEventType[] = ['note', 'referralOutcome'];

export const shownTo = (entry: TimelineEntryView, audience: 'resident' | 'team') => audience === 'team' || !TEAM_ONLY_STEPS.includes(entry.type);
export const textShownTo = (entry: TimelineEntryView, audience: 'resident' | 'team') => audience === 'team' || !TEAM_ONLY_TEXT.includes(entry.type);

/**
 * What happened, in words for the woman ('resident') or for the team. `reassignment`: an 'assigned' step after the
 * first one (改派, or routed again after a transfer or a member left).
 */
export function timelineLabel(entry: TimelineEntryView, audience: 'resident' | 'team' = 'resident', reassignment = false): string {
  const role = entry.actorRole ?? '团队成员';
  const forHer = audience === 'resident';
  switch (entry.type) {
    case 'submitted':
      return forHer ? '您提交了诉求' : '居民提交诉求';
    case 'assigned':
      if (forHer) return entry.actorRole ? `已派给服务团队的${entry.actorRole}` : '已派给服务团队';
      return reassignment ? `改派给${role}` : `派给${role}`;
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
    case 'transferred': {
      const to = entry.toPointName ? `「${entry.toPointName}」` : '其他联系点';
      if (forHer) return `已转到${to}办理`;
      return entry.fromPointName ? `从「${entry.fromPointName}」转办到${to}` : `转办到${to}`;
    }
    case 'referred': {
      const agency = entry.agency ? agencyLabel(entry.agency) : '相关机构';
      return forHer ? `已为您联系 ${agency}` : `${role}转介至${agency}`;
    }
    case 'referralOutcome':
      return forHer ? '转介机构有了回复' : `${role}登记转介结果`;
    case 'extended':
      return forHer ? `办理时间延长 ${entry.days ?? ''} 天` : `${role}申请延期 ${entry.days ?? ''} 天`;
    case 'escalated':
      if (forHer) return '县妇联已介入督办';
      return entry.deadline === 'firstResponse' ? '超过受理时限，已报县妇联督办' : '超过办结时限，已报县妇联督办';
    case 'urged':
      return forHer ? '县妇联已催办' : '县妇联催办';
    case 'closed':
      return forHer ? '县妇联已关闭这条诉求' : '县妇联关闭了这条诉求';
  }
}

/**
 * A response time read from the dashboard's histogram (the upper bound of its bucket, in minutes) in plain words:
 * ≤15 分钟, ≤2 小时, ≤3 天; `null` is past the last bucket (超过 30 天), `undefined` is nothing to measure yet (—).
 */
export function formatDuration(minutes: number | null | undefined): string {
  if (minutes === undefined) return '—';
  if (minutes === null || !Number.isFinite(minutes)) return '超过 30 天';
  const round = (n: number) => String(Math.round(n * 10) / 10);
  if (minutes < 60) return `≤${round(minutes)} 分钟`;
  if (minutes < 1440) return `≤${round(minutes / 60)} 小时`;
  return `≤${round(minutes / 1440)} 天`;
}

/** A share (0–1) as a whole percentage, or — when there is nothing to measure. */
export const formatShare = (share: number | undefined): string => (share === undefined ? '—' : `${Math.round(share * 100)}%`);

/** An average rating out of 5 with one decimal, or — when nobody has rated yet. */
export const formatRating = (rating: number | undefined): string => (rating === undefined ? '—' : rating.toFixed(1));

/** Points and their activities keep China's time (UTC+8), whatever the phone's own time zone is. */
export { chinaDay } from '@core/china-time';

/** A day and a time (HH:MM) from the pickers, in China, as the instant the functions take. */
export const chinaInstant = (day: string, time: string): string => coreChinaInstant(day, `${time}:00`);

/** An activity's time in China: 12月5日（周六）09:30, with the year when it is not this year's. */
export function formatChinaTime(iso: string, now: Date = new Date()): string {
  const local = new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString();
  const weekday = '日一二三四五六'[new Date(`${local.slice(0, 10)}T00:00:00Z`).getUTCDay()];
  const [y, m, d] = local.slice(0, 10).split('-').map(Number);
  const day = String(y) === coreChinaDay(now).slice(0, 4) ? `${m}月${d}日` : `${y}年${m}月${d}日`;
  return `${day}（周${weekday}）${local.slice(11, 16)}`;
}

export const activityTypeLabel = (t: ActivityType) => ACTIVITY_TYPE_LABELS[t];

const SURVEY_STATUS_LABELS: Record<SurveyStatus | 'none', string> = { none: '未创建', draft: '草稿', published: '进行中', closed: '已结束' };
export const surveyStatusLabel = (s: SurveyStatus | 'none') => SURVEY_STATUS_LABELS[s];
