/** How a request flows (DESIGN.md §3): submit and route, the woman's view, the team's inbox and accept. */
import type {
  InboxItem,
  Membership,
  MyRequestSummary,
  MyRequestView,
  SubmitRequestInput,
  SubmitResult,
  TeamInbox,
  TeamRequestView,
  TimelineEntryView,
  Whoami,
} from '../core/actions';
import { DAY_MS } from '../core/china-time';
import { SENSITIVE_DATA_CONSENT } from '../core/consent';
import { INBOX_TABS } from '../core/actions';
import {
  CONSENT_PURPOSE,
  EXTENSION_TOTAL_DAYS_MAX,
  type Category,
  type Point,
  type ReferralAgency,
  type ServiceRequest,
  type SlaDeadlineKind,
  type SlaMark,
  type TeamMember,
  type TimelineEvent,
} from '../core/domain';
import { ActionError } from '../core/envelope';
import { inTab, sortForInbox } from '../core/inbox';
import { hasRoomForMessages, isOpen, reopenDeadline, residentMay, TEAM_STEP_REFUSALS, teamMay, whyResidentMayNot, type TeamStep } from '../core/lifecycle';
import { enforceRateLimit, rateWindowStart } from '../core/rate-limits';
import { may, relationsToRequest, type CallerFacts, type RequestPermission } from '../core/permissions';
import { DEFAULT_RETENTION_DAYS, maskPhone, purgeAtFor } from '../core/privacy';
import { routeRequest, type RoutingDecision } from '../core/routing';
import { minutesBetween, statsIncrement, type StatsEvent } from '../core/rollup';
import { DEFAULT_SLA, deadlinesFor, isOverdue, remindBefore, type RequestDeadlines } from '../core/sla';
import { isDuplicateWrite, rateLimitFactor } from './cloudbase';
import * as data from './data';
import { notifyMember, notifyResident } from './notify';
import { ownsPhotos, photoLinks } from './photos';
import type { Caller } from './router';

const notFound = () => new ActionError('NotFound', '没有找到这条诉求，或您无权查看');

/**
 * Routing reasons and internal notes are for the team; the woman sees what happened, the public role of who acted,
 * and the words meant for her.
 */
const TEAM_ONLY_EVENTS: readonly TimelineEvent['type'][] = ['note', 'referralOutcome'];

const toTimelineView = (events: TimelineEvent[], audience: 'resident' | 'team'): TimelineEntryView[] =>
  events
    .filter((e) => audience === 'team' || !TEAM_ONLY_EVENTS.includes(e.type))
    .map(({ type, at, by, actorRole, reason, text, rating, fromPointName, toPointName, agency, days, deadline }) => ({
      type,
      at,
      byResident: by === 'resident',
      ...(actorRole ? { actorRole } : {}),
      ...(reason && audience === 'team' ? { reason } : {}),
      ...(text ? { text } : {}),
      ...(rating ? { rating } : {}),
      ...(fromPointName && audience === 'team' ? { fromPointName } : {}),
      ...(toPointName ? { toPointName } : {}),
      ...(agency ? { agency } : {}),
      ...(days ? { days } : {}),
      ...(deadline ? { deadline } : {}),
    }));

const RESIDENT = 'resident';

/** Requests stored before deadlines were kept on them get the default targets. */
export const slaOf = (r: Pick<ServiceRequest, 'sla' | 'urgency'>) => r.sla ?? DEFAULT_SLA[r.urgency];
export const dueOf = (r: Pick<ServiceRequest, 'due' | 'sla' | 'urgency' | 'createdAt' | 'extensionDays'>) =>
  r.due ?? deadlinesFor(r.createdAt, slaOf(r), r.extensionDays ?? 0);

/** Adds an event to the point's monthly figures (one round trip). */
const count = (r: Pick<ServiceRequest, 'pointId' | 'countyCode' | 'category' | 'urgency' | 'createdAt'>, event: StatsEvent, onceKey?: string) =>
  data.addToStats(statsIncrement({ ...r, countyCode: r.countyCode ?? '' }, event), onceKey);
