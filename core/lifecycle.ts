/**
 * What may happen to a request next, from its state and the clock alone. The functions enforce these rules and
 * tell the app the outcome, so a button is shown exactly when the action would succeed.
 */
import { DAY_MS } from './china-time';
import { EXTENSION_TOTAL_DAYS_MAX, OPEN_STATUSES, REOPEN_WITHIN_DAYS, TIMELINE_MAX, UNSATISFIED_AT_MOST, type ServiceRequest } from './domain';

type RequestState = Pick<ServiceRequest, 'status' | 'resolvedAt' | 'feedback' | 'timeline'>;

export const isOpen = (r: Pick<ServiceRequest, 'status'>) => OPEN_STATUSES.includes(r.status);

export const reopenDeadline = (r: Pick<ServiceRequest, 'resolvedAt'>): Date | undefined =>
  r.resolvedAt ? new Date(new Date(r.resolvedAt).getTime() + REOPEN_WITHIN_DAYS * DAY_MS) : undefined;

export const hasRoomForMessages = (r: Pick<ServiceRequest, 'timeline'>) => r.timeline.length < TIMELINE_MAX;

export function residentMay(r: RequestState, now: Date) {
  const deadline = reopenDeadline(r);
  return {
    message: isOpen(r) && hasRoomForMessages(r),
    withdraw: isOpen(r),
    rate: r.status === 'resolved' && !r.feedback,
    reopen:
      r.status === 'resolved' &&
      !!r.feedback &&
      r.feedback.rating <= UNSATISFIED_AT_MOST &&
      !!deadline &&
      now.getTime() <= deadline.getTime(),
  };
}

/** Why an action is not possible now, in her words; undefined when it is. */
export function whyResidentMayNot(action: keyof ReturnType<typeof residentMay>, r: RequestState, now: Date): string | undefined {
  if (residentMay(r, now)[action]) return undefined;
  switch (action) {
    case 'message':
      return isOpen(r) ? '这条诉求的留言已经很多了，请等待团队联系您' : '这条诉求已经结束，不能再留言';
    case 'withdraw':
      return '这条诉求已经办结或撤回，不能再撤回';
    case 'rate':
      return r.feedback ? '您已经评价过了' : '诉求办结后才能评价';
    case 'reopen':
      if (r.status !== 'resolved') return '只有已办结的诉求可以申请重办';
      if (!r.feedback) return '请先评价办理结果';
      if (r.feedback.rating > UNSATISFIED_AT_MOST) return '您对办理结果满意，不需要重办';
      return `办结 ${REOPEN_WITHIN_DAYS} 天内才能申请重办`;
  }
}

/** What a team member may do with a request now: the permission table for who, the request's state for when. */
export function teamMay(
  r: Pick<ServiceRequest, 'status' | 'timeline' | 'referrals' | 'extensionDays'>,
  allowed: (permission: 'team.accept' | 'team.reassign' | 'team.reply' | 'team.resolve' | 'team.transfer' | 'team.refer' | 'team.recordReferralOutcome' | 'team.extend') => boolean,
) {
  const open = isOpen(r);
  const lastReferral = r.referrals?.at(-1);
  return {
    accept: allowed('team.accept') && r.status === 'assigned',
    reassign: allowed('team.reassign') && open,
    reply: allowed('team.reply') && open && hasRoomForMessages(r),
    resolve: allowed('team.resolve') && r.status === 'accepted',
    transfer: allowed('team.transfer') && open,
    refer: allowed('team.refer') && r.status === 'accepted' && hasRoomForMessages(r),
    recordReferralOutcome: allowed('team.recordReferralOutcome') && open && !!lastReferral && !lastReferral.outcome,
    extend: allowed('team.extend') && open && (r.extensionDays ?? 0) < EXTENSION_TOTAL_DAYS_MAX,
  };
}

export type TeamStep = keyof ReturnType<typeof teamMay>;

/** Why a team step is not possible in the request's state (the caller is allowed; the state is not right). */
export const TEAM_STEP_REFUSALS: Record<TeamStep, string> = {
  accept: '这条诉求已经受理过了',
  reassign: '这条诉求已经结束，不能再改派',
  reply: '这条诉求已经结束，不能再回复',
  resolve: '请先受理这条诉求，再办结',
  transfer: '这条诉求已经结束，不能再转办',
  refer: '请先受理这条诉求，再转介',
  recordReferralOutcome: '没有等待结果的转介',
  extend: `这条诉求已经结束，或延期已满 ${EXTENSION_TOTAL_DAYS_MAX} 天`,
};
