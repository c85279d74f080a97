/**
 * A point's team: the roster for the workbench, away days, invitations and joining, removing a member (her open
 * requests routed again) and handing the point to a new executive.
 */
import { randomInt } from 'node:crypto';
import type { InviteInfo, InviteView, Membership, TeamView } from '../core/actions';
import { AWAY_DAYS_MAX, INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH, INVITE_VALID_DAYS, type Category, type Point, type TeamInvite, type TeamMember } from '../core/domain';
import { chinaDay, chinaInstant, DAY_MS } from '../core/china-time';
import { ActionError } from '../core/envelope';
import { may, relationsToPoint, type PointPermission } from '../core/permissions';
import { routeRequest } from '../core/routing';
import { app, isDuplicateWrite } from './cloudbase';
import * as data from './data';
import { keyedId } from './idempotency';
import { notifyMember } from './notify';
import { assignedEvent, callerFacts, withUnread } from './requests';
import type { Caller } from './router';

/** Where an invite's mini-program code opens (its scene is the invite code). */
export const JOIN_PAGE = 'packages/workbench/join/index';

const toTeamView = (point: Point, team: TeamMember[], openLoad: Record<string, number>, openid: string, canManage: boolean): TeamView => ({
  pointId: point._id,
  pointName: point.name,
  members: team.map((m) => ({
    id: m._id,
    name: m.name,
    role: m.role,
    helpsWith: m.helpsWith,
    skills: m.skills,
    isExecutive: m.isExecutive,
    ...(m.awayUntil ? { awayUntil: m.awayUntil } : {}),
    openLoad: openLoad[m._id] ?? 0,
    isMe: !!openid && m.openid === openid,
  })),
  canManage,
  routingOverrides: point.routingOverrides ?? {},
});

/** The point and the caller's relations to it, refused unless the table allows `permission`. */
export async function pointFor(caller: Caller, pointId: string, permission: PointPermission) {
  const [point, facts] = await Promise.all([data.findPoint(pointId), callerFacts(caller, true)]);
  if (!point) throw new ActionError('NotFound', '没有找到这个联系点');
  const relations = relationsToPoint(facts, point);
  if (!may(permission, relations)) throw new ActionError('Forbidden', '只有本联系点的执委或本县妇联工作人员可以这样做');
  return { point, facts, canManage: may('team.createInvite', relations) };
}

/** `team`: the active team when the caller has just read it and nothing changed it since. */
async function teamView(point: Point, caller: Caller, canManage: boolean, team?: TeamMember[]): Promise<TeamView> {
  const [members, openLoad] = await Promise.all([team ?? data.listTeam(point._id), data.openLoadAtPoint(point._id)]);
  return toTeamView(point, members, openLoad, caller.openid, canManage);
}

export async function getTeam(caller: Caller, pointId: string): Promise<TeamView> {
  const { point, canManage } = await pointFor(caller, pointId, 'team.getTeam');
  return teamView(point, caller, canManage);
}

export async function setAway(caller: Caller, awayUntil: string | undefined): Promise<{ awayUntil?: string }> {
  if (awayUntil) {
    const today = chinaDay(new Date());
    const latest = chinaDay(new Date(Date.now() + AWAY_DAYS_MAX * DAY_MS));
    if (Number.isNaN(Date.parse(awayUntil)) || awayUntil <= today || awayUntil > latest) {
      throw new ActionError('InvalidParameter', `input.awayUntil：请选择明天到 ${AWAY_DAYS_MAX} 天内的一天`);
    }
  }
  // Stored as the end of that day in China, so routing skips her through the whole day.
  const until = awayUntil ? chinaInstant(awayUntil, '23:59:59') : undefined;
  if ((await data.setAwayOf(caller.openid, until)) === 0) throw new ActionError('Forbidden', '您还不是任何联系点的团队成员');
  return until ? { awayUntil: until } : {};
}

const newInviteCode = () => Array.from({ length: INVITE_CODE_LENGTH }, () => INVITE_CODE_ALPHABET[randomInt(INVITE_CODE_ALPHABET.length)]).join('');

