/** The public face of a point: its five displays and the roster, with nothing private in it. */
import type { NearbyPoint, PointSummary, PointView } from '../core/actions';
import type { Point, TeamMember } from '../core/domain';
import { ActionError } from '../core/envelope';
import { coarse, distanceMeters } from '../core/geo';
import { findPointByCode, listActivePoints, listPointsNear, listTeam } from './data';

/** Nearby means a short trip: 50 km covers a county seat and its villages. */
const NEARBY_METERS = 50_000;
const NEARBY_LIMIT = 20;

export const toPointSummary = (point: Point): PointSummary => ({
  id: point._id,
  code: point.code,
  name: point.name,
  countyCode: point.countyCode,
  countyName: point.countyName,
  address: point.address,
});

export const toPointView = (point: Point, team: TeamMember[]): PointView => ({
  ...toPointSummary(point),
  longitude: point.location.coordinates[0],
  latitude: point.location.coordinates[1],
  serviceHours: point.serviceHours,
  displays: point.displays,
  team: team.map((m) => ({ name: m.name, role: m.role, helpsWith: m.helpsWith, isExecutive: m.isExecutive })),
});

export async function getPointByCode(code: string): Promise<PointView> {
  const point = await findPointByCode(code);
  if (!point) throw new ActionError('NotFound', '没有找到这个联系点，请确认二维码或编码');
  return toPointView(point, await listTeam(point._id));
}

export async function listPoints(): Promise<PointSummary[]> {
  return (await listActivePoints()).map(toPointSummary);
}

/** Points near her, nearest first, with the distance; her position is used at a kilometre's precision and not kept. */
export async function listNearbyPoints(latitude: number, longitude: number): Promise<NearbyPoint[]> {
  const here: [number, number] = [coarse(longitude), coarse(latitude)];
  const points = await listPointsNear(here[0], here[1], NEARBY_METERS, NEARBY_LIMIT);
  return points
    .map((p) => ({ ...toPointSummary(p), distanceMeters: Math.round(distanceMeters(here, p.location.coordinates)) }))
    .sort((a, b) => a.distanceMeters - b.distanceMeters);
}
