/** How a request flows (DESIGN.md §3): submit and route, the woman's view, the team's inbox and accept. */
import type {
  InboxItem,
  Membership,
  MyRequestSummary,
  MyRequestView,
  SubmitRequestInput,
  SubmitResult,
  TeamRequestView,
  TimelineEntryView,
  Whoami,
} from '../core/actions';
import { SENSITIVE_DATA_CONSENT } from '../core/consent';
import { type ServiceRequest, type TeamMember, type TimelineEvent } from '../core/domain';
import { ActionError } from '../core/envelope';
import { hasRoomForMessages, isOpen, reopenDeadline, residentMay, whyResidentMayNot } from '../core/lifecycle';
import { may, relationsToRequest, type CallerFacts, type RequestPermission } from '../core/permissions';
import { maskPhone } from '../core/privacy';
import { routeRequest } from '../core/routing';
import { isDuplicateWrite } from './cloudbase';
import { checkText } from './content-check';
import * as data from './data';
import { ownsPhotos, photoLinks } from './photos';
import type { Caller } from './router';

const notFound = () => new ActionError('NotFound', '没有找到这条诉求，或您无权查看');

/**
 * Routing reasons and internal notes are for the team; the woman sees what happened, the public role of who acted,
 * and the words meant for her.
 */
const toTimelineView = (events: TimelineEvent[], audience: 'resident' | 'team'): TimelineEntryView[] =>
  events
    .filter((e) => audience === 'team' || e.type !== 'note')
    .map(({ type, at, by, actorRole, reason, text, rating }) => ({
      type,
      at,
      byResident: by === 'resident',
      ...(actorRole ? { actorRole } : {}),
      ...(reason && audience === 'team' ? { reason } : {}),
      ...(text ? { text } : {}),
      ...(rating ? { rating } : {}),
    }));

const toSummary = (r: ServiceRequest): MyRequestSummary => ({
  id: r._id,
  pointName: r.pointName,
  category: r.category,
  urgency: r.urgency,
  status: r.status,
  createdAt: r.createdAt,
});

export async function submitRequest(caller: Caller, input: SubmitRequestInput): Promise<SubmitResult> {
  const photos = input.photos ?? [];
  if (!ownsPhotos(caller.openid, photos)) throw new ActionError('InvalidParameter', 'input.photos：照片需要在这里重新上传');
  const point = await data.findPoint(input.pointId);
  if (!point || !point.active) throw new ActionError('NotFound', '这个联系点不存在或已停用');
  const textToCheck = [input.description, input.contact.safeTimes].filter(Boolean).join('\n');
  const contentCheck = await checkText(caller.openid, textToCheck, '诉求内容');

  const [team, openLoad] = await Promise.all([data.listTeam(point._id), data.openLoadAtPoint(point._id)]);
  const now = new Date();
  const decision = routeRequest({ category: input.category, members: team, openLoad, overrides: point.routingOverrides, now });
  const assignee = team.find((m) => m._id === decision.memberId) as TeamMember;
  const at = now.toISOString();
  const contact = input.contact.anonymous ? { anonymous: true } : input.contact;

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
      consent: { version: SENSITIVE_DATA_CONSENT.version, at },
      status: 'assigned',
      assigneeId: decision.memberId,
      executiveId: decision.executiveId,
      contentCheck,
      createdAt: at,
      reopenCount: 0,
      timeline: [
        { type: 'submitted', at, by: 'resident' },
        { type: 'assigned', at, by: 'system', memberId: decision.memberId, actorRole: assignee.role, reason: decision.reason },
      ],
    });
    return { id, duplicate: false };
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    // The same draft was submitted before (a retry after a lost answer): return the first request.
    const existing = await data.findRequestByClientKey(caller.openid, input.clientKey);
    if (!existing) throw error;
    return { id: existing._id, duplicate: true };
  }
}

export async function listMyRequests(caller: Caller): Promise<MyRequestSummary[]> {
  return (await data.listRequestsOfResident(caller.openid)).map(toSummary);
}

async function toResidentView(request: ServiceRequest, now = new Date()): Promise<MyRequestView> {
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
  };
}

/** Her own request; anyone else learns nothing of it, not even that it exists. */
async function ownRequest(caller: Caller, requestId: string, permission: RequestPermission): Promise<ServiceRequest> {
  const request = await data.findRequest(requestId);
  if (!request || !may(permission, relationsToRequest({ openid: caller.openid, memberships: [] }, request))) throw notFound();
  return request;
}

export async function getMyRequest(caller: Caller, requestId: string): Promise<MyRequestView> {
  return toResidentView(await ownRequest(caller, requestId, 'resident.getMyRequest'));
}