/** The invite's mini-program code; the invite works without it (the code can be typed), so a failure is not fatal. */
async function inviteQrImage(code: string): Promise<string | undefined> {
  try {
    const png = (await app.callCompatibleWxOpenApi({
      apiName: 'wxacode.getUnlimited',
      requestData: Buffer.from(JSON.stringify({ scene: code, page: JOIN_PAGE, check_path: false, width: 280 })),
    })) as unknown;
    return Buffer.isBuffer(png) && png.subarray(1, 4).toString('latin1') === 'PNG' ? `data:image/png;base64,${png.toString('base64')}` : undefined;
  } catch {
    return undefined;
  }
}

const toInviteView = (invite: Omit<TeamInvite, '_id'>, pointName: string): InviteView => ({
  code: invite.code,
  pointName,
  role: invite.role,
  helpsWith: invite.helpsWith,
  skills: invite.skills,
  expiresAt: invite.expiresAt,
});

export async function createInvite(
  caller: Caller,
  input: { pointId: string; role: string; helpsWith: string; skills: Category[]; clientKey: string },
): Promise<InviteView> {
  const { point, facts } = await pointFor(caller, input.pointId, 'team.createInvite');
  // Role and "helps with" appear on the public roster once she joins.
  const createdBy = facts.memberships.find((m) => m.pointId === point._id && m.isExecutive)?.memberId ?? `county-${facts.countyCode ?? ''}`;
  return issueInvite(point, { role: input.role, helpsWith: input.helpsWith, skills: [...new Set(input.skills)], createdBy }, keyedId('invite', caller.openid, input.clientKey));
}

/**
 * A one-time invite with its code image. `bindMemberId`: the invite binds an existing member record (a new point's
 * executive, created by county staff) instead of adding a member.
 */
export async function issueInvite(
  point: Pick<Point, '_id' | 'name'>,
  fields: Pick<TeamInvite, 'role' | 'helpsWith' | 'skills' | 'createdBy' | 'bindMemberId'>,
  /** From the caller's client key: a retry returns the invite the first call made. */
  inviteId: string,
): Promise<InviteView> {
  const now = new Date();
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const invite: TeamInvite = {
      _id: inviteId,
      code: newInviteCode(),
      pointId: point._id,
      ...fields,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + INVITE_VALID_DAYS * DAY_MS).toISOString(),
    };
    let made = invite;
    try {
      await data.insertInvite(invite);
    } catch (error) {
      if (!isDuplicateWrite(error)) throw error;
      // The id taken: this call's retry. Otherwise the code was: draw another.
      const first = await data.findInvite(inviteId);
      if (!first) continue;
      made = first;
    }
    const qrImage = await inviteQrImage(made.code);
    return { ...toInviteView(made, point.name), ...(qrImage ? { qrImage } : {}) };
  }
  throw new ActionError('Conflict', '生成邀请码没有成功，请再试一次');
}

export async function listInvites(caller: Caller, pointId: string): Promise<InviteView[]> {
  const { point } = await pointFor(caller, pointId, 'team.listInvites');
  return (await data.listOpenInvites(point._id, new Date().toISOString())).map((i) => toInviteView(i, point.name));
}

const inviteGone = () => new ActionError('NotFound', '邀请码不存在，请确认后再输入');

export async function getInvite(code: string): Promise<InviteInfo> {
  const invite = await data.findInviteByCode(code);
  if (!invite) throw inviteGone();
  const point = await data.findPoint(invite.pointId);
  if (!point) throw inviteGone();
  const { code: _code, ...view } = toInviteView(invite, point.name);
  // A new point's executive invite works while the point waits, closed, for her.
  return { ...view, valid: !invite.usedAt && invite.expiresAt > new Date().toISOString() && (point.active || !!invite.bindMemberId) };
}

/**
 * Binds the caller to the team. Only one person can use an invite; the same person repeating the call (a lost
 * answer) gets her membership back.
 */