/** A submitted request is counted once, by its id: a retry counts it if the first try stopped before counting. */
const countSubmitted = (r: Pick<ServiceRequest, '_id' | 'pointId' | 'countyCode' | 'category' | 'urgency' | 'createdAt'>) => count(r, { type: 'submitted' }, r._id);
const unreadFor = (r: Pick<ServiceRequest, 'unreadBy'>, reader: string) => (r.unreadBy ?? []).includes(reader);
/** The unread list after a step: adds who should look, drops who no longer holds the request. */
export const withUnread = (r: Pick<ServiceRequest, 'unreadBy'>, add: string[], drop: string[] = []) => [
  ...new Set([...(r.unreadBy ?? []).filter((x) => !drop.includes(x)), ...add]),
];

const toSummary = (r: ServiceRequest): MyRequestSummary => ({
  id: r._id,
  pointName: r.pointName,
  category: r.category,
  urgency: r.urgency,
  status: r.status,
  createdAt: r.createdAt,
  unread: unreadFor(r, RESIDENT),
});

export async function submitRequest(caller: Caller, input: SubmitRequestInput): Promise<SubmitResult> {
  const photos = input.photos ?? [];
  if (!ownsPhotos(caller.openid, photos)) throw new ActionError('InvalidParameter', 'input.photos：照片需要在这里重新上传');
  const now = new Date();
  const [found, { openLoad, mine }] = await Promise.all([
    data.findPointWithTeam({ _id: input.pointId }),
    data.openLoadAndSubmitsSince(input.pointId, caller.openid, rateWindowStart('submit', now)),
  ]);
  if (!found || !found.point.active) throw new ActionError('NotFound', '这个联系点不存在或已停用');
  const { point, team } = found;
  // The router checked the description and the safe times with WeChat before this ran.
  const contentCheck = caller.contentCheck ?? 'pass';
  try {
    enforceRateLimit('submit', mine, now, rateLimitFactor);
  } catch (limited) {
    // A retry of a draft stored before is answered, not limited (its first try counts among hers).
    const existing = await data.findRequestByClientKey(caller.openid, input.clientKey);
    if (!existing) throw limited;
    await countSubmitted(existing);
    return { id: existing._id, duplicate: true };
  }
  const decision = routeRequest({ category: input.category, members: team, openLoad, overrides: point.routingOverrides, now });
  const assignee = team.find((m) => m._id === decision.memberId) as TeamMember;
  const at = now.toISOString();
  const contact = input.contact.anonymous ? { anonymous: true } : input.contact;
  const sla = (point.sla ?? DEFAULT_SLA)[input.urgency];

  try {
    const id = await data.insertRequest({
      pointId: point._id,
      pointName: point.name,
      residentOpenid: caller.openid,
      clientKey: input.clientKey,
      category: input.category,
      urgency: input.urgency,
      description: input.description,
      contact,
      inDanger: input.inDanger,
      photos,
      consent: { purpose: CONSENT_PURPOSE, version: SENSITIVE_DATA_CONSENT.version, at },
      retentionDays: point.retentionDays ?? DEFAULT_RETENTION_DAYS,
      status: 'assigned',
      assigneeId: decision.memberId,
      executiveId: decision.executiveId,
      contentCheck,
      createdAt: at,
      sla,
      due: deadlinesFor(at, sla),
      countyCode: point.countyCode,
      reopenCount: 0,
      unreadBy: [decision.memberId],
      notifyTokens: input.notifyGrant ? 1 : 0,
      timeline: [
        { type: 'submitted', at, by: 'resident' },
        { type: 'assigned', at, by: 'system', memberId: decision.memberId, actorRole: assignee.role, reason: decision.reason },
      ],
    });
    await Promise.all([notifyMember(assignee, id), countSubmitted({ _id: id, pointId: point._id, countyCode: point.countyCode, category: input.category, urgency: input.urgency, createdAt: at })]);
    return { id, duplicate: false };
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    // The same draft was submitted before (a retry after a lost answer): return the first request.
    const existing = await data.findRequestByClientKey(caller.openid, input.clientKey);
    if (!existing) throw error;
    await countSubmitted(existing);
    return { id: existing._id, duplicate: true };
  }
}

