/**
 * Who may do what: one table, used by every action. A caller's relations to a request or a point are computed from
 * the data (never from the action's input), then looked up here.
 */
import type { ServiceRequest } from './domain';

/**
 * `owner`: the woman who submitted the request. `assignee`: the member it is assigned to. `executive`: the point's
 * executive. `member`: anyone on the point's team. `countyStaff`: staff of the point's county.
 */
export type Relation = 'owner' | 'assignee' | 'executive' | 'member' | 'countyStaff';

export const PERMISSIONS = {
  'resident.getMyRequest': ['owner'],
  'resident.sendMessage': ['owner'],
  'resident.withdraw': ['owner'],
  'resident.rate': ['owner'],
  'resident.reopen': ['owner'],
  'resident.subscribeUpdates': ['owner'],
  // A request in the workbench: whoever holds it, and the executive responsible for it.
  'team.getRequest': ['assignee', 'executive'],
  'team.accept': ['assignee'],
  'team.reassign': ['assignee', 'executive'],
  'team.reply': ['assignee', 'executive'],
  'team.resolve': ['assignee', 'executive'],
  'team.transfer': ['assignee', 'executive'],
  'team.refer': ['assignee', 'executive'],
  'team.recordReferralOutcome': ['assignee', 'executive'],
  'team.extend': ['assignee', 'executive'],
  /** Contact details in full; everyone else who may see the request sees them masked. */
  'team.seeContact': ['assignee', 'executive'],
  // A point's team.
  'team.getTeam': ['member', 'countyStaff'],
  'team.createInvite': ['executive', 'countyStaff'],
  'team.listInvites': ['executive', 'countyStaff'],
  'team.removeMember': ['executive', 'countyStaff'],
  'team.updateMember': ['executive', 'countyStaff'],
  'team.handover': ['executive', 'countyStaff'],
  'team.setRoutingOverride': ['executive', 'countyStaff'],
  'team.createActivity': ['member', 'countyStaff'],
  'team.cancelActivity': ['member', 'countyStaff'],
  'team.listActivities': ['member', 'countyStaff'],
  'team.listSignUps': ['member', 'countyStaff'],
  'team.recordAttendance': ['member', 'countyStaff'],
  // "10" and "1": the executive's own work; county staff see the counts (county.progress), never the list.
  'team.listContacts': ['executive'],
  'team.addContact': ['executive'],
  'team.logContact': ['executive'],
  'team.saveSurvey': ['executive'],
  'team.publishSurvey': ['executive'],
  'team.closeSurvey': ['executive'],
  'team.surveySummary': ['executive', 'countyStaff'],
  'team.exportSurvey': ['executive', 'countyStaff'],
  // A point itself: county staff of its county run it (create, edit, deactivate, print its plaque).
  'county.managePoint': ['countyStaff'],
  // County staff see a request of their county only once it is escalated to them (督办).
  'county.getRequest': ['countyStaff'],
  'county.urge': ['countyStaff'],
  'county.reassignToPoint': ['countyStaff'],
  'county.close': ['countyStaff'],
} as const satisfies Record<string, readonly Relation[]>;

export type Permission = keyof typeof PERMISSIONS;
export type RequestPermission = Extract<Permission, `resident.${string}` | `team.${'getRequest' | 'accept' | 'reassign' | 'reply' | 'resolve' | 'transfer' | 'refer' | 'recordReferralOutcome' | 'extend' | 'seeContact'}`>;
export type CountyRequestPermission = Extract<Permission, `county.${string}`>;
export type PointPermission = Exclude<Permission, RequestPermission | CountyRequestPermission>;

export interface CallerFacts {
  openid: string;
  /** Member records bound to the caller's OPENID, with the point each belongs to. */
  memberships: { memberId: string; pointId: string; isExecutive: boolean; role?: string }[];
  /** The county the caller is staff of, if any. */
  countyCode?: string;
}

export function relationsToPoint(caller: CallerFacts, point: { _id: string; countyCode: string }): Set<Relation> {
  const relations = new Set<Relation>();
  for (const m of caller.memberships) {
    if (m.pointId !== point._id) continue;
    relations.add('member');
    if (m.isExecutive) relations.add('executive');
  }
  if (caller.countyCode && caller.countyCode === point.countyCode) relations.add('countyStaff');
  return relations;
}

/**
 * County staff have no relation to a request through this function: they see requests of their county only when
 * escalated to them (督办), which the county's own actions handle.
 */
export function relationsToRequest(caller: CallerFacts, request: Pick<ServiceRequest, 'residentOpenid' | 'assigneeId' | 'pointId'>): Set<Relation> {
  const relations = new Set<Relation>();
  if (caller.openid && request.residentOpenid === caller.openid) relations.add('owner');
  for (const m of caller.memberships) {
    if (m.pointId !== request.pointId) continue;
    relations.add('member');
    if (m.memberId === request.assigneeId) relations.add('assignee');
    if (m.isExecutive) relations.add('executive');
  }
  return relations;
}

export const may = (permission: Permission, relations: Set<Relation>): boolean =>
  (PERMISSIONS[permission] as readonly Relation[]).some((r) => relations.has(r));
