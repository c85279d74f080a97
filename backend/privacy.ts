/**
 * Her rights over her data (PIPL): to see what the service holds about her, take it with her, and have it deleted;
 * and the retention period after which ended requests are anonymised by the scheduler.
 */
import type { DeletedMyData, MyData } from '../core/actions';
import { isOpen } from '../core/lifecycle';
import { anonymisedRequest } from '../core/privacy';
import type { ServiceRequest } from '../core/domain';
import { app } from './cloudbase';
import * as data from './data';
import { toResidentView, withdraw } from './requests';
import type { Caller } from './router';

/** Removes what could identify her; false when it was done already (by a run or a request before). */
async function anonymise(request: ServiceRequest, at: string): Promise<boolean> {
  if (!(await data.anonymiseRequestIf(request._id, anonymisedRequest(request, at)))) return false;
  // Her photos go with it; a file already gone is no reason to stop.
  if (request.photos.length) await app.deleteFile({ fileList: request.photos }).catch(() => undefined);
  return true;
}

const RETENTION_BATCH = 100;

/** The scheduler's step: a bounded batch per run, so a backlog is worked off over runs instead of timing out. */
export async function anonymiseExpired(now: Date): Promise<{ anonymised: number }> {
  const at = now.toISOString();
  let anonymised = 0;
  for (const request of await data.listRequestsToAnonymise(at, RETENTION_BATCH)) {
    if (await anonymise(request, at)) anonymised += 1;
  }
  return { anonymised };
}

const VIEWER_ROLES: Record<string, string> = { county: '县妇联工作人员' };

/** Everything held about her: her requests in full, her consents, sign-ups, and who else opened her requests. */
export async function myData(caller: Caller): Promise<MyData> {
  const [requests, signUps] = await Promise.all([data.listFullRequestsOfResident(caller.openid), data.listSignUpsOfResident(caller.openid)]);
  const [views, accessLog, activities] = await Promise.all([
    Promise.all(requests.map((r) => toResidentView(r))),
    data.listAccessLogOf(requests.map((r) => r._id)),
    data.findActivitiesByIds([...new Set(signUps.map((s) => s.activityId))]),
  ]);
  const activityOf = new Map(activities.map((a) => [a._id, a]));
  return {
    generatedAt: new Date().toISOString(),
    requests: requests.map((r, i) => ({
      ...(views[i] as MyData['requests'][number]),
      contact: r.contact,
      consent: r.consent,
      ...(r.purgeAt ? { anonymiseAfter: r.purgeAt } : {}),
    })),
    signUps: signUps.map((s) => ({
      activityTitle: activityOf.get(s.activityId)?.title ?? '',
      pointName: activityOf.get(s.activityId)?.pointName ?? '',
      startsAt: activityOf.get(s.activityId)?.startsAt ?? '',
      displayName: s.displayName,
      signedUpAt: s.createdAt,
      ...(s.cancelledAt ? { cancelledAt: s.cancelledAt } : {}),
    })),
    accessLog: accessLog.map((entry) => ({
      requestId: entry.requestId,
      viewer: VIEWER_ROLES[entry.viewer.split(':')[0] ?? ''] ?? '其他工作人员',
      reason: entry.reason === 'escalation' ? '督办' : entry.reason,
      at: entry.at,
    })),
  };
}

/** Open requests are withdrawn (the team is told, as when she withdraws one), then every request is anonymised. */
export async function deleteMyData(caller: Caller): Promise<DeletedMyData> {
  const requests = await data.listFullRequestsOfResident(caller.openid);
  const now = new Date();
  let withdrawn = 0;
  for (const request of requests.filter((r) => isOpen(r))) {
    await withdraw(caller, request._id, '她删除了自己的个人数据');
    withdrawn += 1;
  }
  let anonymised = 0;
  // Read again only when withdrawing changed them (the anonymised copy keeps the withdrawal's step).
  for (const request of withdrawn ? await data.listFullRequestsOfResident(caller.openid) : requests) {
    if (await anonymise(request, now.toISOString())) anonymised += 1;
  }
  const signUps = await data.listSignUpsOfResident(caller.openid);
  const activities = await data.findActivitiesByIds([...new Set(signUps.map((s) => s.activityId))]);
  const upcoming = new Set(activities.filter((a) => Date.parse(a.startsAt) > now.getTime()).map((a) => a._id));
  for (const signUp of signUps) {
    const cancel = upcoming.has(signUp.activityId) && !signUp.cancelledAt;
    await data.anonymiseSignUp(signUp._id, now.toISOString(), cancel);
    if (cancel) await data.giveBackSeat(signUp.activityId);
  }
  return { withdrawn, anonymised, signUpsRemoved: signUps.length };
}