export async function listMyRequests(caller: Caller): Promise<MyRequestSummary[]> {
  return (await data.listRequestsOfResident(caller.openid)).map(toSummary);
}

export async function toResidentView(request: ServiceRequest, now = new Date()): Promise<MyRequestView> {
  const deadline = reopenDeadline(request);
  const can = residentMay(request, now);
  return {
    ...toSummary(request),
    description: request.description,
    anonymous: request.contact.anonymous,
    inDanger: request.inDanger,
    photos: await photoLinks(request.photos),
    timeline: toTimelineView(request.timeline, 'resident'),
    ...(request.feedback ? { feedback: request.feedback } : {}),
    can,
    ...(can.reopen && deadline ? { reopenUntil: deadline.toISOString() } : {}),
    notifyTokens: request.notifyTokens ?? 0,
  };
}

/** Her own request; anyone else learns nothing of it, not even that it exists. */
async function ownRequest(caller: Caller, requestId: string, permission: RequestPermission): Promise<ServiceRequest> {
  const request = await data.findRequest(requestId);
  if (!request || !may(permission, relationsToRequest({ openid: caller.openid, memberships: [] }, request))) throw notFound();
  return request;
}

/** Opening it marks it read (a write only when something was unread; a step in between keeps it unread). */
async function markRead(request: ServiceRequest, readers: string[]): Promise<ServiceRequest> {
  if (!readers.some((reader) => unreadFor(request, reader))) return request;
  const unreadBy = (request.unreadBy ?? []).filter((x) => !readers.includes(x));
  await data.updateRequestIf({ _id: request._id, status: request.status, timeline: data.timelineLength(request.timeline.length) }, { unreadBy });
  return { ...request, unreadBy };
}

export async function getMyRequest(caller: Caller, requestId: string): Promise<MyRequestView> {
  return toResidentView(await markRead(await ownRequest(caller, requestId, 'resident.getMyRequest'), [RESIDENT]));
}

/** She allowed one more progress message (each WeChat grant is good for one). */
export async function subscribeUpdates(caller: Caller, requestId: string): Promise<MyRequestView> {
  const request = await ownRequest(caller, requestId, 'resident.subscribeUpdates');
  if (!isOpen(request)) throw new ActionError('Conflict', '这条诉求已经结束，不会再有进展提醒');
  await data.addRequestNotifyToken(request._id);
  return toResidentView({ ...request, notifyTokens: (request.notifyTokens ?? 0) + 1 });
}

type ResidentStep = 'message' | 'withdraw' | 'rate' | 'reopen';

/** What a stored step adds to the point's figures, and which escalations (督办) it answers. */
interface Aftermath {
  stats?: StatsEvent;
  settle?: SlaDeadlineKind[];
}

async function afterStep(request: ServiceRequest, at: string, { stats, settle = [] }: Aftermath): Promise<void> {
  const marks = request.slaMarks ?? [];
  const escalated = settle.filter((d) => marks.includes(`${d}Escalated`));
  await Promise.all([stats ? count(request, stats) : undefined, escalated.length ? data.settleEscalations(request._id, escalated, at) : undefined]);
}

const RESOLUTION_MARKS: SlaMark[] = ['resolutionReminded', 'resolutionEscalated'];

const resolutionPart = ({ resolveBy, remindResolveAt }: RequestDeadlines) => ({ resolveBy, remindResolveAt });

/** A new resolution deadline (reopening, an extension): reminded and escalated afresh; the first response's stays. */
function newResolutionDeadline(r: ServiceRequest, due: Pick<RequestDeadlines, 'resolveBy' | 'remindResolveAt'>) {
  return { due: { ...dueOf(r), ...due }, slaMarks: (r.slaMarks ?? []).filter((m) => !RESOLUTION_MARKS.includes(m)) };
}

