/**
 * County staff run the points of their county: create one (inactive, with its executive's record and a one-time
 * invite for her), edit it (the point page shows changes at once), open or close it, and print its plaque.
 */
import type { AdminPointSummary, CreatedPoint, PlaqueFiles } from '../core/actions';
import type { PhotoType, Point, TeamMember } from '../core/domain';
import { ActionError } from '../core/envelope';
import { may, relationsToPoint } from '../core/permissions';
import { app, isDuplicateWrite } from './cloudbase';
import * as data from './data';
import { countySettingsOf } from './county';
import { insertOnce, keyedId } from './idempotency';
import { callerFacts, countyStaffOf } from './requests';
import type { Caller } from './router';
import { checkedImage } from './photos';
import { fileLinks, fileStamp } from './files';
import { displayLinks } from './points';
import { makePlaque } from './plaque';
import { issueInvite } from './team';

const EMBLEM = '/assets/emblem.svg';

const toSummary = (p: Point, team: Pick<TeamMember, 'name' | 'isExecutive' | 'openid'>[]): AdminPointSummary => {
  const executive = team.find((m) => m.isExecutive);
  const [longitude, latitude] = data.readPoint(p).location.coordinates;
  return {
    id: p._id,
    code: p.code,
    name: p.name,
    countyCode: p.countyCode,
    countyName: p.countyName,
    address: p.address,
    active: p.active,
    executiveName: executive?.name ?? '',
    teamSize: team.length,
    latitude,
    longitude,
    serviceHours: p.serviceHours,
    executiveTitle: p.displays.executive.title,
    duties: p.displays.duties,
    executiveJoined: !!executive?.openid,
  };
};

async function summaryOf(point: Point): Promise<AdminPointSummary> {
  return toSummary(point, await data.listTeam(point._id));
}

const staffOf = (caller: Caller) => countyStaffOf(caller, '只有县妇联工作人员可以管理联系点');

/** A point of the caller's county, by the permission table. */
async function managedPoint(caller: Caller, pointId: string): Promise<Point> {
  const [point, facts] = await Promise.all([data.findPoint(pointId), callerFacts(caller, true)]);
  if (!point) throw new ActionError('NotFound', '没有找到这个联系点');
  if (!may('county.managePoint', relationsToPoint(facts, point))) throw new ActionError('Forbidden', '只有本县妇联工作人员可以管理这个联系点');
  return point;
}

export async function listPoints(caller: Caller): Promise<AdminPointSummary[]> {
  const staff = await staffOf(caller);
  const points = await data.listCountyPoints(staff.countyCode);
  const members = await data.listMembersOfPoints(points.map((p) => p._id));
  return points.map((p) => toSummary(p, members.filter((m) => m.pointId === p._id)));
}

export interface NewPoint {
  code: string;
  clientKey: string;
  name: string;
  address: string;
  latitude: number;
  longitude: number;
  serviceHours: string;
  executive: { name: string; title: string; helpsWith: string };
  duties: string[];
}

export async function createPoint(caller: Caller, input: NewPoint): Promise<CreatedPoint> {
  const staff = await staffOf(caller);
  // Everything here is shown publicly on the point page and the plaque.
  // A new point takes the county's own targets and retention, as the county's other points carry them.
  const { sla: countySla, retentionDays } = countySettingsOf(await data.listCountyPoints(staff.countyCode));
  const pointId = `point-${input.code.toLowerCase()}`;
  const createdWith = keyedId('point', caller.openid, input.clientKey);
  const point: Point = {
    _id: pointId,
    createdWith,
    code: input.code,
    name: input.name,
    countyCode: staff.countyCode,
    countyName: staff.countyName,
    address: input.address,
    location: { type: 'Point', coordinates: [input.longitude, input.latitude] },
    serviceHours: input.serviceHours,
    displays: { emblemUrl: EMBLEM, executive: { name: input.executive.name, title: input.executive.title, photoUrl: '' }, duties: input.duties, activities: [] },
    ...(countySla ? { sla: countySla } : {}),
    ...(retentionDays ? { retentionDays } : {}),
    // Closed until its executive has bound her account: no request may wait for someone who cannot see it.
    active: false,
  };
  try {
    await data.insertPoint(point);
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    // A retry of this same call carries on where the first stopped; anyone else's point keeps its code.
    if ((await data.findPoint(pointId))?.createdWith !== createdWith) throw new ActionError('Conflict', `编码 ${input.code} 已被其他联系点使用`);
  }
  const executiveId = `${pointId}-m0`;
  await insertOnce(() => data.insertMember({
    _id: executiveId,
    pointId,
    name: input.executive.name,
    role: '执委',
    helpsWith: input.executive.helpsWith,
    skills: [],
    isExecutive: true,
    active: true,
    order: 0,
  }));
  const executiveInvite = await issueInvite(
    point,
    { role: '执委', helpsWith: input.executive.helpsWith, skills: [], createdBy: `county:${staff._id}`, bindMemberId: executiveId },
    keyedId('invite', caller.openid, input.clientKey),
  );
  return { point: toSummary(point, [{ name: input.executive.name, isExecutive: true }]), executiveInvite };
}