type ResidentStep = 'message' | 'withdraw' | 'rate' | 'reopen';

/**
 * One step of hers on her request: checked against the lifecycle rules, her free text through the content check,
 * then written only if the request is still as she saw it (a second tap or a team member's step in between wins).
 */
async function residentStep(
  caller: Caller,
  requestId: string,
  step: ResidentStep,
  change: (request: ServiceRequest, at: string) => { event: TimelineEvent; set: Partial<ServiceRequest>; clear?: (keyof ServiceRequest)[] },
  freeText?: { text: string; label: string },
): Promise<MyRequestView> {
  const request = await ownRequest(caller, requestId, `resident.${step === 'message' ? 'sendMessage' : step}`);
  const now = new Date();
  const refusal = whyResidentMayNot(step, request, now);
  if (refusal) throw new ActionError(step === 'message' && isOpen(request) ? 'RateLimited' : 'Conflict', refusal);
  if (freeText?.text) await checkText(caller.openid, freeText.text, freeText.label);
  const at = now.toISOString();
  const { event, set, clear = [] } = change(request, at);
  const stored = await data.updateRequestIf(
    { _id: request._id, status: request.status, timeline: data.timelineLength(request.timeline.length) },
    { ...set, timeline: data.pushTimeline(event) },
    clear,
  );
  if (!stored) throw new ActionError('Conflict', '这条诉求刚刚有了新进展，请刷新后再试');
  const updated: ServiceRequest = { ...request, ...set, timeline: [...request.timeline, event] };
  for (const key of clear) delete updated[key];
  return toResidentView(updated, now);
}

export const sendMessage = (caller: Caller, requestId: string, text: string) =>
  residentStep(caller, requestId, 'message', (_r, at) => ({ event: { type: 'message', at, by: 'resident', text }, set: {} }), { text, label: '留言' });

export const withdraw = (caller: Caller, requestId: string, reason?: string) =>
  residentStep(
    caller,
    requestId,
    'withdraw',
    (_r, at) => ({ event: { type: 'withdrawn', at, by: 'resident', ...(reason ? { text: reason } : {}) }, set: { status: 'withdrawn' } }),
    reason ? { text: reason, label: '撤回原因' } : undefined,
  );

export const rate = (caller: Caller, requestId: string, rating: number, comment?: string) =>
  residentStep(
    caller,
    requestId,
    'rate',
    (_r, at) => ({
      event: { type: 'rated', at, by: 'resident', rating, ...(comment ? { text: comment } : {}) },
      set: { feedback: { rating, ...(comment ? { comment } : {}), at } },
    }),
    comment ? { text: comment, label: '评价' } : undefined,
  );

/** 重办: back to the same assignee, in hand again; her rating stays in the timeline and the point's count grows. */
export const reopen = (caller: Caller, requestId: string, reason: string) =>
  residentStep(
    caller,
    requestId,
    'reopen',
    (r, at) => ({
      event: { type: 'reopened', at, by: 'resident', text: reason },
      set: { status: 'accepted', reopenCount: (r.reopenCount ?? 0) + 1 },
      clear: ['feedback', 'resolvedAt'],
    }),
    { text: reason, label: '重办理由' },
  );

async function callerFacts(caller: Caller): Promise<CallerFacts> {
  const memberships = await data.listMembershipsOf(caller.openid);
  return {
    openid: caller.openid,
    memberships: memberships.map((m) => ({ memberId: m._id, pointId: m.pointId, isExecutive: m.isExecutive, role: m.role })),
  };
}

export async function whoami(caller: Caller): Promise<Whoami> {
  const [memberships, countyStaff] = await Promise.all([data.listMembershipsOf(caller.openid), data.findCountyStaff(caller.openid)]);
  const points = await data.findPointsByIds([...new Set(memberships.map((m) => m.pointId))]);
  const pointName = new Map(points.map((p) => [p._id, p.name]));
  return {
    memberships: memberships.map(
      (m): Membership => ({ memberId: m._id, pointId: m.pointId, pointName: pointName.get(m.pointId) ?? '', role: m.role, isExecutive: m.isExecutive }),
    ),
    ...(countyStaff ? { countyStaff: { countyCode: countyStaff.countyCode, countyName: countyStaff.countyName } } : {}),
  };
}

const toInboxItem = (r: ServiceRequest, facts: CallerFacts): InboxItem => ({
  ...toSummary(r),
  assignedToMe: facts.memberships.some((m) => m.memberId === r.assigneeId),
});

