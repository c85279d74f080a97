/** Data access: every database round trip the functions make is one function here. */
import {
  OPEN_STATUSES,
  type Activity,
  type ActivitySignUp,
  type OutreachContact,
  type OutreachLog,
  type Survey,
  type SurveyResponse,
  type Escalation, type Point, type ServiceRequest, type SlaDeadlineKind, type SlaMark, type TeamInvite, type TeamMember } from '../core/domain';
import type { ExportedRequest } from '../core/report';
import { chinaInstant } from '../core/china-time';
import { statsId, type PointStats, type StatsIncrement } from '../core/rollup';
import type { CollectionName } from '../core/schema';
import { _, db, isDuplicateWrite } from './cloudbase';

export interface CountyStaff {
  _id: string;
  openid: string;
  name: string;
  countyCode: string;
  countyName: string;
}

const collection = (name: CollectionName) => db.collection(name);

const first = async <T>(query: Promise<{ data: unknown[] }>): Promise<T | undefined> => (await query).data[0] as T | undefined;

/**
 * The SDK hands a stored GeoJSON point back as a `db.Geo.Point` ({ longitude, latitude }); points leave this module
 * in the stored GeoJSON shape, whichever form the SDK gave.
 */
export function readPoint(doc: unknown): Point {
  const point = doc as Omit<Point, 'location'> & { location: Point['location'] | { longitude: number; latitude: number } };
  const { location } = point;
  return 'coordinates' in location
    ? { ...point, location }
    : { ...point, location: { type: 'Point', coordinates: [location.longitude, location.latitude] } };
}

const readPoints = (docs: unknown[]) => docs.map(readPoint);

export const findPoint = async (pointId: string) => readPoints((await collection('points').where({ _id: pointId }).limit(1).get()).data)[0];

/**
 * A point with its active team in one round trip (a lookup), in the team's order: the point page and a submit need
 * both, and each round trip counts against the environment's database quota.
 */
export async function findPointWithTeam(match: { _id: string } | { code: string; active: true }): Promise<{ point: Point; team: TeamMember[] } | undefined> {
  const { data } = await collection('points').aggregate().match(match).limit(1).lookup({ from: 'members', localField: '_id', foreignField: 'pointId', as: 'team' }).end();
  const row = (data as (Point & { team: TeamMember[] })[])[0];
  if (!row) return undefined;
  const { team, ...point } = row;
  return { point: readPoint(point), team: team.filter((m) => m.active).sort((a, b) => a.order - b.order) };
}

export const listActivePoints = async (): Promise<Point[]> =>
  readPoints((await collection('points').where({ active: true }).orderBy('countyCode', 'asc').orderBy('code', 'asc').limit(200).get()).data);

export const findPointsByIds = async (ids: string[]): Promise<Point[]> =>
  ids.length === 0 ? [] : readPoints((await collection('points').where({ _id: _.in(ids) }).limit(ids.length).get()).data);

export const listTeam = async (pointId: string): Promise<TeamMember[]> =>
  (await collection('members').where({ pointId, active: true }).orderBy('order', 'asc').limit(100).get()).data as TeamMember[];

export const listMembershipsOf = async (openid: string): Promise<TeamMember[]> =>
  (await collection('members').where({ openid, active: true }).limit(50).get()).data as TeamMember[];

export const findMember = (memberId: string) => first<TeamMember>(collection('members').where({ _id: memberId }).limit(1).get());

/** A person already on a point's team (active), by her OPENID. */
export const findActiveMembership = (pointId: string, openid: string) =>
  first<TeamMember>(collection('members').where({ pointId, openid, active: true }).limit(1).get());

export async function updateMember(memberId: string, changes: Record<string, unknown>, clear: string[] = []): Promise<boolean> {
  const removals = Object.fromEntries(clear.map((key) => [key, _.remove()]));
  const { updated } = await collection('members').where({ _id: memberId }).update({ ...changes, ...removals });
  return updated === 1;
}