export interface PointChanges {
  pointId: string;
  name?: string;
  address?: string;
  latitude?: number;
  longitude?: number;
  serviceHours?: string;
  executiveTitle?: string;
  duties?: string[];
}

export async function updatePoint(caller: Caller, input: PointChanges): Promise<AdminPointSummary> {
  const point = await managedPoint(caller, input.pointId);
  if ((input.latitude === undefined) !== (input.longitude === undefined)) throw new ActionError('InvalidParameter', 'input.latitude：经纬度需要一起修改');
  const changes: Record<string, unknown> = {
    ...(input.name ? { name: input.name } : {}),
    ...(input.address ? { address: input.address } : {}),
    ...(input.serviceHours ? { serviceHours: input.serviceHours } : {}),
    ...(input.executiveTitle ? { 'displays.executive.title': input.executiveTitle } : {}),
    ...(input.duties ? { 'displays.duties': input.duties } : {}),
    ...(input.latitude !== undefined && input.longitude !== undefined ? { location: data.geoPoint(input.longitude, input.latitude) } : {}),
  };
  if (Object.keys(changes).length === 0) throw new ActionError('InvalidParameter', 'input：没有要修改的内容');
  await data.updatePoint(point._id, changes);
  return summaryOf((await data.findPoint(point._id)) as Point);
}

export async function setPointActive(caller: Caller, pointId: string, active: boolean): Promise<AdminPointSummary> {
  const point = await managedPoint(caller, pointId);
  if (active) {
    const executive = (await data.listTeam(point._id)).find((m) => m.isExecutive);
    if (!executive?.openid) throw new ActionError('Conflict', '执委还没有用邀请码绑定微信，绑定后才能启用这个联系点');
  }
  await data.updatePoint(point._id, { active });
  return summaryOf({ ...point, active });
}

/** Stored in the point's own folder; the point page links it (a public image, like the plaque on the wall). */
export async function uploadDisplayImage(
  caller: Caller,
  input: { pointId: string; kind: 'emblem' | 'executivePhoto'; contentType: PhotoType; data: string },
): Promise<{ url: string }> {
  const point = await managedPoint(caller, input.pointId);
  const { bytes, ext } = checkedImage(input.contentType, input.data);
  const { fileID } = await app.uploadFile({ cloudPath: `point-displays/${point._id}/${input.kind}-${fileStamp()}.${ext}`, fileContent: bytes });
  await data.updatePoint(point._id, { [input.kind === 'emblem' ? 'displays.emblemUrl' : 'displays.executive.photoUrl']: fileID });
  const [url] = await displayLinks([fileID]);
  return { url: url ?? '' };
}

export async function reissueExecutiveInvite(caller: Caller, pointId: string, clientKey: string) {
  const point = await managedPoint(caller, pointId);
  const executive = (await data.listTeam(point._id)).find((m) => m.isExecutive);
  if (!executive) throw new ActionError('NotFound', '这个联系点没有执委');
  if (executive.openid) throw new ActionError('Conflict', '执委已经绑定了微信，不需要新的邀请码');
  const staff = await staffOf(caller);
  return issueInvite(
    point,
    { role: '执委', helpsWith: executive.helpsWith, skills: [], createdBy: `county:${staff._id}`, bindMemberId: executive._id },
    keyedId('invite', caller.openid, clientKey),
  );
}

/** Links to a printed plaque's files last a day: long enough to send to a print shop. */
const PLAQUE_LINK_SECONDS = 24 * 3600;

export async function plaque(caller: Caller, pointId: string): Promise<PlaqueFiles> {
  const point = await managedPoint(caller, pointId);
  const team = await data.listTeam(point._id);
  const { png, pdf, code } = await makePlaque(point, team.map((m) => ({ name: m.name, role: m.role })));
  const stamp = fileStamp();
  const files = [
    { cloudPath: `plaques/${point._id}/${stamp}-plaque.png`, fileContent: png },
    { cloudPath: `plaques/${point._id}/${stamp}-plaque.pdf`, fileContent: pdf },
    { cloudPath: `plaques/${point._id}/${stamp}-code.png`, fileContent: code },
  ];
  const fileIDs = await Promise.all(files.map(async (f) => (await app.uploadFile(f)).fileID));
  const [pngUrl = '', pdfUrl = '', codeUrl = ''] = await fileLinks(fileIDs, PLAQUE_LINK_SECONDS);
  return { pngUrl, pdfUrl, codeUrl };
}
