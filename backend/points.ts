/** The public face of a point: its five displays and the roster, with nothing private in it. */
import type { NearbyPoint, PointSummary, PointView } from '../core/actions';
import type { Point, TeamMember } from '../core/domain';
import { ActionError } from '../core/envelope';
import { coarse, distanceMeters } from '../core/geo';
import { findPointWithTeam, listActivePoints, listPointsNear } from './data';
import { fileLinks } from './files';

/** Links to a point's own images (uploaded by county staff) last a day; the app's built-in images need none. */
const DISPLAY_LINK_SECONDS = 24 * 3600;
const isStored = (url: string) => url.startsWith('cloud://');

export const displayLinks = (fileIDs: string[]) => fileLinks(fileIDs, DISPLAY_LINK_SECONDS);

/** The displays with uploaded images as links: one storage call, and none while the point uses the built-in ones. */
async function withImageLinks(displays: Point['displays']): Promise<Point['displays']> {
  const stored = [displays.emblemUrl, displays.executive.photoUrl].filter(isStored);
  if (stored.length === 0) return displays;
  const urls = await displayLinks(stored);
  const links = new Map(stored.map((id, i) => [id, urls[i] ?? '']));
  const link = (url: string) => (isStored(url) ? (links.get(url) ?? '') : url);
  return { ...displays, emblemUrl: link(displays.emblemUrl), executive: { ...displays.executive, photoUrl: link(displays.executive.photoUrl) } };
}

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
  const found = await findPointWithTeam({ code, active: true });
  if (!found) throw new ActionError('NotFound', '没有找到这个联系点，请确认二维码或编码');
  const { point, team } = found;
  return toPointView({ ...point, displays: await withImageLinks(point.displays) }, team);
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