export async function joinTeam(caller: Caller, code: string, name: string): Promise<Membership> {
  const invite = await data.findInviteByCode(code);
  if (!invite) throw inviteGone();
  const [point, existing] = await Promise.all([data.findPoint(invite.pointId), data.findActiveMembership(invite.pointId, caller.openid)]);
  // A new point waits, inactive, for its executive: her invite works before the point opens.
  if (!point || (!point.active && !invite.bindMemberId)) throw new ActionError('NotFound', '这个联系点已停用');
  const memberId = invite.bindMemberId ?? `${invite.pointId}-j${invite._id}`;
  const membership = (m: Pick<TeamMember, '_id' | 'role' | 'isExecutive'>): Membership => ({
    memberId: m._id,
    pointId: point._id,
    pointName: point.name,
    role: m.role,
    isExecutive: m.isExecutive,
  });
  if (existing) {
    if (existing._id === memberId) return membership(existing);
    throw new ActionError('Conflict', '您已经是这个联系点的团队成员');
  }
  const at = new Date().toISOString();
  // She took this invite before but her membership was not written (a lost answer): finish joining.
  const claimedByHer = invite.usedByOpenid === caller.openid;
  if (!claimedByHer) {
    if (invite.usedAt || invite.expiresAt <= at) throw new ActionError('Conflict', '这个邀请码已经用过或已过期，请向执委要一个新的');
    // An executive invite whose record another invite has already bound is spent too (nothing is written).
    if (invite.bindMemberId && (await data.findMember(invite.bindMemberId))?.openid) {
      throw new ActionError('Conflict', '这个邀请码已经用过或已过期，请向县妇联要一个新的');
    }
    if (!(await data.claimInvite(invite._id, caller.openid, memberId, at))) {
      throw new ActionError('Conflict', '这个邀请码已经用过或已过期，请向执委要一个新的');
    }
  }
  if (invite.bindMemberId) {
    // A new point's executive: her record (name and title on the plaque) exists; the invite binds her account to it.
    const bound = await data.bindMember(invite.bindMemberId, caller.openid, at);
    if (!bound) throw new ActionError('Conflict', '这个邀请码已经用过或已过期，请向县妇联要一个新的');
    return membership(bound);
  }
  const team = await data.listTeam(point._id);
  const member: TeamMember = {
    _id: memberId,
    pointId: point._id,
    openid: caller.openid,
    name,
    role: invite.role,
    helpsWith: invite.helpsWith,
    skills: invite.skills,
    isExecutive: false,
    active: true,
    order: Math.max(0, ...team.map((m) => m.order)) + 1,
    joinedAt: at,
  };
  try {
    await data.insertMember(member);
  } catch (error) {
    // Her membership from this invite exists but is no longer active (she was removed): the invite is spent.
    if (isDuplicateWrite(error)) throw new ActionError('Conflict', '这个邀请码已经用过或已过期，请向执委要一个新的');
    throw error;
  }
  return membership(member);
}

export async function updateMember(
  caller: Caller,
  input: { memberId: string; role?: string; helpsWith?: string; skills?: Category[] },
): Promise<TeamView> {
  const member = await data.findMember(input.memberId);
  if (!member || !member.active) throw new ActionError('NotFound', '没有找到这位成员');
  const { point, canManage } = await pointFor(caller, member.pointId, 'team.updateMember');
  // The executive's role is 执委; her public title is the point's (county staff edit it with the point).
  if (member.isExecutive && input.role) throw new ActionError('InvalidParameter', 'input.role：执委的身份在联系点信息里修改');
  const changes = {
    ...(input.role ? { role: input.role } : {}),
    ...(input.helpsWith ? { helpsWith: input.helpsWith } : {}),
    ...(input.skills ? { skills: [...new Set(input.skills)] } : {}),
  };
  if (Object.keys(changes).length === 0) throw new ActionError('InvalidParameter', 'input：没有要修改的内容');
  await data.updateMember(member._id, changes);
  return teamView(point, caller, canManage);
}

