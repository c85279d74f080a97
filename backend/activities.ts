/**
 * Activities ("N" of 1+10+N): the team creates them, women see them on the point page and sign up for a seat, and
 * afterwards the team records who came with a short summary and photos. The point page's list is kept on the point
 * itself, so the page still needs no extra read.
 */
import { createHash } from 'node:crypto';
import type { ActivityView, SignUpView } from '../core/actions';
import { chinaDay } from '../core/china-time';
import { ACTIVITY_TYPE_LABELS, type Activity, type ActivityType, type DisplayedActivity, type Point } from '../core/domain';
import { enforceRateLimit, rateWindowStart } from '../core/rate-limits';
import { ActionError } from '../core/envelope';
import { isDuplicateWrite, rateLimitFactor } from './cloudbase';
import * as data from './data';
import { keyedId } from './idempotency';
import { ownsPhotos, photoLinks } from './photos';
import type { Caller } from './router';
import { pointFor } from './team';

/** Activities are planned at most a year ahead. */
const PLAN_AHEAD_MS = 366 * 24 * 3600 * 1000;
const UPCOMING_SHOWN = 10;
const PAST_SHOWN = 5;

const notFound = () => new ActionError('NotFound', '没有找到这个活动');

async function toView(activity: Activity, signedUp: boolean, now = new Date()): Promise<ActivityView> {
  const seatsLeft = Math.max(0, activity.capacity - activity.signUpCount);
  const upcoming = Date.parse(activity.startsAt) > now.getTime();
  return {
    id: activity._id,
    pointId: activity.pointId,
    pointName: activity.pointName,
    type: activity.type,
    title: activity.title,
    startsAt: activity.startsAt,
    place: activity.place,
    description: activity.description,
    capacity: activity.capacity,
    seatsLeft,
    status: activity.status,
    signedUp,
    canSignUp: activity.status === 'open' && upcoming && seatsLeft > 0 && !signedUp,
    ...(activity.attendance
      ? { attendance: { count: activity.attendance.count, summary: activity.attendance.summary, photos: await photoLinks(activity.attendance.photos) } }
      : {}),
  };
}

/**
 * The point page's list: the next open activities and the latest ones held, with the hand-kept entries from before
 * activities were run here (those without an id) after them.
 */
async function refreshDisplayedActivities(point: Point, now = new Date()): Promise<void> {
  const activities = await data.listActivitiesOfPoint(point._id, 60);
  const shown = (a: Activity): DisplayedActivity => ({ id: a._id, title: a.title, date: chinaDay(a.startsAt), type: ACTIVITY_TYPE_LABELS[a.type], place: a.place });
  const upcoming = activities
    .filter((a) => a.status === 'open' && Date.parse(a.startsAt) > now.getTime())
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    .slice(0, UPCOMING_SHOWN);
  const held = activities
    .filter((a) => a.status === 'done' || (a.status === 'open' && Date.parse(a.startsAt) <= now.getTime()))
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt))
    .slice(0, PAST_SHOWN);
  const handKept = point.displays.activities.filter((a) => !a.id);
  await data.updatePoint(point._id, { 'displays.activities': [...upcoming.map(shown), ...held.map(shown), ...handKept] });
}

export async function createActivity(
  caller: Caller,
  input: { pointId: string; type: ActivityType; title: string; startsAt: string; place: string; capacity: number; description?: string; clientKey: string },
): Promise<ActivityView> {
  const { point, facts } = await pointFor(caller, input.pointId, 'team.createActivity');
  const now = new Date();
  const startsAt = Date.parse(input.startsAt);
  if (Number.isNaN(startsAt) || startsAt <= now.getTime() || startsAt > now.getTime() + PLAN_AHEAD_MS) {
    throw new ActionError('InvalidParameter', 'input.startsAt：活动时间应在今后一年之内');
  }
  const activity: Activity = {
    _id: keyedId('activity', caller.openid, input.clientKey),
    pointId: point._id,
    pointName: point.name,
    countyCode: point.countyCode,
    type: input.type,
    title: input.title,
    startsAt: new Date(startsAt).toISOString(),
    place: input.place,
    capacity: input.capacity,
    description: input.description ?? '',
    status: 'open',
    signUpCount: 0,
    createdBy: facts.memberships.find((m) => m.pointId === point._id)?.memberId ?? `county-${facts.countyCode ?? ''}`,
    createdAt: now.toISOString(),
  };
  try {
    await data.insertActivity(activity);
  } catch (error) {
    const first = isDuplicateWrite(error) ? await data.findActivity(activity._id) : undefined;
    if (!first) throw error;
    return toView(first, false, now);
  }
  await refreshDisplayedActivities(point, now);
  return toView(activity, false, now);
}

/** The activity and its point, for a team action the table allows. */
async function teamActivity(caller: Caller, activityId: string, permission: 'team.cancelActivity' | 'team.listSignUps' | 'team.recordAttendance') {
  const activity = await data.findActivity(activityId);
  if (!activity) throw notFound();
  const { point, facts } = await pointFor(caller, activity.pointId, permission);
  return { activity, point, facts };
}

export async function cancelActivity(caller: Caller, activityId: string, reason: string): Promise<ActivityView> {
  const { activity, point } = await teamActivity(caller, activityId, 'team.cancelActivity');
  if (!(await data.updateActivityIf({ _id: activity._id, status: 'open' }, { status: 'cancelled', cancelReason: reason }))) {
    throw new ActionError('Conflict', '这个活动已经取消或已经结束');
  }
  await refreshDisplayedActivities(point);
  return toView({ ...activity, status: 'cancelled' }, false);
}