/** Marks every active membership of one person away until a day, or back (`undefined`). */
export async function setAwayOf(openid: string, awayUntil: string | undefined): Promise<number> {
  const { updated } = await collection('members')
    .where({ openid, active: true })
    .update({ awayUntil: awayUntil ?? _.remove() });
  return updated ?? 0;
}

/** Binds a member record nobody has bound yet to this account; the record as it is now, or undefined. */
export async function bindMember(memberId: string, openid: string, at: string): Promise<TeamMember | undefined> {
  const { updated } = await collection('members').where({ _id: memberId, active: true, openid: _.exists(false) }).update({ openid, joinedAt: at });
  return updated === 1 ? findMember(memberId) : undefined;
}

export async function insertMember(member: TeamMember): Promise<void> {
  await collection('members').add(member);
}

/** Adds one subscribe grant to each of her memberships; answers how many she now has on the first. */
export async function addMemberNotifyToken(openid: string): Promise<number> {
  await collection('members').where({ openid, active: true }).update({ notifyTokens: _.inc(1) });
  return ((await listMembershipsOf(openid))[0]?.notifyTokens ?? 0) as number;
}

/** Uses one of a member's subscribe grants; false when she had none left. */
export async function takeMemberNotifyToken(memberId: string): Promise<boolean> {
  const { updated } = await collection('members').where({ _id: memberId, notifyTokens: _.gt(0) }).update({ notifyTokens: _.inc(-1) });
  return updated === 1;
}

export async function clearMemberNotifyTokens(openid: string): Promise<void> {
  await collection('members').where({ openid }).update({ notifyTokens: 0 });
}

export async function addRequestNotifyToken(requestId: string): Promise<void> {
  await collection('requests').where({ _id: requestId }).update({ notifyTokens: _.inc(1) });
}

/** Uses one of her grants for this request; false when none is left. */
export async function takeRequestNotifyToken(requestId: string): Promise<boolean> {
  const { updated } = await collection('requests').where({ _id: requestId, notifyTokens: _.gt(0) }).update({ notifyTokens: _.inc(-1) });
  return updated === 1;
}

export async function clearRequestNotifyTokens(requestId: string): Promise<void> {
  await collection('requests').where({ _id: requestId }).update({ notifyTokens: 0 });
}

export async function insertInvite(invite: TeamInvite): Promise<void> {
  await collection('invites').add(invite);
}

export const findInvite = (id: string) => first<TeamInvite>(collection('invites').where({ _id: id }).limit(1).get());

export const findInviteByCode = (code: string) => first<TeamInvite>(collection('invites').where({ code }).limit(1).get());

export const listOpenInvites = async (pointId: string, now: string): Promise<TeamInvite[]> =>
  (await collection('invites').where({ pointId, expiresAt: _.gt(now), usedAt: _.exists(false) }).orderBy('expiresAt', 'desc').limit(50).get())
    .data as TeamInvite[];

/** Takes the invite for this person if nobody has yet and it has not expired: only one person can join with it. */
export async function claimInvite(inviteId: string, openid: string, memberId: string, at: string): Promise<boolean> {
  const { updated } = await collection('invites')
    .where({ _id: inviteId, usedAt: _.exists(false), expiresAt: _.gt(at) })
    .update({ usedAt: at, usedByOpenid: openid, memberId });
  return updated === 1;
}

export interface PushRetry {
  _id: string;
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  attempts: number;
  nextAttemptAt: string;
  lastErrcode: number;
  createdAt: string;
  gaveUpAt?: string;
}

export async function insertPushRetry(retry: Omit<PushRetry, '_id'>): Promise<void> {
  await collection('pushRetries').add(retry);
}

export const listDuePushRetries = async (now: string, limit: number): Promise<PushRetry[]> =>
  (await collection('pushRetries').where({ nextAttemptAt: _.lte(now), gaveUpAt: _.exists(false) }).orderBy('nextAttemptAt', 'asc').limit(limit).get())
    .data as PushRetry[];

/** Claims a retry for one attempt (a second scheduler run at the same time finds it claimed). */
export async function claimPushRetry(retry: PushRetry, changes: Record<string, unknown>): Promise<boolean> {
  const { updated } = await collection('pushRetries').where({ _id: retry._id, attempts: retry.attempts }).update(changes);
  return updated === 1;
}

