/**
 * The team's workbench through the real functions on the local server: reassign, transfer, refer, extend, away,
 * invites and joining, removing a member, handing a point over, unread markers and subscribe messages.
 */
import { NEUTRAL_TEXTS, SUBSCRIBE_TEMPLATE_IDS } from '../../core/notifications';
import type { Host } from '../../local/host/server';
import { COUNSELLOR, COUNTY_STAFF, data, EXECUTIVE, fireScheduler as fireAt, functionCaller, LI, NEWCOMER, OTHER_EXECUTIVE, PROSECUTOR, submitInput, WANG } from '../support/functions';
import { startTestHost } from '../support/local';

const OTHER_COUNTY = 'county-450225';
const ANSHAN = 'point-xc-anshan';
const CHENGNAN = 'point-xc-chengnan';

let host: Host;
const call = functionCaller(() => host);
const openid = (persona: string) => host.personas.find((p) => p.id === persona)?.openid as string;
const sends = () => host.cloudbase.recorder.list('subscribeMessage.send');
const requestDoc = (id: string) => host.cloudbase.store.find('requests', { _id: id })[0] as Record<string, any>;
const memberDoc = (id: string) => host.cloudbase.store.find('members', { _id: id })[0] as Record<string, any>;

const submit = async (overrides: Record<string, unknown> = {}, persona = WANG) => data(await call('resident', 'submitRequest', submitInput(overrides), persona)).id as string;
const fireScheduler = (time: Date) => fireAt(host, time) as Promise<any>;

beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());
afterEach(() => host.cloudbase.recorder.clearFaults());