/**
 * One step of hers on her request: checked against the lifecycle rules, her free text through the content check,
 * then written only if the request is still as she saw it (a second tap or a team member's step in between wins).
 */
async function residentStep(
  caller: Caller,
  requestId: string,
  step: ResidentStep,
  change: (request: ServiceRequest, at: string) => { event: TimelineEvent; set: Partial<ServiceRequest>; clear?: (keyof ServiceRequest)[] } & Aftermath,
  /** A retry with the same key (after a lost answer) returns the request as it is, without a second event. */
  clientKey?: string,
): Promise<MyRequestView> {
  const request = await ownRequest(caller, requestId, `resident.${step === 'message' ? 'sendMessage' : step}`);
  const now = new Date();
  if (clientKey && request.timeline.some((e) => e.key === clientKey)) return toResidentView(request, now);
  const refusal = whyResidentMayNot(step, request, now);
  if (refusal) throw new ActionError(step === 'message' && isOpen(request) ? 'RateLimited' : 'Conflict', refusal);
  if (step === 'message') {
    const since = rateWindowStart('message', now);
    enforceRateLimit('message', request.timeline.filter((e) => e.type === 'message' && e.by === 'resident' && e.at >= since).map((e) => e.at), now, rateLimitFactor);
  }
  const at = now.toISOString();
  const { event, set: stepChanges, clear = [], ...aftermath } = change(request, at);
  // Whoever holds the request sees that she wrote (or withdrew, rated, reopened).
  const set = { ...stepChanges, unreadBy: withUnread(request, [request.assigneeId]) };
  const stored = await data.updateRequestIf(
    { _id: request._id, status: request.status, timeline: data.timelineLength(request.timeline.length) },
    { ...set, timeline: data.pushTimeline(event) },
    clear,
  );
  if (!stored) throw new ActionError('Conflict', '这条诉求刚刚有了新进展，请刷新后再试');
  await afterStep(request, at, aftermath);
  const updated: ServiceRequest = { ...request, ...set, timeline: [...request.timeline, event] };
  for (const key of clear) delete updated[key];
  return toResidentView(updated, now);
}

export const sendMessage = (caller: Caller, requestId: string, text: string, clientKey: string) =>
  residentStep(caller, requestId, 'message', (_r, at) => ({ event: { type: 'message', at, by: 'resident', text, key: clientKey }, set: {} }), clientKey);

export const withdraw = (caller: Caller, requestId: string, reason?: string) =>
  residentStep(
    caller,
    requestId,
    'withdraw',
    (r, at) => ({
      event: { type: 'withdrawn', at, by: 'resident', ...(reason ? { text: reason } : {}) },
      // Withdrawing the request withdraws her consent to its handling.
      set: { status: 'withdrawn', purgeAt: purgeAtFor(at, r.retentionDays), consent: { ...r.consent, withdrawnAt: at } },
      settle: ['firstResponse', 'resolution'],
    }),
  );

export const rate = (caller: Caller, requestId: string, rating: number, comment?: string) =>
  residentStep(
    caller,
    requestId,
    'rate',
    (_r, at) => ({
      event: { type: 'rated', at, by: 'resident', rating, ...(comment ? { text: comment } : {}) },
      set: { feedback: { rating, ...(comment ? { comment } : {}), at } },
      stats: { type: 'rated', rating },
    }),
  );

/** 重办: back to the same assignee, in hand again; her rating stays in the timeline and the point's count grows. */
export const reopen = (caller: Caller, requestId: string, reason: string) =>
  residentStep(
    caller,
    requestId,
    'reopen',
    (r, at) => ({
      event: { type: 'reopened', at, by: 'resident', text: reason },
      // A fresh resolution deadline from now: the team gets the same time again.
      set: { status: 'accepted', reopenCount: (r.reopenCount ?? 0) + 1, ...newResolutionDeadline(r, resolutionPart(deadlinesFor(at, slaOf(r)))) },
      clear: ['feedback', 'resolvedAt', 'purgeAt'],
      stats: { type: 'reopened' },
    }),
  );