export async function removePushRetry(id: string): Promise<void> {
  await collection('pushRetries').where({ _id: id }).remove();
}

export const findCountyStaff = (openid: string) => first<CountyStaff>(collection('countyStaff').where({ openid }).limit(1).get());

/** Open requests per assignee at one point, for routing by load. */
export async function openLoadAtPoint(pointId: string): Promise<Record<string, number>> {
  const { data } = await collection('requests')
    .aggregate()
    .match({ pointId, status: _.in([...OPEN_STATUSES]) })
    .group({ _id: '$assigneeId', open: _.aggregate.sum(1) })
    .end();
  return Object.fromEntries((data as { _id: string; open: number }[]).map((row) => [row._id, row.open]));
}

/**
 * What a submit needs from the requests in one read: the open load of each member of the point (for routing) and
 * the times of her own requests since `since` (for her rate limit).
 */
export async function openLoadAndSubmitsSince(pointId: string, residentOpenid: string, since: string): Promise<{ openLoad: Record<string, number>; mine: string[] }> {
  const $ = _.aggregate;
  const openHere = $.and([$.eq(['$pointId', pointId]), $.in(['$status', [...OPEN_STATUSES]])]);
  const mineSince = $.and([$.eq(['$residentOpenid', residentOpenid]), $.gte(['$createdAt', since])]);
  const { data } = await collection('requests')
    .aggregate()
    .match(_.or([{ pointId, status: _.in([...OPEN_STATUSES]) }, { residentOpenid, createdAt: _.gte(since) }]))
    .group({
      _id: '$assigneeId',
      open: $.sum($.cond({ if: openHere, then: 1, else: 0 })),
      mine: $.push($.cond({ if: mineSince, then: '$createdAt', else: '' })),
    })
    .end();
  const rows = data as { _id: string; open: number; mine: string[] }[];
  return {
    openLoad: Object.fromEntries(rows.filter((row) => row.open > 0).map((row) => [row._id, row.open])),
    mine: rows.flatMap((row) => row.mine.filter(Boolean)),
  };
}

export async function insertRequest(request: Omit<ServiceRequest, '_id'>): Promise<string> {
  const { id } = await collection('requests').add(request);
  return id as string;
}

export const findRequestByClientKey = (residentOpenid: string, clientKey: string) =>
  first<ServiceRequest>(collection('requests').where({ residentOpenid, clientKey }).limit(1).get());

export const findRequest = (requestId: string) => first<ServiceRequest>(collection('requests').where({ _id: requestId }).limit(1).get());

export const listRequestsOfResident = async (residentOpenid: string): Promise<ServiceRequest[]> =>
  (
    await collection('requests')
      .where({ residentOpenid })
      .orderBy('createdAt', 'desc')
      .field({ description: false, contact: false, timeline: false, photos: false, consent: false })
      .limit(100)
      .get()
  ).data as ServiceRequest[];

const INBOX_FIELDS = { contact: false, timeline: false, description: false, photos: false, consent: false, referrals: false };

/**
 * Requests assigned to any of these members, or at any of these points where the caller is the executive: all the
 * open ones (a team has few), and the most recent finished ones.
 */
export async function listInbox(memberIds: string[], executiveOfPointIds: string[], finishedLimit: number): Promise<ServiceRequest[]> {
  const clauses = [
    ...(memberIds.length ? [{ assigneeId: _.in(memberIds) }] : []),
    ...(executiveOfPointIds.length ? [{ pointId: _.in(executiveOfPointIds) }] : []),
  ];
  if (clauses.length === 0) return [];
  const mine = _.or(clauses);
  const [open, finished] = await Promise.all([
    collection('requests').where(_.and([mine, { status: _.in([...OPEN_STATUSES]) }])).orderBy('createdAt', 'asc').field(INBOX_FIELDS).limit(500).get(),
    collection('requests').where(_.and([mine, { status: _.nin([...OPEN_STATUSES]) }])).orderBy('createdAt', 'desc').field(INBOX_FIELDS).limit(finishedLimit).get(),
  ]);
  return [...open.data, ...finished.data] as ServiceRequest[];
}