describe('handling a request', () => {
  test('the executive reassigns within the team; the new assignee sees it unread, the former one no longer can', async () => {
    const id = await submit();
    expect(requestDoc(id).assigneeId).toBe(`${ANSHAN}-m1`);
    const view = data(await call('team', 'reassign', { requestId: id, memberId: `${ANSHAN}-m2`, reason: '需要先做心理疏导' }, EXECUTIVE));
    expect(view.assigneeId).toBe(`${ANSHAN}-m2`);
    expect(view.timeline.at(-1)).toMatchObject({ type: 'assigned', actorRole: '心理咨询师', reason: expect.stringContaining('需要先做心理疏导') });

    const counsellorInbox = data(await call('team', 'inbox', {}, COUNSELLOR));
    expect(counsellorInbox.items.find((i: { id: string }) => i.id === id)).toMatchObject({ assignedToMe: true, unread: true });
    expect(await call('team', 'getRequest', { requestId: id }, PROSECUTOR)).toMatchObject({ ok: false, code: 'NotFound' });
    data(await call('team', 'getRequest', { requestId: id }, COUNSELLOR));
    expect(data(await call('team', 'inbox', {}, COUNSELLOR)).items.find((i: { id: string }) => i.id === id).unread).toBe(false);

    // She sees who has it by public role only, never the reason.
    const hers = data(await call('resident', 'getMyRequest', { requestId: id }, WANG));
    expect(hers.timeline.at(-1)).toEqual({ type: 'assigned', at: expect.any(String), byResident: false, actorRole: '心理咨询师' });
    expect(await call('team', 'reassign', { requestId: id, memberId: `${ANSHAN}-m2` }, EXECUTIVE)).toMatchObject({ ok: false, code: 'Conflict' });
    expect(await call('team', 'reassign', { requestId: id, memberId: `${CHENGNAN}-m1` }, EXECUTIVE)).toMatchObject({ ok: false, code: 'InvalidParameter' });
  });

  test('a transfer moves the request to another point, routed there afresh; the first point loses it', async () => {
    const id = await submit({ category: 'employment', urgency: 'trouble' });
    const moved = data(await call('team', 'transfer', { requestId: id, toPointId: CHENGNAN, reason: '她已搬到城南安置小区居住' }, EXECUTIVE));
    expect(moved).toEqual({ id, toPointName: '忻城县城南社区执委联系点' });
    const doc = requestDoc(id);
    expect(doc).toMatchObject({ pointId: CHENGNAN, status: 'assigned', executiveId: `${CHENGNAN}-m0` });
    expect(doc.timeline.slice(-2).map((e: { type: string }) => e.type)).toEqual(['transferred', 'assigned']);

    expect(await call('team', 'getRequest', { requestId: id }, EXECUTIVE)).toMatchObject({ ok: false, code: 'NotFound' });
    expect(data(await call('team', 'getRequest', { requestId: id }, OTHER_EXECUTIVE)).pointName).toBe('忻城县城南社区执委联系点');
    const hers = data(await call('resident', 'getMyRequest', { requestId: id }, WANG));
    expect(hers.pointName).toBe('忻城县城南社区执委联系点');
    const transferred = hers.timeline.find((e: { type: string }) => e.type === 'transferred');
    expect(transferred).toEqual({ type: 'transferred', at: expect.any(String), byResident: false, actorRole: expect.any(String), toPointName: '忻城县城南社区执委联系点' });
    expect(await call('team', 'transfer', { requestId: id, toPointId: CHENGNAN, reason: '再转一次试试看' }, OTHER_EXECUTIVE)).toMatchObject({ ok: false, code: 'InvalidParameter' });
  });

  test('a referral to an outside agency and its outcome; the outcome stays with the team', async () => {
    const id = await submit();
    expect(await call('team', 'refer', { requestId: id, agency: 'legalAid', note: '县法律援助中心' }, PROSECUTOR)).toMatchObject({ ok: false, code: 'Conflict' });
    data(await call('team', 'accept', { requestId: id }, PROSECUTOR));
    const referred = data(await call('team', 'refer', { requestId: id, agency: 'legalAid', note: '已联系县法律援助中心' }, PROSECUTOR));
    expect(referred.referrals).toEqual([{ agency: 'legalAid', note: '已联系县法律援助中心', at: expect.any(String) }]);
    expect(referred.can.recordReferralOutcome).toBe(true);
    const outcome = data(await call('team', 'recordReferralOutcome', { requestId: id, outcome: '已指派律师代理' }, PROSECUTOR));
    expect(outcome.referrals[0]).toMatchObject({ outcome: '已指派律师代理', outcomeAt: expect.any(String) });
    expect(outcome.can.recordReferralOutcome).toBe(false);
    expect(await call('team', 'recordReferralOutcome', { requestId: id, outcome: '再记一次' }, PROSECUTOR)).toMatchObject({ ok: false, code: 'Conflict' });

    const hers = data(await call('resident', 'getMyRequest', { requestId: id }, WANG));
    expect(hers.timeline.find((e: { type: string }) => e.type === 'referred')).toEqual({ type: 'referred', at: expect.any(String), byResident: false, actorRole: '女检察官', agency: 'legalAid' });
    expect(JSON.stringify(hers)).not.toContain('已指派律师代理');
    expect(JSON.stringify(hers)).not.toContain('县法律援助中心');
  });

  test('延期 moves the resolution deadline, up to 30 days in all', async () => {
    const id = await submit({ urgency: 'worry' });
    const before = data(await call('team', 'getRequest', { requestId: id }, PROSECUTOR));
    const extended = data(await call('team', 'extend', { requestId: id, days: 15, reason: '需要等法院开庭' }, PROSECUTOR));
    expect(new Date(extended.resolveBy).getTime() - new Date(before.resolveBy).getTime()).toBe(15 * 24 * 3600 * 1000);
    data(await call('team', 'extend', { requestId: id, days: 10, reason: '法院开庭改期' }, PROSECUTOR));
    expect(await call('team', 'extend', { requestId: id, days: 6, reason: '再延一次看看' }, PROSECUTOR)).toMatchObject({ ok: false, code: 'InvalidParameter' });
    expect(requestDoc(id).extensionDays).toBe(25);
    expect(await call('team', 'extend', { requestId: id, days: 16, reason: '超过一次的上限' }, PROSECUTOR)).toMatchObject({ ok: false, code: 'InvalidParameter' });
    const hers = data(await call('resident', 'getMyRequest', { requestId: id }, WANG));
    expect(hers.timeline.filter((e: { type: string }) => e.type === 'extended').map((e: { days: number }) => e.days)).toEqual([15, 10]);
  });
});

