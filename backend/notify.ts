/**
 * Subscribe messages: one send per one-use grant, neutral words only (core/notifications.ts). The in-app unread
 * markers are written with the request itself; this is only the push on top, and a push that fails never fails the
 * action: it is kept for the scheduler to try again, except when the grant is gone (43101).
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 */
import { GRANT_GONE_ERRCODE, PUSH_ATTEMPTS_MAX, renderNotification, type NotificationReason, type SubscribeMessage } from '../core/notifications';
import { app } from './cloudbase';
import * as data from './data';

/** -1: the call itself failed (network, the platform), which is worth trying again. */
async function send(touser: string, message: SubscribeMessage): Promise<number> {
  try {
    const reply = (await app.callWxOpenApi({
      apiName: 'subscribeMessage.send',
      requestData: { touser, template_id: message.templateId, page: message.page, data: message.data, miniprogram_state: 'formal', lang: 'zh_CN' },
    })) as { result?: { errcode?: number } };
    return reply.result?.errcode ?? -1;
  } catch {
    return -1;
  }
}

const RETRY_MINUTES = [1, 5, 15, 60, 240];

const nextAttempt = (now: Date, attempts: number) =>
  new Date(now.getTime() + (RETRY_MINUTES[Math.min(attempts, RETRY_MINUTES.length) - 1] ?? 240) * 60_000).toISOString();

export type PushOutcome = 'sent' | 'grantGone' | 'retryLater';

/** Sends one message whose grant was already taken; on failure records what to do next. */
export async function push(touser: string, reason: NotificationReason, requestId: string, now = new Date()): Promise<PushOutcome> {
  const message = renderNotification(reason, requestId, now);
  const errcode = await send(touser, message);
  if (errcode === 0) return 'sent';
  if (errcode === GRANT_GONE_ERRCODE) return 'grantGone';
  await data.insertPushRetry({
    touser,
    templateId: message.templateId,
    page: message.page,
    data: message.data,
    attempts: 1,
    nextAttemptAt: nextAttempt(now, 1),
    lastErrcode: errcode,
    createdAt: now.toISOString(),
  });
  return 'retryLater';
}

/** Something for a member to do, when she has a grant left: takes one and sends. */
export async function notifyMember(
  member: { _id: string; openid?: string; notifyTokens?: number },
  requestId: string,
  reason: Exclude<NotificationReason, 'requestUpdate'> = 'newAssignment',
): Promise<PushOutcome | 'noGrant'> {
  if (!member.openid || !(member.notifyTokens && member.notifyTokens > 0)) return 'noGrant';
  if (!(await data.takeMemberNotifyToken(member._id))) return 'noGrant';
  const outcome = await push(member.openid, reason, requestId);
  if (outcome === 'grantGone') await data.clearMemberNotifyTokens(member.openid);
  return outcome;
}

/** Something to do about a request, for whoever holds it and the executive responsible (once when she is both). */
export async function notifyAssigneeAndExecutive(
  request: { _id: string; assigneeId: string; executiveId: string },
  reason: Exclude<NotificationReason, 'requestUpdate'>,
): Promise<void> {
  const members = await Promise.all([...new Set([request.assigneeId, request.executiveId])].map((id) => data.findMember(id)));
  await Promise.all(members.map((m) => (m ? notifyMember(m, request._id, reason) : undefined)));
}

/** An update for her, whose grant was taken in the same write as the step itself. */
export async function notifyResident(residentOpenid: string, requestId: string): Promise<PushOutcome> {
  const outcome = await push(residentOpenid, 'requestUpdate', requestId);
  if (outcome === 'grantGone') await data.clearRequestNotifyTokens(requestId);
  return outcome;
}

export interface RetryRun {
  due: number;
  sent: number;
  grantGone: number;
  failedAgain: number;
  gaveUp: number;
}

/**
 * The scheduler's part: each due retry is claimed (so two runs never send it twice), sent, and removed when sent or
 * when the grant is gone; otherwise tried later, up to PUSH_ATTEMPTS_MAX attempts.
 */
export async function retryFailedPushes(now: Date, batch = 50): Promise<RetryRun> {
  const run: RetryRun = { due: 0, sent: 0, grantGone: 0, failedAgain: 0, gaveUp: 0 };
  const due = await data.listDuePushRetries(now.toISOString(), batch);
  run.due = due.length;
  for (const retry of due) {
    const attempts = retry.attempts + 1;
    if (!(await data.claimPushRetry(retry, { attempts, nextAttemptAt: nextAttempt(now, attempts) }))) continue;
    const errcode = await send(retry.touser, { templateId: retry.templateId, page: retry.page, data: retry.data });
    if (errcode === 0 || errcode === GRANT_GONE_ERRCODE) {
      await data.removePushRetry(retry._id);
      run[errcode === 0 ? 'sent' : 'grantGone'] += 1;
    } else if (attempts >= PUSH_ATTEMPTS_MAX) {
      await data.claimPushRetry({ ...retry, attempts }, { gaveUpAt: now.toISOString(), lastErrcode: errcode });
      run.gaveUp += 1;
    } else {
      await data.claimPushRetry({ ...retry, attempts }, { lastErrcode: errcode });
      run.failedAgain += 1;
    }
  }
  return run;
}