/** Open requests assigned to one member (to route them again when she leaves). */
export const listOpenRequestsOf = async (memberId: string): Promise<ServiceRequest[]> =>
  (await collection('requests').where({ assigneeId: memberId, status: _.in([...OPEN_STATUSES]) }).limit(500).get()).data as ServiceRequest[];

/** Makes the new executive responsible for every open request of a point. */
export async function setExecutiveOfOpenRequests(pointId: string, executiveId: string): Promise<number> {
  const { updated } = await collection('requests').where({ pointId, status: _.in([...OPEN_STATUSES]) }).update({ executiveId });
  return updated ?? 0;
}

/** Sets a field to exactly this object (an update would otherwise merge it key by key, keeping removed keys). */
export const replaceValue = (value: object) => _.set(value);

/** A position as the database's geo index wants it (CloudBase stores `db.Geo.Point`; it reads back as GeoJSON). */
export const geoPoint = (longitude: number, latitude: number) => new db.Geo.Point(longitude, latitude);

export async function insertPoint(point: Point): Promise<void> {
  const [longitude, latitude] = point.location.coordinates;
  await collection('points').add({ ...point, location: geoPoint(longitude, latitude) });
}

export const listMembersOfPoints = async (pointIds: string[]): Promise<TeamMember[]> =>
  pointIds.length === 0 ? [] : ((await collection('members').where({ pointId: _.in(pointIds), active: true }).limit(1000).get()).data as TeamMember[]);

export async function updatePoint(pointId: string, changes: Record<string, unknown>): Promise<boolean> {
  const { updated } = await collection('points').where({ _id: pointId }).update(changes);
  return updated === 1;
}

/**
 * Updates only if the request is still as the caller saw it (status, and timeline length when given): two taps, or
 * two people, cannot both win. `clear` removes fields.
 */
export async function updateRequestIf(
  expected: { _id: string; status: ServiceRequest['status']; timeline?: unknown },
  changes: Record<string, unknown>,
  clear: string[] = [],
): Promise<boolean> {
  const removals = Object.fromEntries(clear.map((key) => [key, _.remove()]));
  const { updated } = await collection('requests').where(expected).update({ ...changes, ...removals });
  return updated === 1;
}

export const pushTimeline = (event: unknown) => _.push([event]);
export const pushTimelineEvents = (events: unknown[]) => _.push(events);

/** Matches a timeline that still has exactly this many events (nothing was added since it was read). */
export const timelineLength = (length: number) => _.size(length);

/** Active points within `maxDistance` metres of a position, nearest first (one round trip; a 2dsphere index in the cloud). */
export const listPointsNear = async (longitude: number, latitude: number, maxDistance: number, limit: number): Promise<Point[]> =>
  readPoints(
    (
      await collection('points')
        .where({ active: true, location: _.geoNear({ geometry: new db.Geo.Point(longitude, latitude), maxDistance }) })
        .limit(limit)
        .get()
    ).data,
  );

/** How many of the latest once-keys a figures document keeps: a retry comes within seconds, not 200 events later. */
const COUNTED_KEYS_KEPT = 200;

/**
 * Adds an event to its point's month: an increment in place, or (the month's first event) the document created then
 * incremented; the loser of two first inserts increments too. With `onceKey` (a submitted request's id) it adds only if that key was not counted yet,
 * in the same conditional write: a submit retried after a crash between storing the request and counting it counts
 * it then, and never twice.
 */
export async function addToStats(increment: StatsIncrement, onceKey?: string): Promise<void> {
  const changes: Record<string, unknown> = Object.fromEntries(Object.entries(increment.add).map(([path, n]) => [path, _.inc(n)]));
  if (onceKey) changes.countedKeys = _.push({ each: [onceKey], slice: -COUNTED_KEYS_KEPT });
  const stats = collection('pointStats');
  const target = { _id: increment.id, ...(onceKey ? { countedKeys: _.neq(onceKey) } : {}) };
  if ((await stats.where(target).update(changes)).updated === 1) return;
  try {
    await stats.add({ _id: increment.id, pointId: increment.pointId, countyCode: increment.countyCode, period: increment.period, cells: {} });
  } catch (error) {
    // Another event made it first; with a once-key the update below still adds only if the key is not counted.
    if (!isDuplicateWrite(error)) throw error;
  }
  await stats.where(target).update(changes);
}

