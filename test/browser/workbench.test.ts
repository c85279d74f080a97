/**
 * The team's workbench in the H5 build in Chromium, three phones side by side: 鞍山's executive invites a member for a
 * category nobody on her team handles yet; 赵女士 joins with the code; 王女士 submits a request in that category; it is
 * routed to the newcomer, who finds it in her inbox (new, unread), accepts, replies and resolves it; 王女士 follows
 * each step in 我的诉求.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { closePhones, phoneAs, see, SHOTS, smallTargets, tapButton, useHostAndBrowser, visible } from '../support/browser';
import { data, EXECUTIVE, functionCaller, NEWCOMER, submitInput, WANG } from '../support/functions';

const session = useHostAndBrowser();
const call = functionCaller(() => session.host);

const ANSHAN = 'point-xc-anshan';
const CHENGNAN_NAME = '忻城县城南社区执委联系点';

const tab = (page: Page, label: string) => visible(page, '[role=tab]').filter({ hasText: label }).first();
const stepButton = (page: Page, label: string) => visible(page, '.team-request__steps [role=button]').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) }).first();
const requestDoc = (id: string) => session.host.cloudbase.store.find('requests', { _id: id })[0] as Record<string, any>;
const latestRequest = () => session.host.cloudbase.store.find('requests', {}, { sort: { createdAt: -1 }, limit: 1 })[0] as Record<string, any>;

test('invite → join → a request in her category reaches the newcomer → accept, reply, resolve, followed by the woman', async () => {
  // 1. The executive of 鞍山 invites a member for 其他 (no one on her team has that skill).
  const exec = await phoneAs(session, EXECUTIVE);
  await tapButton(exec.page, '进入工作台');
  await see(exec.page, '新派单');
  await tapButton(exec.page, '团队');
  await see(exec.page, '邀请新成员');
  await see(exec.page, '覃丽娟');
  await visible(exec.page, 'input[placeholder^="例如 社工"]').fill('社工');
  await visible(exec.page, 'input[placeholder^="用居民听得懂的话"]').fill('其他方面的求助、陪同办事');
  await visible(exec.page, '[role=checkbox]').filter({ hasText: /^其他$/ }).click();
  await tapButton(exec.page, '生成邀请');
  await see(exec.page, '请对方用微信扫码，或在「加入团队」输入邀请码');
  const code = (await visible(exec.page, '.team__code').first().innerText()).trim();
  expect(code).toMatch(/^[A-Z0-9]{8}$/);
  // The invite's mini-program code, as wxacode.getUnlimited drew it (scene = the invite code, page = the join page).
  const qr = visible(exec.page, '.team__qr img, img.team__qr').first();
  await qr.waitFor();
  expect(await qr.evaluate((img) => (img as HTMLImageElement).src.startsWith('data:image/png;base64,'))).toBe(true);
  expect(session.host.cloudbase.recorder.list('wxacode.getUnlimited').at(-1)?.request).toMatchObject({ scene: code, page: 'packages/workbench/join/index' });
  // It waits among the open invites.
  await visible(exec.page, '.team__code-small').filter({ hasText: code }).first().waitFor();
  await exec.page.screenshot({ path: join(SHOTS, 'workbench-1-invite.png'), fullPage: true });

  // 2. 赵女士 joins from the home page's small entry, with the code typed in.
  const zhao = await phoneAs(session, NEWCOMER);
  await zhao.page.getByText('加入服务团队').first().click();
  await see(zhao.page, '输入邀请码');
  await visible(zhao.page, 'input[placeholder="8 位邀请码"]').fill(code.toLowerCase());
  await tapButton(zhao.page, '查看邀请');
  await see(zhao.page, '身份：社工');
  await see(zhao.page, '负责的诉求：其他');
  await see(zhao.page, '公开显示在联系点的服务团队名单上');
  await visible(zhao.page, 'input[placeholder="例如 赵敏"]').fill('赵敏');
  await zhao.page.screenshot({ path: join(SHOTS, 'workbench-2-join.png'), fullPage: true });
  await tapButton(zhao.page, '加入团队');
  await see(zhao.page, '没有未读');
  expect(await tab(zhao.page, '我的').innerText()).toMatch(/我的\s*0/);
  const joined = session.host.cloudbase.store.find('members', { pointId: ANSHAN, name: '赵敏' })[0] as Record<string, any>;
  expect(joined).toMatchObject({ role: '社工', skills: ['other'], active: true, isExecutive: false });

  // The executive sees her on the roster; the invite is used up.
  await exec.page.reload();
  await see(exec.page, '赵敏');
  await see(exec.page, '没有未使用的邀请');

  // 3. 王女士 submits a request in 其他 at 鞍山 through the form; it is routed to the newcomer.
  const wang = await phoneAs(session, WANG);
  await wang.page.goto(`${session.host.url}#/pages/point/index?scene=XC-ANSHAN`);
  await tapButton(wang.page, '在这里提交诉求');
  await see(wang.page, '遇到了哪方面的事？');
  await wang.page.getByText('其他', { exact: true }).locator('visible=true').first().click();
  await wang.page.getByText('操心事', { exact: true }).locator('visible=true').first().click();
  await visible(wang.page, 'textarea').fill('想找人陪我去办低保的手续，不太懂流程');
  await visible(wang.page, 'input[placeholder="手机号码"]').fill('13900000001');
  await visible(wang.page, '[role=checkbox]').click();
  await tapButton(wang.page, '提交诉求');
  await see(wang.page, '已提交成功');
  const request = latestRequest();
  expect(request).toMatchObject({ pointId: ANSHAN, category: 'other', status: 'assigned', assigneeId: joined._id });

  // 4. Her inbox: the request is new and unread, in 我的 (the default tab when she has something to do).
  await zhao.page.reload();
  await see(zhao.page, '1 条未读');
  expect(await tab(zhao.page, '新派单').innerText()).toMatch(/新派单\s*1/);
  expect(await tab(zhao.page, '我的').getAttribute('aria-selected')).toBe('true');
  const item = visible(zhao.page, '[role=tabpanel] .inbox__item').first();
  await item.waitFor();
  expect(await item.locator('.unread-dot').count()).toBe(1);
  await tab(zhao.page, '新派单').click();
  await visible(zhao.page, '[role=tabpanel] .inbox__item .unread-dot').first().waitFor();
  await zhao.page.screenshot({ path: join(SHOTS, 'workbench-3-inbox.png'), fullPage: true });

  // 5. She opens it and accepts it; the woman sees it accepted.
  await visible(zhao.page, '[role=tabpanel] .inbox__item').first().click();
  await see(zhao.page, '想找人陪我去办低保的手续');
  await see(zhao.page, '办理时限');
  await tapButton(zhao.page, '受理这条诉求');
  // Accepted once its step shows in the timeline (回复 is offered before accepting too).
  await see(zhao.page, '社工已受理');
  await stepButton(zhao.page, '回复').waitFor();
  expect(requestDoc(request._id).status).toBe('accepted');

  await wang.page.goto(`${session.host.url}#/pages/my-requests/index`);
  await visible(wang.page, '.list-item').filter({ hasText: '已受理' }).first().waitFor();
  await visible(wang.page, '.list-item').first().click();
  await see(wang.page, '社工已受理，会尽快联系您');

  // 6. She replies; the woman reads the reply, and her home page counted it as news first.
  await stepButton(zhao.page, '回复').click();
  await visible(zhao.page, 'textarea').fill('王女士您好，我是社工赵敏，周三上午陪您去街道办');
  await tapButton(zhao.page, '发送回复');
  await see(zhao.page, '社工回复居民');

  await wang.page.goto(session.host.url);
  await see(wang.page, '1 条新进展');
  await wang.page.screenshot({ path: join(SHOTS, 'workbench-4-home-news.png'), fullPage: true });
  await tapButton(wang.page, '查看我的诉求');
  const news = visible(wang.page, '.list-item').filter({ hasText: '有新进展' }).first();
  await news.waitFor();
  expect(await news.locator('.unread-dot').count()).toBe(1);
  await news.click();
  await see(wang.page, '社工回复您');
  await see(wang.page, '周三上午陪您去街道办');

  // 7. She resolves it; the woman sees it resolved and may rate it.
  await stepButton(zhao.page, '办结').click();
  await visible(zhao.page, 'textarea').fill('已陪同办理低保申请，材料已提交');
  await tapButton(zhao.page, '办结这条诉求');
  await see(zhao.page, '社工办结');
  expect(requestDoc(request._id).status).toBe('resolved');
  await zhao.page.screenshot({ path: join(SHOTS, 'workbench-5-resolved.png'), fullPage: true });

  await wang.page.reload();
  await see(wang.page, '社工已办结');
  await see(wang.page, '已陪同办理低保申请');
  await see(wang.page, '对办理结果满意吗？');
  await wang.page.screenshot({ path: join(SHOTS, 'workbench-6-her-view.png'), fullPage: true });

  // Back in her inbox: nothing unread, the request under 已办结.
  await zhao.page.goto(`${session.host.url}#/packages/workbench/inbox/index`);
  await see(zhao.page, '没有未读');
  expect(await tab(zhao.page, '已办结').innerText()).toMatch(/已办结\s*1/);

  // The H5 build asks for no subscribe grants, so nothing was pushed to anyone's WeChat.
  expect(session.host.cloudbase.recorder.list('subscribeMessage.send')).toEqual([]);
  await closePhones(exec, zhao, wang);
}, 180_000);

test('a join link with an unknown code says so', async () => {
  const zhao = await phoneAs(session, NEWCOMER);
  await zhao.page.goto(`${session.host.url}#/packages/workbench/join/index?scene=ZZZZ2222`);
  await see(zhao.page, '邀请码不存在');
  await zhao.page.getByText('输入其他邀请码').first().click();
  await see(zhao.page, '8 位邀请码');
  await closePhones(zhao);
}, 60_000);

test('away and back; the executive sees who is away, and removes a member with a confirmation', async () => {
  // 赵敏 (who joined in the first test) marks herself away through the function, then comes back on her team page.
  const inThreeDays = new Date(Date.now() + (8 + 72) * 3600 * 1000).toISOString().slice(0, 10);
  data(await call('team', 'setAway', { awayUntil: inThreeDays }, NEWCOMER));
  const exec = await phoneAs(session, EXECUTIVE);
  await exec.page.goto(`${session.host.url}#/packages/workbench/team/index?pointId=${ANSHAN}`);
  const zhaoRow = visible(exec.page, '.team__member').filter({ hasText: '赵敏' }).first();
  await zhaoRow.getByText(/外出至/).waitFor();

  const zhao = await phoneAs(session, NEWCOMER);
  await tapButton(zhao.page, '进入工作台');
  await tapButton(zhao.page, '团队');
  await see(zhao.page, '您已标记外出至');
  expect(await visible(zhao.page, '.team__member').filter({ hasText: '赵敏' }).first().locator('.team__me').count()).toBe(1);
  // A member manages nothing: no invites, no removing.
  expect(await zhao.page.getByText('邀请新成员').count()).toBe(0);
  await tapButton(zhao.page, '我已回来');
  await see(zhao.page, '标记外出，选择回来的日期');
  expect((session.host.cloudbase.store.find('members', { name: '赵敏' })[0] as Record<string, unknown>).awayUntil).toBeUndefined();
  await closePhones(zhao);

  // Every tap target on the executive's team page is at least 44 px high.
  await exec.page.reload();
  await see(exec.page, '邀请新成员');
  expect(await smallTargets(exec.page, 11)).toEqual([]);
  // The executive herself can be neither removed nor handed the point again; what she helps with can be edited.
  expect(await visible(exec.page, '.team__member').filter({ hasText: '蒙晓梅' }).first().locator('taro-button-core').allInnerTexts()).toEqual(['编辑']);

  const row = visible(exec.page, '.team__member').filter({ hasText: '赵敏' }).first();
  // The public roster: what she helps with, edited here, shows on the point page.
  await row.locator('taro-button-core', { hasText: '编辑' }).click();
  await row.locator('.team__editor input').nth(1).fill('陪同办事、心理支持');
  await row.locator('taro-button-core', { hasText: '保存' }).click();
  await see(exec.page, '社工 · 陪同办事、心理支持');
  expect(session.host.cloudbase.store.find('members', { name: '赵敏' })[0]).toMatchObject({ helpsWith: '陪同办事、心理支持' });

  await row.locator('taro-button-core', { hasText: '移出团队' }).click();
  await see(exec.page, '她在办的诉求会重新派给其他成员');
  await exec.page.locator('.taro-model__confirm:visible').click();
  await see(exec.page, /已移除，\d+ 条在办诉求已重新派单/);
  await exec.page.locator('.team__member', { hasText: '赵敏' }).first().waitFor({ state: 'detached' });
  expect(session.host.cloudbase.store.find('members', { name: '赵敏' })[0]).toMatchObject({ active: false });
  await closePhones(exec);
}, 90_000);

test('the executive reassigns, extends, refers, records the outcome and transfers; the woman sees her words only', async () => {
  const id = data(await call('resident', 'submitRequest', submitInput({ category: 'rights', urgency: 'trouble', description: '离婚后前夫不按时给孩子抚养费' }), WANG)).id as string;
  expect(requestDoc(id).assigneeId).toBe(`${ANSHAN}-m1`);

  const exec = await phoneAs(session, EXECUTIVE);
  await tapButton(exec.page, '进入工作台');
  await tab(exec.page, '新派单').click();
  await visible(exec.page, '[role=tabpanel] .inbox__item').filter({ hasText: '维权服务' }).first().click();
  await see(exec.page, '离婚后前夫不按时给孩子抚养费');
  await see(exec.page, '办理时限');
  // Not hers to accept, nor to resolve before it is accepted: only what `can` allows is offered.
  expect(await exec.page.getByText('受理这条诉求').locator('visible=true').count()).toBe(0);
  expect(await visible(exec.page, '.team-request__steps [role=button]').allInnerTexts()).toEqual(['回复', '改派', '转办', '延期']);

  // 改派 to the counsellor, with a reason for the team.
  await stepButton(exec.page, '改派').click();
  await visible(exec.page, '[role=radio]').filter({ hasText: '黄秋燕' }).first().click();
  await visible(exec.page, 'textarea').fill('先做心理疏导');
  await tapButton(exec.page, '确认改派');
  await see(exec.page, '改派给心理咨询师');
  await see(exec.page, /先做心理疏导/);
  expect(requestDoc(id).assigneeId).toBe(`${ANSHAN}-m2`);

  // 延期 by 5 days.
  await stepButton(exec.page, '延期').click();
  await exec.page.locator('[aria-label="多一天"]:visible').click();
  await exec.page.locator('[aria-label="多一天"]:visible').click();
  await see(exec.page, '5 天');
  await visible(exec.page, 'textarea').fill('需要等待法院排期');
  await tapButton(exec.page, '确认延期');
  await see(exec.page, '已延期 5 天');
  await see(exec.page, '申请延期 5 天');

  // The counsellor accepts it; then 转介 to legal aid and its outcome.
  data(await call('team', 'accept', { requestId: id }, 'point-xc-anshan-m2'));
  await exec.page.reload();
  await stepButton(exec.page, '转介').click();
  await visible(exec.page, '[role=radio]').filter({ hasText: /^法律援助$/ }).first().click();
  await visible(exec.page, 'textarea').fill('已联系县法律援助中心');
  await tapButton(exec.page, '确认转介');
  await see(exec.page, '等待转介结果');
  await stepButton(exec.page, '转介结果').click();
  await visible(exec.page, 'textarea').fill('已指派律师代理');
  await tapButton(exec.page, '登记结果');
  await see(exec.page, /结果（.*）：已指派律师代理/);
  expect(await stepButton(exec.page, '转介结果').count()).toBe(0);
  await exec.page.screenshot({ path: join(SHOTS, 'workbench-7-executive-steps.png'), fullPage: true });

  // 转办 to 城南: it leaves her hands, and she is back in her inbox.
  await stepButton(exec.page, '转办').click();
  await visible(exec.page, '[role=radio]').filter({ hasText: CHENGNAN_NAME }).first().click();
  await visible(exec.page, 'textarea').fill('她已搬到城南安置小区居住');
  await tapButton(exec.page, '确认转办');
  await see(exec.page, `已转到「${CHENGNAN_NAME}」`);
  await tab(exec.page, '新派单').waitFor();
  await exec.page.waitForURL(/workbench\/inbox/);
  expect(requestDoc(id)).toMatchObject({ pointId: 'point-xc-chengnan', status: 'assigned' });

  // Her view: where it went, that legal aid was contacted, the extra days; not the team's reasons or the outcome.
  const wang = await phoneAs(session, WANG);
  await wang.page.goto(`${session.host.url}#/pages/request-detail/index?id=${id}`);
  await see(wang.page, `已转到「${CHENGNAN_NAME}」办理`);
  await see(wang.page, '已为您联系 法律援助');
  await see(wang.page, '办理时间延长 5 天');
  for (const teamOnly of ['先做心理疏导', '已指派律师代理', '她已搬到城南安置小区居住']) expect(await wang.page.getByText(teamOnly).count()).toBe(0);
  await wang.page.screenshot({ path: join(SHOTS, 'workbench-8-her-view-after-transfer.png'), fullPage: true });
  await closePhones(exec, wang);
}, 120_000);