export async function removeMember(caller: Caller, memberId: string): Promise<TeamView & { rerouted: number }> {
  const member = await data.findMember(memberId);
  if (!member || !member.active) throw new ActionError('NotFound', '没有找到这位成员');
  const { point, canManage } = await pointFor(caller, member.pointId, 'team.removeMember');
  if (member.isExecutive) throw new ActionError('Conflict', '执委不能直接移除，请先把联系点交给新的执委');
  const at = new Date();
  if (!(await data.updateMember(member._id, { active: false, removedAt: at.toISOString() }, ['openid', 'notifyTokens', 'awayUntil']))) {
    throw new ActionError('Conflict', '这位成员刚刚已被移除');
  }
  const rerouted = await rerouteOpenRequests(member, point, at);
  return { ...(await teamView(point, caller, canManage)), rerouted };
}

/** No request may fall between two people: whatever she held goes to the rest of the team, by the usual rules. */
async function rerouteOpenRequests(former: TeamMember, point: Point, now: Date): Promise<number> {
  const [open, team, openLoad] = await Promise.all([data.listOpenRequestsOf(former._id), data.listTeam(point._id), data.openLoadAtPoint(point._id)]);
  let rerouted = 0;
  for (const request of open) {
    const decision = routeRequest({ category: request.category, members: team, openLoad, overrides: point.routingOverrides, now });
    const assignee = team.find((m) => m._id === decision.memberId) as TeamMember;
    const event = assignedEvent(now.toISOString(), 'system', assignee, `原负责成员已离开团队；${decision.reason}`);
    const unreadBy = withUnread(request, [assignee._id], [former._id]);
    const stored = await data.updateRequestIf(
      { _id: request._id, status: request.status, timeline: data.timelineLength(request.timeline.length) },
      { assigneeId: assignee._id, unreadBy, timeline: data.pushTimeline(event) },
    );
    if (!stored) continue;
    openLoad[assignee._id] = (openLoad[assignee._id] ?? 0) + 1;
    rerouted += 1;
    await notifyMember(assignee, request._id);
  }
  return rerouted;
}

export async function handover(caller: Caller, pointId: string, memberId: string): Promise<TeamView> {
  const { point, canManage } = await pointFor(caller, pointId, 'team.handover');
  const team = await data.listTeam(point._id);
  const next = team.find((m) => m._id === memberId);
  if (!next) throw new ActionError('InvalidParameter', 'input.memberId：这位成员不在本联系点的团队里');
  if (next.isExecutive) throw new ActionError('Conflict', '她已经是这个联系点的执委');
  const former = team.filter((m) => m.isExecutive);
  // The new executive first: at every moment the point has someone responsible.
  await data.updateMember(next._id, { isExecutive: true });
  await data.setExecutiveOfOpenRequests(point._id, next._id);
  // The plaque's identity card names her now; the former executive's photo must not stand beside her name.
  await data.updatePoint(point._id, { 'displays.executive': { name: next.name, title: next.role, photoUrl: '' } });
  for (const m of former) await data.updateMember(m._id, { isExecutive: false });
  // The executive who handed over no longer manages the team (county staff still do).
  const stillManages = canManage && !former.some((m) => m.openid === caller.openid);
  return teamView(point, caller, stillManages);
}

export async function subscribe(caller: Caller): Promise<{ notifyTokens: number }> {
  const memberships = await data.listMembershipsOf(caller.openid);
  if (memberships.length === 0) throw new ActionError('Forbidden', '您还不是任何联系点的团队成员');
  return { notifyTokens: await data.addMemberNotifyToken(caller.openid) };
}

export async function setRoutingOverride(caller: Caller, pointId: string, category: Category, memberIds: string[]): Promise<TeamView> {
  const { point, canManage } = await pointFor(caller, pointId, 'team.setRoutingOverride');
  const team = await data.listTeam(point._id);
  const unknown = memberIds.filter((id) => !team.some((m) => m._id === id));
  if (unknown.length > 0) throw new ActionError('InvalidParameter', 'input.memberIds：名单里有不在本联系点团队的成员');
  const handlers = [...new Set(memberIds)];
  const routingOverrides = { ...(point.routingOverrides ?? {}) };
  if (handlers.length > 0) routingOverrides[category] = handlers;
  else delete routingOverrides[category];
  await data.updatePoint(point._id, { routingOverrides: data.replaceValue(routingOverrides) });
  return teamView({ ...point, routingOverrides }, caller, canManage, team);
}