/**
 * Makes each active point's figures document for these months, so an event finds it and adds to it in one round
 * trip. Existing documents are left alone.
 */
export async function ensureStatsDocuments(points: Pick<Point, '_id' | 'countyCode'>[], periods: string[]): Promise<number> {
  const ids = points.flatMap((p) => periods.map((period) => ({ _id: statsId(p._id, period), pointId: p._id, countyCode: p.countyCode, period, cells: {} })));
  if (ids.length === 0) return 0;
  const existing = new Set(
    ((await collection('pointStats').where({ period: _.in(periods) }).field({ _id: true }).limit(1000).get()).data as { _id: string }[]).map((d) => d._id),
  );
  const missing = ids.filter((d) => !existing.has(d._id));
  if (missing.length === 0) return 0;
  try {
    await collection('pointStats').add(missing);
  } catch (error) {
    // Another run made them first.
    if (!isDuplicateWrite(error)) throw error;
    return 0;
  }
  return missing.length;
}

/** A query's whole result, page by page (CloudBase answers at most 1000 documents per query). */
async function all<T>(query: () => { skip: (n: number) => { limit: (n: number) => { get: () => Promise<{ data: unknown[] }> } } }): Promise<T[]> {
  const PAGE = 1000;
  const found: T[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const { data } = await query().skip(skip).limit(PAGE).get();
    found.push(...(data as T[]));
    if (data.length < PAGE) return found;
  }
}

/** The county's figures documents for a span of months: one per point per month (O(points × months)). */
export const listStats = (countyCode: string, fromPeriod: string, toPeriod: string): Promise<PointStats[]> =>
  all<PointStats>(() =>
    // The once-keys of recent submits are bookkeeping, not figures.
    collection('pointStats').where({ countyCode, period: _.and(_.gte(fromPeriod), _.lte(toPeriod)) }).field({ countedKeys: false }).orderBy('_id', 'asc'),
  );

/** Open requests whose deadline (or the reminder before it) has come and that the scheduler has not marked yet. */
export async function listDueForSla(field: 'due.remindFirstResponseAt' | 'due.firstResponseBy' | 'due.remindResolveAt' | 'due.resolveBy', statuses: string[], unlessMarked: SlaMark, now: string, limit: number): Promise<ServiceRequest[]> {
  return (
    await collection('requests')
      .where({ status: _.in(statuses), [field]: _.lte(now), slaMarks: _.nin([unlessMarked]) })
      .field({ description: false, contact: false, photos: false, consent: false })
      .orderBy(field, 'asc')
      .limit(limit)
      .get()
  ).data as ServiceRequest[];
}

/** Marks one request for one deadline step, once: false when another run marked it first (or it changed). */
export async function markSla(request: Pick<ServiceRequest, '_id' | 'status'>, mark: SlaMark, changes: Record<string, unknown>): Promise<boolean> {
  const { updated } = await collection('requests')
    .where({ _id: request._id, status: request.status, slaMarks: _.nin([mark]) })
    .update({ ...changes, slaMarks: _.push([mark]) });
  return updated === 1;
}

export async function insertEscalation(escalation: Escalation): Promise<boolean> {
  try {
    await collection('escalations').add(escalation);
    return true;
  } catch (error) {
    if (isDuplicateWrite(error)) return false;
    throw error;
  }
}

/** The request got its answer: its open escalations for these deadlines are settled. */
export async function settleEscalations(requestId: string, deadlines: SlaDeadlineKind[], at: string): Promise<void> {
  await collection('escalations').where({ requestId, deadline: _.in(deadlines), settledAt: _.exists(false) }).update({ settledAt: at });
}

export const findEscalationsOf = async (requestId: string): Promise<Escalation[]> =>
  (await collection('escalations').where({ requestId }).limit(20).get()).data as Escalation[];