/** The caller as county staff, or the refusal (in the words of what she tried). */
export async function countyStaffOf(caller: Caller, refusal = '只有县妇联工作人员可以这样做'): Promise<data.CountyStaff> {
  const staff = await data.findCountyStaff(caller.openid);
  if (!staff) throw new ActionError('Forbidden', refusal);
  return staff;
}

export async function callerFacts(caller: Caller, withCounty = false): Promise<CallerFacts> {
  const [memberships, staff] = await Promise.all([data.listMembershipsOf(caller.openid), withCounty ? data.findCountyStaff(caller.openid) : undefined]);
  return {
    openid: caller.openid,
    memberships: memberships.map((m) => ({ memberId: m._id, pointId: m.pointId, isExecutive: m.isExecutive, role: m.role })),
    ...(staff ? { countyCode: staff.countyCode } : {}),
  };
}

export async function whoami(caller: Caller): Promise<Whoami> {
  const [memberships, countyStaff] = await Promise.all([data.listMembershipsOf(caller.openid), data.findCountyStaff(caller.openid)]);
  const points = await data.findPointsByIds([...new Set(memberships.map((m) => m.pointId))]);
  const pointName = new Map(points.map((p) => [p._id, p.name]));
  const awayUntil = memberships.find((m) => m.awayUntil)?.awayUntil;
  return {
    memberships: memberships.map(
      (m): Membership => ({ memberId: m._id, pointId: m.pointId, pointName: pointName.get(m.pointId) ?? '', role: m.role, isExecutive: m.isExecutive }),
    ),
    ...(awayUntil ? { awayUntil } : {}),
    ...(countyStaff ? { countyStaff: { countyCode: countyStaff.countyCode, countyName: countyStaff.countyName } } : {}),
  };
}

const myMemberIds = (facts: CallerFacts) => facts.memberships.map((m) => m.memberId);

const toInboxItem = (r: ServiceRequest, facts: CallerFacts, now: Date): InboxItem => ({
  id: r._id,
  pointId: r.pointId,
  pointName: r.pointName,
  category: r.category,
  urgency: r.urgency,
  status: r.status,
  createdAt: r.createdAt,
  inDanger: r.inDanger,
  assignedToMe: facts.memberships.some((m) => m.memberId === r.assigneeId),
  overdue: isOverdue({ status: r.status, due: dueOf(r) }, now),
  unread: myMemberIds(facts).some((id) => unreadFor(r, id)),
});

/** Finished requests shown under 已办结 (the most recent; the county's figures cover all of them). */
const FINISHED_SHOWN = 50;

export async function inbox(caller: Caller): Promise<TeamInbox> {
  const facts = await callerFacts(caller);
  const requests = await data.listInbox(
    myMemberIds(facts),
    facts.memberships.filter((m) => m.isExecutive).map((m) => m.pointId),
    FINISHED_SHOWN,
  );
  const now = new Date();
  const items = sortForInbox(requests.map((r) => toInboxItem(r, facts, now)));
  const counts = Object.fromEntries(INBOX_TABS.map((tab) => [tab, items.filter((i) => inTab(tab, i)).length])) as TeamInbox['counts'];
  counts.unread = items.filter((i) => i.unread).length;
  return { counts, items };
}

const lastAssignment = (request: ServiceRequest) => [...request.timeline].reverse().find((e) => e.type === 'assigned');

