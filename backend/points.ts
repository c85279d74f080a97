/** The public face of a point: its five displays and the roster, with nothing private in it. */
import type { PointSummary, PointView } from '../core/actions';
import type { Point, TeamMember } from '../core/domain';
import { ActionError } from '../core/envelope';
import { findPointByCode, listActivePoints, listTeam } from './data';

export const toPointSummary = (point: Point): PointSummary => ({
  id: point._id,
  code: point.code,
  name: point.name,
  countyName: point.countyName,
  address: point.address,
});

export const toPointView = (point: Point, team: TeamMember[]): PointView => ({
  ...toPointSummary(point),
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