export const findRequestsByIds = async (ids: string[]): Promise<ServiceRequest[]> =>
  ids.length === 0
    ? []
    : ((await collection('requests').where({ _id: _.in(ids) }).field({ description: false, contact: false, photos: false, consent: false, timeline: false }).limit(ids.length).get()).data as ServiceRequest[]);

/** Requests overdue now (open escalations) per point of the county, counted in the database. */
export async function countOverdueByPoint(countyCode: string, filter: { category?: string; urgency?: string }): Promise<Map<string, number>> {
  const { data } = await collection('escalations')
    .aggregate()
    .match({ countyCode, settledAt: _.exists(false), ...(filter.category ? { category: filter.category } : {}), ...(filter.urgency ? { urgency: filter.urgency } : {}) })
    .group({ _id: '$pointId', requests: _.aggregate.addToSet('$requestId') })
    .end();
  return new Map((data as { _id: string; requests: string[] }[]).map((row) => [row._id, row.requests.length]));
}

export const listOpenEscalations = async (countyCode: string): Promise<Escalation[]> =>
  (await collection('escalations').where({ countyCode, settledAt: _.exists(false) }).orderBy('at', 'asc').limit(1000).get()).data as Escalation[];

/** 催办: counted on the request's open escalations, in one write. */
export async function countUrge(requestId: string, at: string): Promise<void> {
  await collection('escalations').where({ requestId, settledAt: _.exists(false) }).update({ urgedAt: at, urgeCount: _.inc(1) });
}

export const listCountyPoints = async (countyCode: string): Promise<Point[]> =>
  readPoints((await collection('points').where({ countyCode }).orderBy('code', 'asc').limit(500).get()).data);

/** The county's targets, copied onto each of its points (a submit reads its point anyway). */
export async function setCountySla(countyCode: string, sla: unknown): Promise<number> {
  const { updated } = await collection('points').where({ countyCode }).update({ sla: _.set(sla) });
  return updated ?? 0;
}

export async function setCountyRetention(countyCode: string, retentionDays: number): Promise<number> {
  const { updated } = await collection('points').where({ countyCode }).update({ retentionDays });
  return updated ?? 0;
}

/** Every request of hers in full (her own data view and deletion); a woman has few. */
export const listFullRequestsOfResident = async (residentOpenid: string): Promise<ServiceRequest[]> =>
  (await collection('requests').where({ residentOpenid }).orderBy('createdAt', 'desc').limit(1000).get()).data as ServiceRequest[];

/** Ended requests whose retention period is over and that still hold what could identify her. */
export const listRequestsToAnonymise = async (now: string, limit: number): Promise<ServiceRequest[]> =>
  (await collection('requests').where({ purgeAt: _.lte(now), anonymisedAt: _.exists(false) }).limit(limit).get()).data as ServiceRequest[];

/** Written once: a second run (or her deletion racing the scheduler) finds it done and changes nothing. */
export async function anonymiseRequestIf(requestId: string, changes: Partial<ServiceRequest>): Promise<boolean> {
  // Objects and lists are replaced whole (`_.set`): a plain object would be merged, keeping her phone in `contact`.
  const replaced = Object.fromEntries(Object.entries(changes).map(([key, value]) => [key, value !== null && typeof value === 'object' ? _.set(value) : value]));
  const { updated } = await collection('requests').where({ _id: requestId, anonymisedAt: _.exists(false) }).update(replaced);
  return (updated ?? 0) > 0;
}

export const listSignUpsOfResident = async (residentOpenid: string): Promise<ActivitySignUp[]> =>
  (await collection('signUps').where({ residentOpenid }).limit(1000).get()).data as ActivitySignUp[];

/** Her name leaves the list at the door; the seat count stays as it was for activities already held. */
export async function anonymiseSignUp(id: string, at: string, cancel: boolean): Promise<void> {
  await collection('signUps').where({ _id: id }).update({ displayName: '（已删除）', residentOpenid: '', ...(cancel ? { cancelledAt: at } : {}) });
}