export async function toTeamView(request: ServiceRequest, facts: CallerFacts, now = new Date()): Promise<TeamRequestView> {
  const relations = relationsToRequest(facts, request);
  const fullContact = may('team.seeContact', relations);
  const { contact } = request;
  const due = dueOf(request);
  return {
    ...toInboxItem(request, facts, now),
    description: request.description,
    contact: {
      anonymous: contact.anonymous,
      ...(contact.phone ? { phone: fullContact ? contact.phone : maskPhone(contact.phone) } : {}),
      ...(contact.method ? { method: contact.method } : {}),
      ...(contact.safeTimes && fullContact ? { safeTimes: contact.safeTimes } : {}),
    },
    photos: await photoLinks(request.photos),
    assigneeId: request.assigneeId,
    assigneeRole: lastAssignment(request)?.actorRole ?? '',
    timeline: toTimelineView(request.timeline, 'team'),
    referrals: (request.referrals ?? []).map(({ agency, note, at, outcome, outcomeAt }) => ({
      agency,
      note,
      at,
      ...(outcome ? { outcome } : {}),
      ...(outcomeAt ? { outcomeAt } : {}),
    })),
    extensionDays: request.extensionDays ?? 0,
    firstResponseBy: due.firstResponseBy,
    resolveBy: due.resolveBy,
    can: teamMay(request, (permission) => may(permission, relations)),
  };
}

async function requestFor(caller: Caller, requestId: string, permission: RequestPermission) {
  const [facts, request] = await Promise.all([callerFacts(caller), data.findRequest(requestId)]);
  if (!request) throw notFound();
  const relations = relationsToRequest(facts, request);
  if (!may(permission, relations)) {
    // Whoever may not even see the request learns nothing of it, not even that it exists.
    throw may('team.getRequest', relations) ? new ActionError('Forbidden', '只有被指派的成员可以受理这条诉求') : notFound();
  }
  return { facts, request };
}

export async function getTeamRequest(caller: Caller, requestId: string): Promise<TeamRequestView> {
  const { facts, request } = await requestFor(caller, requestId, 'team.getRequest');
  return toTeamView(await markRead(request, myMemberIds(facts)), facts);
}

interface StepChange extends Aftermath {
  events: TimelineEvent[];
  set: Partial<ServiceRequest>;
  /** The woman is told (a step meant for her: a reply, the resolution, a transfer, a referral). */
  forHer?: boolean;
  /** A member who now holds the request and is told so. */
  newAssignee?: TeamMember;
}

interface Acting {
  memberId: string;
  role?: string;
  at: string;
  now: Date;
}

/**
 * One step of the team on a request: the permission table says who, the lifecycle says when, words for her pass the
 * content check, and the write happens only if the request is still as it was read. The woman's unread marker and
 * her one-use grant are updated in the same write.
 */
async function teamStep(
  caller: Caller,
  requestId: string,
  step: TeamStep,
  change: (request: ServiceRequest, acting: Acting) => Promise<StepChange> | StepChange,
  /** A retry with the same key returns the request as it is, without a second event. */
  clientKey?: string,
): Promise<TeamRequestView> {
  const { facts, request } = await requestFor(caller, requestId, `team.${step}`);
  const relations = relationsToRequest(facts, request);
  if (clientKey && request.timeline.some((e) => e.key === clientKey) && may(`team.${step}`, relations)) return toTeamView(request, facts, new Date());
  if (!teamMay(request, (permission) => may(permission, relations))[step]) {
    throw new ActionError(hasRoomForMessages(request) ? 'Conflict' : 'RateLimited', hasRoomForMessages(request) ? TEAM_STEP_REFUSALS[step] : '这条诉求的记录已经很多了，请电话联系居民');
  }
  // She acts as the assignee when she is one, else through her membership at this point (the executive).
  const here = facts.memberships.filter((m) => m.pointId === request.pointId);
  const acting = here.find((m) => m.memberId === request.assigneeId) ?? here[0];
  const now = new Date();
  const { events, set: stepChanges, forHer, newAssignee, ...aftermath } = await change(request, { memberId: acting?.memberId ?? '', role: acting?.role, at: now.toISOString(), now });
  const tellHer = !!forHer && (request.notifyTokens ?? 0) > 0;
  const set: Partial<ServiceRequest> = {
    ...stepChanges,
    ...(forHer ? { unreadBy: withUnread({ unreadBy: stepChanges.unreadBy ?? request.unreadBy }, [RESIDENT]) } : {}),
    ...(tellHer ? { notifyTokens: (request.notifyTokens ?? 0) - 1 } : {}),
  };
  const stored = await data.updateRequestIf(
    { _id: request._id, status: request.status, timeline: data.timelineLength(request.timeline.length) },
    { ...set, timeline: data.pushTimelineEvents(events) },
  );
  if (!stored) throw new ActionError('Conflict', '这条诉求刚刚有了新进展，请刷新后再试');
  await Promise.all([
    tellHer ? notifyResident(request.residentOpenid, request._id) : undefined,
    newAssignee ? notifyMember(newAssignee, request._id) : undefined,
    afterStep(request, now.toISOString(), aftermath),
  ]);
  return toTeamView({ ...request, ...set, timeline: [...request.timeline, ...events] }, facts, now);
}