export async function inbox(caller: Caller): Promise<InboxItem[]> {
  const facts = await callerFacts(caller);
  const requests = await data.listInbox(
    facts.memberships.map((m) => m.memberId),
    facts.memberships.filter((m) => m.isExecutive).map((m) => m.pointId),
  );
  return requests.map((r) => toInboxItem(r, facts));
}

const lastAssignment = (request: ServiceRequest) => [...request.timeline].reverse().find((e) => e.type === 'assigned');

async function toTeamView(request: ServiceRequest, facts: CallerFacts): Promise<TeamRequestView> {
  const relations = relationsToRequest(facts, request);
  const fullContact = may('team.seeContact', relations);
  const { contact } = request;
  return {
    ...toInboxItem(request, facts),
    description: request.description,
    contact: {
      anonymous: contact.anonymous,
      ...(contact.phone ? { phone: fullContact ? contact.phone : maskPhone(contact.phone) } : {}),
      ...(contact.method ? { method: contact.method } : {}),
      ...(contact.safeTimes && fullContact ? { safeTimes: contact.safeTimes } : {}),
    },
    inDanger: request.inDanger,
    photos: await photoLinks(request.photos),
    assigneeRole: lastAssignment(request)?.actorRole ?? '',
    timeline: toTimelineView(request.timeline, 'team'),
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
  return toTeamView(request, facts);
}

export async function acceptRequest(caller: Caller, requestId: string): Promise<TeamRequestView> {
  const { facts, request } = await requestFor(caller, requestId, 'team.accept');
  if (request.status !== 'assigned') throw new ActionError('Conflict', '这条诉求已经受理过了');
  const at = new Date().toISOString();
  const role = lastAssignment(request)?.actorRole;
  const event: TimelineEvent = { type: 'accepted', at, by: request.assigneeId, ...(role ? { actorRole: role } : {}) };
  const accepted = await data.updateRequestIf({ _id: request._id, status: 'assigned' }, { status: 'accepted', acceptedAt: at, timeline: data.pushTimeline(event) });
  if (!accepted) throw new ActionError('Conflict', '这条诉求已经受理过了');
  return toTeamView({ ...request, status: 'accepted', acceptedAt: at, timeline: [...request.timeline, event] }, facts);
}

async function teamStep(
  caller: Caller,
  requestId: string,
  permission: RequestPermission,
  allowedStatuses: ServiceRequest['status'][],
  refusal: string,
  change: (by: string, role: string | undefined, at: string) => { event: TimelineEvent; set: Partial<ServiceRequest> },
  /** Words the woman will read pass the content check, as hers do. */
  textForHer?: { text: string; label: string },
): Promise<TeamRequestView> {
  const { facts, request } = await requestFor(caller, requestId, permission);
  if (!allowedStatuses.includes(request.status)) throw new ActionError('Conflict', refusal);
  if (!hasRoomForMessages(request)) throw new ActionError('RateLimited', '这条诉求的记录已经很多了，请电话联系居民');
  if (textForHer) await checkText(caller.openid, textForHer.text, textForHer.label);
  // She acts as the assignee when she is one, else through her membership at this point (the executive).
  const here = facts.memberships.filter((m) => m.pointId === request.pointId);
  const acting = here.find((m) => m.memberId === request.assigneeId) ?? here[0];
  const at = new Date().toISOString();
  const { event, set } = change(acting?.memberId ?? '', acting?.role, at);
  const stored = await data.updateRequestIf(
    { _id: request._id, status: request.status, timeline: data.timelineLength(request.timeline.length) },
    { ...set, timeline: data.pushTimeline(event) },
  );
  if (!stored) throw new ActionError('Conflict', '这条诉求刚刚有了新进展，请刷新后再试');
  return toTeamView({ ...request, ...set, timeline: [...request.timeline, event] }, facts);
}

export const reply = (caller: Caller, requestId: string, text: string, internal: boolean) =>
  teamStep(
    caller,
    requestId,
    'team.reply',
    ['assigned', 'accepted'],
    '这条诉求已经结束，不能再回复',
    (by, role, at) => ({ event: { type: internal ? 'note' : 'message', at, by, ...(role ? { actorRole: role } : {}), text }, set: {} }),
    internal ? undefined : { text, label: '回复' },
  );

export const resolve = (caller: Caller, requestId: string, summary: string) =>
  teamStep(
    caller,
    requestId,
    'team.resolve',
    ['accepted'],
    '请先受理这条诉求，再办结',
    (by, role, at) => ({ event: { type: 'resolved', at, by, ...(role ? { actorRole: role } : {}), text: summary }, set: { status: 'resolved', resolvedAt: at } }),
    { text: summary, label: '办结说明' },
  );