export const listAccessLogOf = async (requestIds: string[]): Promise<{ requestId: string; viewer: string; reason: string; at: string }[]> =>
  requestIds.length
    ? ((await collection('accessLog').where({ requestId: _.in(requestIds) }).orderBy('at', 'desc').limit(1000).get()).data as { requestId: string; viewer: string; reason: string; at: string }[])
    : [];

export async function insertAccessLog(entry: { requestId: string; viewer: string; reason: string; at: string }): Promise<void> {
  await collection('accessLog').add(entry);
}

/** The county's requests submitted in [from, to), with only the fields a report may carry (no personal data). */
export const listRequestsForReport = async (
  countyCode: string,
  from: string,
  to: string,
  filter: { category?: string; urgency?: string },
  limit: number,
): Promise<ExportedRequest[]> =>
  (
    await collection('requests')
      .where({
        countyCode,
        createdAt: _.and(_.gte(from), _.lt(to)),
        ...(filter.category ? { category: filter.category } : {}),
        ...(filter.urgency ? { urgency: filter.urgency } : {}),
      })
      .field({ pointName: true, category: true, urgency: true, status: true, createdAt: true, acceptedAt: true, resolvedAt: true, due: true, feedback: true, reopenCount: true, slaMarks: true })
      .orderBy('createdAt', 'asc')
      .limit(limit)
      .get()
  ).data as ExportedRequest[];

export async function insertActivity(activity: Activity): Promise<void> {
  await collection('activities').add(activity);
}

export const findActivity = (activityId: string) => first<Activity>(collection('activities').where({ _id: activityId }).limit(1).get());

export const listActivitiesOfPoint = async (pointId: string, limit: number): Promise<Activity[]> =>
  (await collection('activities').where({ pointId }).orderBy('startsAt', 'desc').limit(limit).get()).data as Activity[];

export async function updateActivityIf(expected: { _id: string; status: Activity['status'] }, changes: Record<string, unknown>): Promise<boolean> {
  const { updated } = await collection('activities').where(expected).update(changes);
  return updated === 1;
}

/** Takes a seat only while one is left (one conditional write: the last seat goes to one woman). */
export async function takeSeat(activityId: string, capacity: number): Promise<boolean> {
  const { updated } = await collection('activities')
    .where({ _id: activityId, status: 'open', signUpCount: _.lt(capacity) })
    .update({ signUpCount: _.inc(1) });
  return updated === 1;
}

export const findActivitiesByIds = async (ids: string[]): Promise<Activity[]> =>
  ids.length ? ((await collection('activities').where({ _id: _.in(ids) }).limit(1000).get()).data as Activity[]) : [];

export async function giveBackSeat(activityId: string): Promise<void> {
  await collection('activities').where({ _id: activityId, signUpCount: _.gt(0) }).update({ signUpCount: _.inc(-1) });
}

export const findSignUp = (id: string) => first<ActivitySignUp>(collection('signUps').where({ _id: id }).limit(1).get());

/** When she signed up (or signed up again) for anything since `since`, for her rate limit. */
export const signUpTimesSince = async (residentOpenid: string, since: string): Promise<string[]> =>
  ((await collection('signUps').where({ residentOpenid, createdAt: _.gte(since) }).field({ createdAt: true }).limit(100).get()).data as { createdAt: string }[]).map(
    (s) => s.createdAt,
  );

export async function insertSignUp(signUp: ActivitySignUp): Promise<void> {
  await collection('signUps').add(signUp);
}

export async function renewSignUp(id: string, displayName: string, at: string): Promise<void> {
  await collection('signUps').where({ _id: id }).update({ displayName, createdAt: at, cancelledAt: _.remove() });
}

/** False when it was already cancelled (a second tap). */
export async function cancelSignUp(id: string, at: string): Promise<boolean> {
  const { updated } = await collection('signUps').where({ _id: id, cancelledAt: _.exists(false) }).update({ cancelledAt: at });
  return updated === 1;
}

export const listSignUps = async (activityId: string): Promise<ActivitySignUp[]> =>
  (await collection('signUps').where({ activityId, cancelledAt: _.exists(false) }).orderBy('createdAt', 'asc').limit(1000).get()).data as ActivitySignUp[];

