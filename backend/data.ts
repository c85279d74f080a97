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

export const findPointByCode = async (code: string) =>
  readPoints((await collection('points').where({ code, active: true }).limit(1).get()).data)[0];

export const findPoint = async (pointId: string) => readPoints((await collection('points').where({ _id: pointId }).limit(1).get()).data)[0];

export const listActivePoints = async (): Promise<Point[]> =>
  readPoints((await collection('points').where({ active: true }).orderBy('countyCode', 'asc').orderBy('code', 'asc').limit(200).get()).data);

export const findPointsByIds = async (ids: string[]): Promise<Point[]> =>
  ids.length === 0 ? [] : readPoints((await collection('points').where({ _id: _.in(ids) }).limit(ids.length).get()).data);

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
      .field({ description: false, contact: false, timeline: false, photos: false, consent: false })
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
