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
import { type ServiceRequest, type TeamMember, type TimelineEvent } from '../core/domain';
import { ActionError } from '../core/envelope';
import { may, relationsToRequest, type CallerFacts, type RequestPermission } from '../core/permissions';
import { maskPhone } from '../core/privacy';
import { routeRequest } from '../core/routing';
import { isDuplicateWrite } from './cloudbase';
import { checkText } from './content-check';
import * as data from './data';
import type { Caller } from './router';

const notFound = () => new ActionError('NotFound', '没有找到这条诉求，或您无权查看');

/** Routing reasons are for the team; the woman sees what happened and the public role of who acted. */
const toTimelineView = (events: TimelineEvent[], audience: 'resident' | 'team'): TimelineEntryView[] =>
  events.map(({ type, at, actorRole, reason }) => ({
    type,
    at,
    ...(actorRole ? { actorRole } : {}),
    ...(reason && audience === 'team' ? { reason } : {}),
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
      status: 'assigned',
      assigneeId: decision.memberId,
      executiveId: decision.executiveId,
      contentCheck,
      createdAt: at,
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

export async function getMyRequest(caller: Caller, requestId: string): Promise<MyRequestView> {
  const request = await data.findRequest(requestId);
  if (!request || !may('resident.getMyRequest', relationsToRequest({ openid: caller.openid, memberships: [] }, request))) {
    throw notFound();
  }
  return {
    ...toSummary(request),
    description: request.description,
    anonymous: request.contact.anonymous,
    timeline: toTimelineView(request.timeline, 'resident'),
  };
}

async function callerFacts(caller: Caller): Promise<CallerFacts> {
  const memberships = await data.listMembershipsOf(caller.openid);
  return {
    openid: caller.openid,
    memberships: memberships.map((m) => ({ memberId: m._id, pointId: m.pointId, isExecutive: m.isExecutive })),
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

function toTeamView(request: ServiceRequest, facts: CallerFacts): TeamRequestView {
  const relations = relationsToRequest(facts, request);
  const fullContact = may('team.seeContact', relations);
  const { contact } = request;
  return {
    ...toInboxItem(request, facts),
    description: request.description,
    contact: {
      anonymous: contact.anonymous,
      ...(contact.phone ? { phone: fullContact ? contact.phone : maskPhone(contact.phone) } : {}),
      ...(contact.safeTimes && fullContact ? { safeTimes: contact.safeTimes } : {}),
    },
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
  const accepted = await data.updateRequestIf(request._id, 'assigned', { status: 'accepted', acceptedAt: at, timeline: data.pushTimeline(event) });
  if (!accepted) throw new ActionError('Conflict', '这条诉求已经受理过了');
  return toTeamView({ ...request, status: 'accepted', acceptedAt: at, timeline: [...request.timeline, event] }, facts);
}