export async function markAttended(activityId: string, ids: string[]): Promise<void> {
  if (ids.length > 0) await collection('signUps').where({ activityId, _id: _.in(ids) }).update({ attended: true });
}

export const listContacts = async (pointId: string, ownerMemberId: string): Promise<OutreachContact[]> =>
  (await collection('outreachContacts').where({ pointId, ownerMemberId }).orderBy('createdAt', 'asc').limit(500).get()).data as OutreachContact[];

export const findContact = (id: string) => first<OutreachContact>(collection('outreachContacts').where({ _id: id }).limit(1).get());

export async function insertContact(contact: OutreachContact): Promise<void> {
  await collection('outreachContacts').add(contact);
}

export const listContactLogs = async (pointId: string, year: number): Promise<OutreachLog[]> =>
  (await collection('outreachLogs').where({ pointId, year }).limit(1000).get()).data as OutreachLog[];

export async function insertContactLog(log: OutreachLog): Promise<void> {
  await collection('outreachLogs').add(log);
}

/** People contacted at least once in the year, per point of the county. */
export async function countOutreachPeople(countyCode: string, year: number): Promise<Map<string, number>> {
  const { data } = await collection('outreachLogs')
    .aggregate()
    .match({ countyCode, year })
    .group({ _id: '$pointId', people: _.aggregate.addToSet('$contactId') })
    .end();
  return new Map((data as { _id: string; people: string[] }[]).map((row) => [row._id, row.people.length]));
}

/** Activities of the county that start in the year, per point and status. */
export async function countActivities(countyCode: string, year: number): Promise<{ pointId: string; status: string; count: number }[]> {
  const { data } = await collection('activities')
    .aggregate()
    .match({ countyCode, startsAt: _.and(_.gte(chinaInstant(`${year}-01-01`)), _.lt(chinaInstant(`${year + 1}-01-01`))) })
    .group({ _id: { pointId: '$pointId', status: '$status' }, count: _.aggregate.sum(1) })
    .end();
  return (data as { _id: { pointId: string; status: string }; count: number }[]).map((row) => ({ ...row._id, count: row.count }));
}

export const findSurvey = (id: string) => first<Survey>(collection('surveys').where({ _id: id }).limit(1).get());

export async function insertSurvey(survey: Survey): Promise<void> {
  await collection('surveys').add(survey);
}

/** Replaces a draft's content, only while it is a draft. */
export async function replaceSurveyDraft(survey: Survey): Promise<void> {
  const { _id, ...fields } = survey;
  await collection('surveys').where({ _id, status: 'draft' }).update({ ...fields, questions: _.set(fields.questions) });
}

export async function updateSurveyIf(expected: { _id: string; status: Survey['status'] }, changes: Record<string, unknown>): Promise<boolean> {
  const { updated } = await collection('surveys').where(expected).update(changes);
  return updated === 1;
}

export const listSurveysOfCounty = async (countyCode: string, year: number): Promise<Survey[]> =>
  (await collection('surveys').where({ countyCode, year }).field({ questions: false }).limit(1000).get()).data as Survey[];

export async function hasResponder(token: string): Promise<boolean> {
  return (await collection('surveyResponders').where({ _id: token }).limit(1).get()).data.length > 0;
}

/** False when she has answered before. */
export async function insertResponder(token: string): Promise<boolean> {
  try {
    await collection('surveyResponders').add({ _id: token });
    return true;
  } catch (error) {
    if (isDuplicateWrite(error)) return false;
    throw error;
  }
}

export async function insertSurveyResponse(response: Omit<SurveyResponse, '_id'>): Promise<void> {
  await collection('surveyResponses').add(response);
}

export async function countSurveyResponse(surveyId: string): Promise<void> {
  await collection('surveys').where({ _id: surveyId }).update({ responseCount: _.inc(1) });
}

export const listSurveyResponses = async (surveyId: string): Promise<SurveyResponse[]> =>
  (await collection('surveyResponses').where({ surveyId }).limit(1000).get()).data as SurveyResponse[];