describe('the team', () => {
  test('a member marked away is skipped by routing until she is back', async () => {
    const tomorrow = new Date(Date.now() + 2 * 24 * 3600 * 1000 + 8 * 3600 * 1000).toISOString().slice(0, 10);
    expect(data(await call('team', 'setAway', { awayUntil: tomorrow }, PROSECUTOR)).awayUntil).toMatch(/T15:59:59/);
    const whileAway = await submit();
    expect(requestDoc(whileAway).assigneeId).toBe(`${ANSHAN}-m0`);
    expect(requestDoc(whileAway).timeline[1].reason).toContain('由执委本人负责');
    const roster = data(await call('team', 'getTeam', { pointId: ANSHAN }, COUNSELLOR));
    expect(roster.members.find((m: { id: string }) => m.id === `${ANSHAN}-m1`).awayUntil).toBeDefined();
    expect(roster.canManage).toBe(false);

    expect(data(await call('team', 'setAway', {}, PROSECUTOR))).toEqual({});
    expect(requestDoc(await submit()).assigneeId).toBe(`${ANSHAN}-m1`);
    expect(await call('team', 'setAway', { awayUntil: '2020-01-01' }, PROSECUTOR)).toMatchObject({ ok: false, code: 'InvalidParameter' });
    expect(await call('team', 'setAway', { awayUntil: tomorrow }, WANG)).toMatchObject({ ok: false, code: 'Forbidden' });
  });

  test("the point's own handler list for a category comes before skills, and can be removed again", async () => {
    const set = data(await call('team', 'setRoutingOverride', { pointId: ANSHAN, category: 'family', memberIds: [`${ANSHAN}-m4`] }, EXECUTIVE));
    expect(set.routingOverrides).toEqual({ family: [`${ANSHAN}-m4`] });
    data(await call('team', 'setRoutingOverride', { pointId: ANSHAN, category: 'care', memberIds: [`${ANSHAN}-m5`] }, COUNTY_STAFF));
    const routed = requestDoc(await submit({ category: 'family', urgency: 'worry' }));
    expect(routed.assigneeId).toBe(`${ANSHAN}-m4`);
    expect(routed.timeline[1].reason).toContain('指定的处理人');

    const cleared = data(await call('team', 'setRoutingOverride', { pointId: ANSHAN, category: 'family', memberIds: [] }, EXECUTIVE));
    expect(cleared.routingOverrides).toEqual({ care: [`${ANSHAN}-m5`] });
    expect(requestDoc(await submit({ category: 'family', urgency: 'worry' })).timeline[1].reason).toContain('擅长');
    data(await call('team', 'setRoutingOverride', { pointId: ANSHAN, category: 'care', memberIds: [] }, EXECUTIVE));

    expect(await call('team', 'setRoutingOverride', { pointId: ANSHAN, category: 'family', memberIds: [`${CHENGNAN}-m1`] }, EXECUTIVE)).toMatchObject({ ok: false, code: 'InvalidParameter' });
    expect(await call('team', 'setRoutingOverride', { pointId: ANSHAN, category: 'family', memberIds: [`${ANSHAN}-m4`] }, PROSECUTOR)).toMatchObject({ ok: false, code: 'Forbidden' });
    expect(host.cloudbase.store.find('points', { _id: ANSHAN })[0]?.routingOverrides).toEqual({});
  });

  test('an invite is used once, by whoever opens it first, and routing then counts her skills', async () => {
    const invite = data(await call('team', 'createInvite', { pointId: ANSHAN, role: '社工', helpsWith: '其他各类求助', skills: ['other'] }, EXECUTIVE));
    expect(invite.code).toMatch(/^[A-Z2-9]{8}$/);
    expect(invite.qrImage).toMatch(/^data:image\/png;base64,/);
    expect(host.cloudbase.recorder.list('wxacode.getUnlimited').at(-1)?.request).toMatchObject({ scene: invite.code, page: 'packages/workbench/join/index' });
    expect(data(await call('team', 'getInvite', { code: invite.code }, NEWCOMER))).toMatchObject({ pointName: '忻城县鞍山社区执委联系点', role: '社工', valid: true });

    const joined = data(await call('team', 'joinTeam', { code: invite.code, name: '赵晓雪' }, NEWCOMER));
    expect(joined).toMatchObject({ pointId: ANSHAN, role: '社工', isExecutive: false });
    // A retry after a lost answer gives the same membership; anyone else is refused.
    expect(data(await call('team', 'joinTeam', { code: invite.code, name: '赵晓雪' }, NEWCOMER))).toEqual(joined);
    expect(await call('team', 'joinTeam', { code: invite.code, name: '李某' }, LI)).toMatchObject({ ok: false, code: 'Conflict' });
    expect(data(await call('team', 'getInvite', { code: invite.code }, LI)).valid).toBe(false);
    expect(await call('team', 'joinTeam', { code: 'ZZZZZZZZ', name: '李某' }, LI)).toMatchObject({ ok: false, code: 'NotFound' });
    expect(memberDoc(joined.memberId)).toMatchObject({ openid: openid(NEWCOMER), skills: ['other'], active: true });

    const id = await submit({ category: 'other', urgency: 'worry' });
    expect(requestDoc(id).assigneeId).toBe(joined.memberId);
    expect(data(await call('team', 'inbox', {}, NEWCOMER)).counts).toMatchObject({ new: 1, mine: 1, unread: 1 });

    // The public roster shows her name and role from now on.
    const point = data(await call('resident', 'getPoint', { code: 'XC-ANSHAN' }, WANG));
    expect(point.team.map((m: { name: string }) => m.name)).toContain('赵晓雪');
    expect(data(await call('team', 'listInvites', { pointId: ANSHAN }, COUNTY_STAFF)).map((i: { code: string }) => i.code)).not.toContain(invite.code);
  });

  test('an invite from county staff of the county works; staff of another county may not create one', async () => {
    expect(data(await call('team', 'createInvite', { pointId: ANSHAN, role: '巾帼志愿者', helpsWith: '陪同办事', skills: ['care'] }, COUNTY_STAFF)).code).toHaveLength(8);
    const before = host.cloudbase.store.count('invites', {});
    expect(await call('team', 'createInvite', { pointId: ANSHAN, role: '巾帼志愿者', helpsWith: '陪同办事', skills: ['care'] }, OTHER_COUNTY)).toMatchObject({ ok: false, code: 'Forbidden' });
    expect(await call('team', 'createInvite', { pointId: ANSHAN, role: '巾帼志愿者', helpsWith: '陪同办事', skills: ['care'] }, PROSECUTOR)).toMatchObject({ ok: false, code: 'Forbidden' });
    expect(host.cloudbase.store.count('invites', {})).toBe(before);
  });

  test("the roster's public role, what she helps with, and the categories routed to her can be changed", async () => {
    const team = data(await call('team', 'updateMember', { memberId: `${ANSHAN}-m5`, role: '心理健康志愿者', helpsWith: '陪伴倾听、情绪疏导', skills: ['mental', 'care'] }, EXECUTIVE));
    expect(team.members.find((m: { id: string }) => m.id === `${ANSHAN}-m5`)).toMatchObject({ role: '心理健康志愿者', helpsWith: '陪伴倾听、情绪疏导', skills: ['mental', 'care'] });
    const page = data(await call('resident', 'getPoint', { code: 'XC-ANSHAN' }, WANG));
    expect(page.team).toContainEqual({ name: '蓝春梅', role: '心理健康志愿者', helpsWith: '陪伴倾听、情绪疏导', isExecutive: false });
    expect(await call('team', 'updateMember', { memberId: `${ANSHAN}-m0`, role: '主任' }, COUNTY_STAFF)).toMatchObject({ ok: false, code: 'InvalidParameter' });
    expect(await call('team', 'updateMember', { memberId: `${ANSHAN}-m5`, role: '随便改' }, COUNSELLOR)).toMatchObject({ ok: false, code: 'Forbidden' });
    expect(await call('team', 'updateMember', { memberId: `${ANSHAN}-m5` }, EXECUTIVE)).toMatchObject({ ok: false, code: 'InvalidParameter' });
    data(await call('team', 'updateMember', { memberId: `${ANSHAN}-m5`, role: '妇女群众代表', helpsWith: '邻里互助、关爱帮扶', skills: ['care'] }, COUNTY_STAFF));
  });

  test('removing a member routes her open requests to the rest of the team, with the reason', async () => {
    const invite = data(await call('team', 'createInvite', { pointId: CHENGNAN, role: '志愿者', helpsWith: '心理支持', skills: ['mental'] }, OTHER_EXECUTIVE));
    const joined = data(await call('team', 'joinTeam', { code: invite.code, name: '覃小燕' }, LI));
    const first = await submit({ pointId: CHENGNAN, category: 'mental', urgency: 'trouble' });
    const second = await submit({ pointId: CHENGNAN, category: 'mental', urgency: 'worry' });
    expect([requestDoc(first).assigneeId, requestDoc(second).assigneeId]).toEqual([joined.memberId, joined.memberId]);
    data(await call('team', 'accept', { requestId: first }, LI));

    expect(await call('team', 'removeMember', { memberId: `${CHENGNAN}-m0` }, COUNTY_STAFF)).toMatchObject({ ok: false, code: 'Conflict' });
    const after = data(await call('team', 'removeMember', { memberId: joined.memberId }, OTHER_EXECUTIVE));
    expect(after.rerouted).toBe(2);
    expect(after.members.map((m: { id: string }) => m.id)).not.toContain(joined.memberId);
    for (const id of [first, second]) {
      const doc = requestDoc(id);
      expect(doc.assigneeId).toBe(`${CHENGNAN}-m0`);
      expect(doc.timeline.at(-1)).toMatchObject({ type: 'assigned', by: 'system', reason: expect.stringContaining('原负责成员已离开团队') });
    }
    expect(requestDoc(first).status).toBe('accepted');
    expect(memberDoc(joined.memberId)).toMatchObject({ active: false });
    expect(memberDoc(joined.memberId).openid).toBeUndefined();
    expect(await call('team', 'getRequest', { requestId: first }, LI)).toMatchObject({ ok: false, code: 'NotFound' });
    expect(data(await call('team', 'inbox', {}, LI)).items).toEqual([]);
  });

  test('handing a point over makes the new executive responsible for its open requests', async () => {
    const open = await submit({ pointId: CHENGNAN, category: 'family', urgency: 'worry' });
    const team = data(await call('team', 'handover', { pointId: CHENGNAN, memberId: `${CHENGNAN}-m1` }, COUNTY_STAFF));
    expect(team.members.find((m: { id: string }) => m.id === `${CHENGNAN}-m1`).isExecutive).toBe(true);
    expect(team.members.find((m: { id: string }) => m.id === `${CHENGNAN}-m0`).isExecutive).toBe(false);
    expect(requestDoc(open).executiveId).toBe(`${CHENGNAN}-m1`);
    const point = data(await call('resident', 'getPoint', { code: 'XC-CHENGNAN' }, WANG));
    expect(point.displays.executive).toEqual({ name: '陆春燕', title: '社区妇联主席', photoUrl: '' });
    // The former executive is a member now: she may no longer manage the team.
    expect(await call('team', 'createInvite', { pointId: CHENGNAN, role: '志愿者', helpsWith: '陪同办事', skills: [] }, OTHER_EXECUTIVE)).toMatchObject({ ok: false, code: 'Forbidden' });
    expect(data(await call('team', 'getTeam', { pointId: CHENGNAN }, OTHER_EXECUTIVE)).canManage).toBe(false);
  });
});