const actor = ({ memberId, role, at }: Acting) => ({ at, by: memberId, ...(role ? { actorRole: role } : {}) });

export const acceptRequest = (caller: Caller, requestId: string) =>
  teamStep(caller, requestId, 'accept', (r, acting) => ({
    // Her public role on the roster is what the woman sees, whoever is acting.
    events: [{ type: 'accepted', at: acting.at, by: r.assigneeId, ...(lastAssignment(r)?.actorRole ? { actorRole: lastAssignment(r)?.actorRole } : {}) }],
    // A request handed on after its first response keeps the time of that first response.
    set: { status: 'accepted', acceptedAt: r.acceptedAt ?? acting.at },
    // The first response is news for her: someone has it in hand.
    forHer: true,
    // Counted once: a request handed on and accepted again keeps its first response.
    ...(r.acceptedAt
      ? {}
      : { stats: { type: 'responded', minutes: minutesBetween(r.createdAt, acting.at), withinSla: acting.at <= dueOf(r).firstResponseBy } }),
    settle: ['firstResponse'],
  }));

export const reply = (caller: Caller, requestId: string, text: string, internal: boolean, clientKey: string) =>
  teamStep(
    caller,
    requestId,
    'reply',
    (_r, acting) => ({ events: [{ type: internal ? 'note' : 'message', ...actor(acting), text, key: clientKey }], set: {}, forHer: !internal }),
    clientKey,
  );

export const resolve = (caller: Caller, requestId: string, summary: string) =>
  teamStep(
    caller,
    requestId,
    'resolve',
    (r, acting) => ({
      events: [{ type: 'resolved', ...actor(acting), text: summary }],
      set: { status: 'resolved', resolvedAt: acting.at, purgeAt: purgeAtFor(acting.at, r.retentionDays) },
      forHer: true,
      // Resolution time is that of the first resolution; a reopened request counts as reopened instead.
      ...(r.timeline.some((e) => e.type === 'resolved')
        ? {}
        : { stats: { type: 'resolved', minutes: minutesBetween(r.createdAt, acting.at), withinSla: acting.at <= dueOf(r).resolveBy } }),
      settle: ['firstResponse', 'resolution'],
    }),
  );

export const assignedEvent = (at: string, by: string, member: TeamMember, reason: string): TimelineEvent => ({
  type: 'assigned',
  at,
  by,
  memberId: member._id,
  actorRole: member.role,
  reason,
});

/**
 * A point a request is moved to (a transfer, or the county moving it) and who there gets it, routed afresh by the
 * usual rules; undefined when there is no such point in use (a closed point may have no executive to route to).
 */
export async function routeToPoint(pointId: string, category: Category, now: Date): Promise<{ point: Point; assignee: TeamMember; decision: RoutingDecision } | undefined> {
  const [found, openLoad] = await Promise.all([data.findPointWithTeam({ _id: pointId }), data.openLoadAtPoint(pointId)]);
  if (!found || !found.point.active) return undefined;
  const { point, team } = found;
  const decision = routeRequest({ category, members: team, openLoad, overrides: point.routingOverrides, now });
  return { point, decision, assignee: team.find((m) => m._id === decision.memberId) as TeamMember };
}