export async function listActivities(caller: Caller, pointId: string): Promise<ActivityView[]> {
  const { point } = await pointFor(caller, pointId, 'team.listActivities');
  const activities = await data.listActivitiesOfPoint(point._id, 100);
  return Promise.all(activities.sort((a, b) => b.startsAt.localeCompare(a.startsAt)).map((a) => toView(a, false)));
}

export async function listSignUps(caller: Caller, activityId: string): Promise<SignUpView[]> {
  const { activity } = await teamActivity(caller, activityId, 'team.listSignUps');
  return (await data.listSignUps(activity._id)).map((s) => ({ id: s._id, displayName: s.displayName, createdAt: s.createdAt, attended: !!s.attended }));
}

export async function recordAttendance(
  caller: Caller,
  input: { activityId: string; attendedSignUpIds: string[]; extraCount: number; summary: string; photos?: string[] },
): Promise<ActivityView> {
  const { activity, point, facts } = await teamActivity(caller, input.activityId, 'team.recordAttendance');
  const now = new Date();
  if (activity.status === 'cancelled') throw new ActionError('Conflict', '这个活动已经取消');
  if (Date.parse(activity.startsAt) > now.getTime()) throw new ActionError('Conflict', '活动开始以后才能登记参加情况');
  const photos = input.photos ?? [];
  if (!ownsPhotos(caller.openid, photos)) throw new ActionError('InvalidParameter', 'input.photos：照片需要在这里重新上传');
  const signUps = await data.listSignUps(activity._id);
  const attended = [...new Set(input.attendedSignUpIds)];
  if (attended.some((id) => !signUps.some((s) => s._id === id))) throw new ActionError('InvalidParameter', 'input.attendedSignUpIds：名单里有不是本活动报名的人');
  const attendance = {
    count: attended.length + input.extraCount,
    summary: input.summary,
    photos,
    recordedAt: now.toISOString(),
    recordedBy: facts.memberships.find((m) => m.pointId === point._id)?.memberId ?? `county-${facts.countyCode ?? ''}`,
  };
  if (!(await data.updateActivityIf({ _id: activity._id, status: activity.status }, { status: 'done', attendance: data.replaceValue(attendance) }))) {
    throw new ActionError('Conflict', '这个活动刚刚有了变化，请刷新后再试');
  }
  await data.markAttended(activity._id, attended);
  await refreshDisplayedActivities(point, now);
  return toView({ ...activity, status: 'done', attendance }, false, now);
}

/** One seat per woman per activity: her sign-up's id is made from the activity and a one-way tag of her OPENID. */
const signUpId = (activityId: string, openid: string) =>
  `${activityId}-${createHash('sha256').update(`sign-up:${openid}`).digest('hex').slice(0, 20)}`;

export async function getActivity(caller: Caller, activityId: string): Promise<ActivityView> {
  const [activity, mine] = await Promise.all([data.findActivity(activityId), data.findSignUp(signUpId(activityId, caller.openid))]);
  if (!activity || activity.status === 'cancelled') throw notFound();
  return toView(activity, !!mine && !mine.cancelledAt);
}

export async function signUp(caller: Caller, activityId: string, displayName: string): Promise<ActivityView> {
  const id = signUpId(activityId, caller.openid);
  const now = new Date();
  const [activity, mine, recent] = await Promise.all([
    data.findActivity(activityId),
    data.findSignUp(id),
    data.signUpTimesSince(caller.openid, rateWindowStart('signUp', now)),
  ]);
  if (!activity || activity.status === 'cancelled') throw notFound();
  if (mine && !mine.cancelledAt) return toView(activity, true);
  enforceRateLimit('signUp', recent, now, rateLimitFactor);
  if (activity.status !== 'open' || Date.parse(activity.startsAt) <= now.getTime()) throw new ActionError('Conflict', '这个活动已经开始或结束，不能再报名');
  // The seat first, taken only while one is left: two women can never both take the last one.
  if (!(await data.takeSeat(activity._id, activity.capacity))) throw new ActionError('Conflict', '名额已满');
  const at = now.toISOString();
  try {
    if (mine) await data.renewSignUp(id, displayName, at);
    else await data.insertSignUp({ _id: id, activityId: activity._id, residentOpenid: caller.openid, displayName, createdAt: at });
  } catch (error) {
    await data.giveBackSeat(activity._id);
    throw error;
  }
  return toView({ ...activity, signUpCount: activity.signUpCount + 1 }, true, now);
}

export async function cancelSignUp(caller: Caller, activityId: string): Promise<ActivityView> {
  const id = signUpId(activityId, caller.openid);
  const [activity, mine] = await Promise.all([data.findActivity(activityId), data.findSignUp(id)]);
  if (!activity) throw notFound();
  if (!mine || mine.cancelledAt) return toView(activity, false);
  if (Date.parse(activity.startsAt) <= Date.now()) throw new ActionError('Conflict', '活动已经开始，不能再取消报名');
  if (await data.cancelSignUp(id, new Date().toISOString())) await data.giveBackSeat(activity._id);
  return toView({ ...activity, signUpCount: Math.max(0, activity.signUpCount - 1) }, false);
}
