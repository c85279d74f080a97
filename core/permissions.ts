/**
 * Who may do what: one table, used by every action. A caller's relations to a request are computed from the data
 * (never from the request's input), then looked up here.
 */
import type { ServiceRequest } from './domain';

export type Relation = 'owner' | 'assignee' | 'executive' | 'member';

export const REQUEST_PERMISSIONS = {
  'resident.getMyRequest': ['owner'],
  'resident.sendMessage': ['owner'],
  'resident.withdraw': ['owner'],
  'resident.rate': ['owner'],
  'resident.reopen': ['owner'],
  'team.getRequest': ['assignee', 'executive'],
  'team.accept': ['assignee'],
  'team.reply': ['assignee', 'executive'],
  'team.resolve': ['assignee', 'executive'],
  /** Contact details in full; everyone else who may see the request sees them masked. */
  'team.seeContact': ['assignee', 'executive'],
} as const satisfies Record<string, readonly Relation[]>;

export type RequestPermission = keyof typeof REQUEST_PERMISSIONS;

export interface CallerFacts {
  openid: string;
  /** Member records bound to the caller's OPENID, with the point each belongs to. */
  memberships: { memberId: string; pointId: string; isExecutive: boolean; role?: string }[];
}

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

export const may = (permission: RequestPermission, relations: Set<Relation>): boolean =>
  (REQUEST_PERMISSIONS[permission] as readonly Relation[]).some((r) => relations.has(r));