export const reassign = (caller: Caller, requestId: string, memberId: string, reason?: string) =>
  teamStep(caller, requestId, 'reassign', async (r, acting) => {
    const team = await data.listTeam(r.pointId);
    const member = team.find((m) => m._id === memberId);
    if (!member) throw new ActionError('InvalidParameter', 'input.memberId：这位成员不在本联系点的团队里');
    if (member._id === r.assigneeId) throw new ActionError('Conflict', '这条诉求已经由这位成员负责');
    const why = `${acting.role ?? '团队成员'}改派${reason ? `：${reason}` : ''}`;
    return {
      events: [assignedEvent(acting.at, acting.memberId, member, why)],
      set: { assigneeId: member._id, unreadBy: withUnread(r, [member._id], [r.assigneeId]) },
      newAssignee: member,
    };
  });

export const transfer = async (caller: Caller, requestId: string, toPointId: string, reason: string) => {
  let toPointName = '';
  await teamStep(caller, requestId, 'transfer', async (r, acting) => {
    if (toPointId === r.pointId) throw new ActionError('InvalidParameter', 'input.toPointId：请选择另一个联系点');
    const routed = await routeToPoint(toPointId, r.category, acting.now);
    if (!routed) throw new ActionError('NotFound', '要转去的联系点不存在或已停用');
    const { point: target, assignee, decision } = routed;
    toPointName = target.name;
    return {
      events: [
        { type: 'transferred', ...actor(acting), fromPointName: r.pointName, toPointName: target.name, reason },
        assignedEvent(acting.at, 'system', assignee, decision.reason),
      ],
      set: {
        pointId: target._id,
        pointName: target.name,
        assigneeId: assignee._id,
        executiveId: decision.executiveId,
        countyCode: target.countyCode,
        status: 'assigned',
        unreadBy: withUnread(r, [assignee._id], [r.assigneeId]),
      },
      forHer: true,
      newAssignee: assignee,
    };
  });
  return { id: requestId, toPointName };
};

export const refer = (caller: Caller, requestId: string, agency: ReferralAgency, note: string, clientKey: string) =>
  teamStep(
    caller,
    requestId,
    'refer',
    (r, acting) => ({
      events: [{ type: 'referred', ...actor(acting), agency, reason: note, key: clientKey }],
      set: { referrals: [...(r.referrals ?? []), { agency, note, at: acting.at, by: acting.memberId }] },
      forHer: true,
    }),
    clientKey,
  );

export const recordReferralOutcome = (caller: Caller, requestId: string, outcome: string) =>
  teamStep(caller, requestId, 'recordReferralOutcome', (r, acting) => {
    const referrals = [...(r.referrals ?? [])];
    const last = referrals.length - 1;
    referrals[last] = { ...(referrals[last] as NonNullable<typeof referrals[number]>), outcome, outcomeAt: acting.at };
    const agency = referrals[last]?.agency;
    return { events: [{ type: 'referralOutcome', ...actor(acting), ...(agency ? { agency } : {}), reason: outcome }], set: { referrals } };
  });

export const extend = (caller: Caller, requestId: string, days: number, reason: string) =>
  teamStep(caller, requestId, 'extend', (r, acting) => {
    const total = (r.extensionDays ?? 0) + days;
    if (total > EXTENSION_TOTAL_DAYS_MAX) {
      throw new ActionError('InvalidParameter', `input.days：延期合计不能超过 ${EXTENSION_TOTAL_DAYS_MAX} 天，还可以延 ${EXTENSION_TOTAL_DAYS_MAX - (r.extensionDays ?? 0)} 天`);
    }
    // The deadline moves by the days granted, and the scheduler reminds and escalates against the new one.
    const resolveBy = new Date(Date.parse(dueOf(r).resolveBy) + days * DAY_MS);
    const fresh = newResolutionDeadline(r, { resolveBy: resolveBy.toISOString(), remindResolveAt: remindBefore(new Date(r.createdAt), resolveBy).toISOString() });
    return { events: [{ type: 'extended', ...actor(acting), days, reason }], set: { extensionDays: total, ...fresh }, forHer: true, settle: ['resolution'] };
  });