describe('notifications', () => {
  test('unread markers: the assignee sees a new request, she sees a reply; opening clears them', async () => {
    const id = await submit({ category: 'mental', urgency: 'worry' });
    expect(data(await call('team', 'inbox', {}, COUNSELLOR)).items.find((i: { id: string }) => i.id === id).unread).toBe(true);
    data(await call('team', 'reply', { requestId: id, text: '您好，我是心理咨询师，明天上午给您回电', internal: false }, COUNSELLOR));
    const mine = async () => data(await call('resident', 'listMyRequests', {}, WANG));
    expect((await mine()).find((r: { id: string }) => r.id === id).unread).toBe(true);
    data(await call('resident', 'getMyRequest', { requestId: id }, WANG));
    expect((await mine()).find((r: { id: string }) => r.id === id).unread).toBe(false);
    // An internal note is not news for her.
    data(await call('team', 'reply', { requestId: id, text: '已和社区核实情况', internal: true }, COUNSELLOR));
    expect((await mine()).find((r: { id: string }) => r.id === id).unread).toBe(false);
  });

  test('one grant, one neutral message: to the assignee on a new assignment, to her on a reply', async () => {
    const before = sends().length;
    expect(data(await call('team', 'subscribe', {}, COUNSELLOR)).notifyTokens).toBe(1);
    const description = '孩子最近不愿意说话，我很担心他的情绪';
    const id = await submit({ category: 'mental', urgency: 'trouble', description, notifyGrant: true });
    const assigned = sends().slice(before);
    expect(assigned).toHaveLength(1);
    expect(assigned[0]?.request).toMatchObject({
      touser: openid(COUNSELLOR),
      template_id: SUBSCRIBE_TEMPLATE_IDS.newAssignment,
      page: `packages/workbench/request/index?id=${id}`,
    });
    expect(memberDoc(`${ANSHAN}-m2`).notifyTokens).toBe(0);
    // A second new request finds no grant left: no message, but it is unread in her inbox.
    await submit({ category: 'mental', urgency: 'worry' });
    expect(sends().slice(before)).toHaveLength(1);

    data(await call('team', 'reply', { requestId: id, text: '收到，我今天下午打电话给您', internal: false }, COUNSELLOR));
    data(await call('team', 'reply', { requestId: id, text: '第二条回复没有授权了', internal: false }, COUNSELLOR));
    const all = sends().slice(before);
    expect(all).toHaveLength(2);
    expect(all[1]?.request).toMatchObject({ touser: openid(WANG), template_id: SUBSCRIBE_TEMPLATE_IDS.requestUpdate, page: `pages/request-detail/index?id=${id}` });
    expect(requestDoc(id).notifyTokens).toBe(0);

    // Nothing of the request travels in a message: only the neutral words and the time.
    for (const call_ of all) {
      const { data: fields } = call_.request as { data: Record<string, { value: string }> };
      expect(NEUTRAL_TEXTS).toContain(fields.thing1?.value);
      expect(fields.time2?.value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      expect(Object.keys(fields).sort()).toEqual(['thing1', 'time2']);
      const text = JSON.stringify(call_.request);
      for (const secret of [description, '13800000000', '鞍山', '心理', '王', '收到']) expect(text).not.toContain(secret);
    }
  });

  test('a failed send is retried by the scheduler once per run; a gone grant (43101) is never retried', async () => {
    data(await call('team', 'subscribe', {}, PROSECUTOR));
    host.cloudbase.recorder.injectFault({ apiName: 'subscribeMessage.send', errcode: -1, touser: openid(PROSECUTOR), times: 1 });
    const id = await submit();
    const retries = () => host.cloudbase.store.find('pushRetries', {}) as Record<string, any>[];
    expect(retries()).toHaveLength(1);
    expect(JSON.stringify(retries()[0])).not.toContain('家里有人动手打我');

    const before = sends().length;
    // Not due yet: nothing happens.
    expect((await fireScheduler(new Date())).data.pushRetries).toMatchObject({ due: 0 });
    const later = new Date(Date.now() + 2 * 60_000);
    const [first, second] = await Promise.all([fireScheduler(later), fireScheduler(later)]);
    expect(first.data.pushRetries.sent + second.data.pushRetries.sent).toBe(1);
    expect(sends().slice(before)).toHaveLength(1);
    expect(sends().at(-1)?.request).toMatchObject({ touser: openid(PROSECUTOR), page: `packages/workbench/request/index?id=${id}` });
    expect(retries()).toHaveLength(0);
    expect((await fireScheduler(new Date(Date.now() + 60 * 60_000))).data.pushRetries).toMatchObject({ due: 0, sent: 0 });

    // The grant is gone: her tokens are cleared and nothing waits for a retry.
    data(await call('team', 'subscribe', {}, PROSECUTOR));
    host.cloudbase.recorder.injectFault({ apiName: 'subscribeMessage.send', errcode: 43101, touser: openid(PROSECUTOR), times: 1 });
    await submit();
    expect(memberDoc(`${ANSHAN}-m1`).notifyTokens).toBe(0);
    expect(retries()).toHaveLength(0);
  });

  test('the scheduler refuses a person calling it', async () => {
    expect(await host.invoke('scheduler', {}, { openid: openid(WANG) })).toMatchObject({ ok: false, code: 'Forbidden' });
  });
});

describe('round trips', () => {
  test('submit with routing: 4 database round trips, 5 when the assignee has a grant to use; accept: 4', async () => {
    // The scheduler makes each point's figures document for the month ahead of its first event.
    await fireScheduler(new Date());
    host.cloudbase.stats.reset();
    const id = await submit({ category: 'mental', urgency: 'worry' });
    const submitTrips = host.cloudbase.stats.snapshot().database;
    expect(requestDoc(id).assigneeId).toBe(`${ANSHAN}-m2`);
    host.cloudbase.stats.reset();
    data(await call('team', 'accept', { requestId: id }, COUNSELLOR));
    const acceptTrips = host.cloudbase.stats.snapshot().database;
    data(await call('team', 'subscribe', {}, COUNSELLOR));
    host.cloudbase.stats.reset();
    await submit({ category: 'mental', urgency: 'worry' });
    expect({ submitTrips, acceptTrips, submitWithGrant: host.cloudbase.stats.snapshot().database }).toEqual({ submitTrips: 4, acceptTrips: 4, submitWithGrant: 5 });
  });
});
