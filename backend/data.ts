/** Data access: every database round trip the functions make is one function here. */
import { OPEN_STATUSES, type Point, type ServiceRequest, type TeamMember } from '../core/domain';
import type { CollectionName } from '../core/schema';
import { _, db } from './cloudbase';

export interface CountyStaff {
  _id: string;
  openid: string;
  name: string;
  countyCode: string;
  countyName: string;
}

const collection = (name: CollectionName) => db.collection(name);

const first = async <T>(query: Promise<{ data: unknown[] }>): Promise<T | undefined> => (await query).data[0] as T | undefined;

export const findPointByCode = (code: string) => first<Point>(collection('points').where({ code, active: true }).limit(1).get());

export const findPoint = (pointId: string) => first<Point>(collection('points').where({ _id: pointId }).limit(1).get());

export const listActivePoints = async (): Promise<Point[]> =>
  (await collection('points').where({ active: true }).orderBy('countyCode', 'asc').orderBy('code', 'asc').limit(200).get()).data as Point[];

export const findPointsByIds = async (ids: string[]): Promise<Point[]> =>
  ids.length === 0 ? [] : ((await collection('points').where({ _id: _.in(ids) }).limit(ids.length).get()).data as Point[]);

export const listTeam = async (pointId: string): Promise<TeamMember[]> =>
  (await collection('members').where({ pointId, active: true }).orderBy('order', 'asc').limit(100).get()).data as TeamMember[];

export const listMembershipsOf = async (openid: string): Promise<TeamMember[]> =>
  (await collection('members').where({ openid, active: true }).limit(50).get()).data as TeamMember[];

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
      .field({ description: false, contact: false, timeline: false })
      .limit(100)
      .get()
  ).data as ServiceRequest[];

/** Requests assigned to any of these members, or at any of these points where the caller is the executive. */
export async function listInbox(memberIds: string[], executiveOfPointIds: string[]): Promise<ServiceRequest[]> {
  const clauses = [
    ...(memberIds.length ? [{ assigneeId: _.in(memberIds) }] : []),
    ...(executiveOfPointIds.length ? [{ pointId: _.in(executiveOfPointIds) }] : []),
  ];
  if (clauses.length === 0) return [];
  return (
    await collection('requests')
      .where(_.or(clauses))
      .orderBy('createdAt', 'desc')
      .field({ contact: false, timeline: false, description: false })
      .limit(100)
      .get()
  ).data as ServiceRequest[];
}

/** Updates only if the request is still in the expected status: two taps, or two people, cannot both win. */
export async function updateRequestIf(
  requestId: string,
  expectedStatus: ServiceRequest['status'],
  changes: Record<string, unknown>,
): Promise<boolean> {
  const { updated } = await collection('requests').where({ _id: requestId, status: expectedStatus }).update(changes);
  return updated === 1;
}

export const pushTimeline = (event: unknown) => _.push([event]);
