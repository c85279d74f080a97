/**
 * Running the points in the H5 build in Chromium. 忻城县's staff create 红渡镇's point with its executive and get her
 * one-time invite; opening the point is refused until she has joined; 赵女士 joins with the code through 加入服务团队
 * and becomes its executive; the staff open the point. She publishes an activity, 王女士 finds it on the point page and
 * signs up with a name to be called by, which the team sees; the executive logs a contact; the county's 1+10+N shows
 * 1 person contacted and 1 activity planned. Then 鞍山's executive builds and publishes the year's survey, 王女士
 * answers it once, anonymously, and the executive reads the counts.
 */
import type { Page } from 'playwright-core';
import { closePhones, phoneAs, screenshotWhenSettled, see, smallTargets, tapButton, useHostAndBrowser, visible } from '../support/browser';
import { COUNTY_STAFF, data, EXECUTIVE, functionCaller, NEWCOMER, SILIAN_POINT, WANG } from '../support/functions';

const session = useHostAndBrowser();
const call = functionCaller(() => session.host);

const ANSHAN = 'point-xc-anshan';
const HONGDU = { code: 'XC-HONGDU', name: '忻城县红渡镇执委联系点', id: 'point-xc-hongdu' };
const INVITE_SENTENCE = '请执委用微信扫码，或在「加入服务团队」输入邀请码；她加入后再启用联系点';

const input = (page: Page, placeholder: string) => visible(page, `input[placeholder="${placeholder}"]`).first();
const radio = (page: Page, label: string) => visible(page, '[role=radio]').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) }).first();
const pointRow = (page: Page, code: string) => visible(page, '.admin__point').filter({ hasText: `编码 ${code}` }).first();

test('a new point with its executive → she joins → opened → an activity she signs up for, a contact → the county sees 1+10+N', async () => {
  // 1. 忻城县's staff create 红渡镇's point with its executive.
  const county = await phoneAs(session, COUNTY_STAFF);
  await county.page.goto(`${session.host.url}#/packages/points/admin/index`);
  await pointRow(county.page, 'XC-ANSHAN').waitFor();
  await tapButton(county.page, '新建联系点');
  await see(county.page, '创建联系点');
  await input(county.page, '例如 XC-HONGDU').fill(HONGDU.code.toLowerCase());
  await input(county.page, '例如 忻城县红渡镇执委联系点').fill(HONGDU.name);
  await input(county.page, '牌匾所在的地方').fill('广西来宾市忻城县红渡镇妇女之家');
  await input(county.page, '纬度，例如 23.9812').fill('23.9812');
  await input(county.page, '经度，例如 108.7421').fill('108.7421');
  await input(county.page, '例如 周一至周五 9:00–17:00').fill('周一至周五 9:00–17:00');
  await input(county.page, '例如 覃春兰').fill('覃春兰');
  await input(county.page, '例如 忻城县妇联执委').fill('忻城县妇联执委');
  await input(county.page, '用居民听得懂的话，例如 留守妇女儿童关爱').fill('留守妇女儿童关爱');
  await visible(county.page, 'textarea').first().fill('听取妇女意见建议\n开展关爱帮扶');
  expect(await smallTargets(county.page, 10)).toEqual([]);
  await tapButton(county.page, '创建联系点');
  await see(county.page, INVITE_SENTENCE);
  const code = (await visible(county.page, '.point-form__code').first().innerText()).trim();
  expect(code).toMatch(/^[A-Z0-9]{8}$/);
  const qr = visible(county.page, '.point-form__qr img, img.point-form__qr').first();
  await qr.waitFor();
  expect(await qr.evaluate((img) => (img as HTMLImageElement).src.startsWith('data:image/png;base64,'))).toBe(true);
  expect(session.host.cloudbase.store.find('points', { code: HONGDU.code })[0]).toMatchObject({ name: HONGDU.name, active: false, displays: { duties: ['听取妇女意见建议', '开展关爱帮扶'] } });
  await screenshotWhenSettled(county.page, 'points-1-invite.png');

  // Back in the list it waits, closed; opening it is refused until the executive has joined.
  await tapButton(county.page, '返回联系点列表');
  const row = pointRow(county.page, HONGDU.code);
  await row.getByText('未启用').waitFor();
  await row.locator('taro-button-core', { hasText: '启用' }).click();
  await see(county.page, '执委还没有用邀请码绑定微信');
  expect(session.host.cloudbase.store.find('points', { code: HONGDU.code })[0]).toMatchObject({ active: false });

  // 2. 赵女士 opens the invite from the home page's 加入服务团队: the executive of 红渡镇's point, still closed. She joins.
  const zhao = await phoneAs(session, NEWCOMER);
  await zhao.page.getByText('加入服务团队').first().click();
  await visible(zhao.page, 'input[placeholder="8 位邀请码"]').fill(code);
  await tapButton(zhao.page, '查看邀请');
  await see(zhao.page, '身份：执委');
  await see(zhao.page, HONGDU.name);
  await input(zhao.page, '例如 赵敏').fill('覃春兰');
  await tapButton(zhao.page, '加入团队');
  // Joined, she lands in her workbench.
  await zhao.page.waitForURL(/packages\/workbench\/inbox/);
  for (let tries = 0; !session.host.cloudbase.store.find('members', { pointId: HONGDU.id, isExecutive: true })[0]?.openid && tries < 50; tries += 1) {
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(session.host.cloudbase.store.find('members', { pointId: HONGDU.id, isExecutive: true })[0]?.openid).toEqual(expect.any(String));
  // Her name on the plaque is the one the county gave; the name typed on the join page does not replace it.
  expect(session.host.cloudbase.store.find('members', { pointId: HONGDU.id, isExecutive: true })[0]).toMatchObject({ name: '覃春兰' });

  // 3. The staff open the point.
  await row.locator('taro-button-core', { hasText: '启用' }).click();
  await see(county.page, '已启用，居民现在可以找到这个联系点');
  await row.getByText('已启用').waitFor();
  expect(session.host.cloudbase.store.find('points', { code: HONGDU.code })[0]).toMatchObject({ active: true });

  // 4. The executive, from her home page's workbench card, publishes an activity (tomorrow 09:30 by default).
  await zhao.page.goto(session.host.url);
  await see(zhao.page, '服务团队工作台');
  await visible(zhao.page, '.home__duties [role=link]').filter({ hasText: /^活动$/ }).first().click();
  await see(zhao.page, '还没有活动，发布第一个吧');
  await tapButton(zhao.page, '发布新活动');
  await see(zhao.page, '活动类型');
  await radio(zhao.page, '家庭家教家风建设').click();
  await input(zhao.page, '例如 家庭教育讲座').fill('好家风家庭教育讲座');
  await input(zhao.page, '例如 社区妇女之家二楼').fill('红渡镇妇女之家二楼');
  await input(zhao.page, '最多能来多少人').fill('20');
  await visible(zhao.page, 'textarea').first().fill('请来自县家庭教育讲师，讲怎样和孩子好好说话');
  expect(await smallTargets(zhao.page, 12)).toEqual([]);
  await tapButton(zhao.page, '发布活动');
  const item = visible(zhao.page, '.activities__item').filter({ hasText: '好家风家庭教育讲座' }).first();
  await item.waitFor();
  await item.getByText('报名中').waitFor();
  await item.getByText('报名 0 / 20').waitFor();
  const activity = session.host.cloudbase.store.find('activities', { pointId: HONGDU.id })[0] as Record<string, any>;
  expect(activity).toMatchObject({ type: 'familyValues', capacity: 20, status: 'open' });
  expect(activity.startsAt.slice(11, 16)).toBe('01:30'); // 09:30 in China
  await screenshotWhenSettled(zhao.page, 'points-2-activities.png');

  // 5. 王女士 opens the point page: the activity is there, with its place; she signs up with a name to be called by.
  const wang = await phoneAs(session, WANG);
  await wang.page.goto(`${session.host.url}#/pages/point/index?code=${HONGDU.code}`);
  await see(wang.page, '执委 覃春兰');
  const shown = visible(wang.page, '.point__activity').filter({ hasText: '好家风家庭教育讲座' }).first();
  await shown.getByText(/红渡镇妇女之家二楼/).waitFor();
  await shown.click();
  await see(wang.page, '还剩 20 个名额');
  await see(wang.page, '只给服务团队看');
  await input(wang.page, '例如 王姐').fill('王姐');
  await tapButton(wang.page, '报名');
  await see(wang.page, '✓ 您已报名');
  await see(wang.page, '还剩 19 个名额');
  expect(await wang.page.getByText('取消报名').locator('visible=true').count()).toBe(1);
  expect(await smallTargets(wang.page, 1)).toEqual([]);
  await screenshotWhenSettled(wang.page, 'points-3-signed-up.png');

  // No survey at this point yet: the point page's link says so on its own page.
  await wang.page.goto(`${session.host.url}#/pages/point/index?code=${HONGDU.code}`);
  await visible(wang.page, '[role=link]').filter({ hasText: '参与本联系点的年度调研' }).first().click();
  await see(wang.page, `「${HONGDU.name}」现在没有进行中的年度调研`);

  // The team sees her name on the activity's sign-up list.
  await item.click();
  await see(zhao.page, '报名名单（1 人）');
  await see(zhao.page, '王姐');
  await see(zhao.page, '取消活动');

  // 6. The executive logs a contact.
  await zhao.page.goto(session.host.url);
  await visible(zhao.page, '.home__duties [role=link]').filter({ hasText: /^联系群众$/ }).first().click();
  await see(zhao.page, '今年已联系 0 / 10 人');
  await tapButton(zhao.page, '添加联系人');
  await input(zhao.page, '例如 韦大姐').fill('韦大姐');
  await radio(zhao.page, '妇女代表').click();
  await input(zhao.page, '例如 电话、住在哪个屯').fill('住在红渡街上，电话 139****0001');
  await see(zhao.page, '只有您能看到');
  await tapButton(zhao.page, '保存联系人');
  const contact = visible(zhao.page, '.outreach__contact').filter({ hasText: '韦大姐' }).first();
  await contact.getByText('今年还没联系').waitFor();
  await contact.locator('taro-button-core', { hasText: '记一次联系' }).click();
  await contact.getByText(/^今天/).waitFor();
  await radio(zhao.page, '走访').click();
  await input(zhao.page, '例如 了解家里老人看病的难处').fill('了解留守儿童暑假托管的需要');
  await tapButton(zhao.page, '保存记录');
  await see(zhao.page, '今年已联系 1 / 10 人');
  await contact.getByText(/走访 · 了解留守儿童暑假托管的需要/).waitFor();
  expect(await smallTargets(zhao.page, 2)).toEqual([]);
  await screenshotWhenSettled(zhao.page, 'points-4-outreach.png');

  // 7. The county's 1+10+N: 10 — 1 person; N — 1 planned; no survey yet.
  await county.page.reload();
  await visible(county.page, '[role=tab]').filter({ hasText: '1+10+N 进度' }).first().click();
  const progress = visible(county.page, '.admin__progress').filter({ hasText: HONGDU.name }).first();
  await progress.getByText('联系群众：1 / 10 人').waitFor();
  await progress.getByText('活动：已开展 0 场 · 计划 1 场').waitFor();
  await progress.getByText('年度调研：未创建').waitFor();
  await screenshotWhenSettled(county.page, 'points-5-progress.png');

  await closePhones(county, zhao, wang);
}, 240_000);

test('the year survey: built and published by the executive, answered once and anonymously, counted', async () => {
  // The executive of 鞍山 builds it: one single-choice question and one written one; a draft first, then published.
  const exec = await phoneAs(session, EXECUTIVE);
  await tapButton(exec.page, '进入工作台');
  await tapButton(exec.page, '团队');
  await see(exec.page, '邀请新成员');
  await visible(exec.page, '.team__duties').first().waitFor();
  await tapButton(exec.page, '年度调研');
  await see(exec.page, '问卷标题');
  await input(exec.page, '例如 2026 年妇女需求调研').fill('鞍山社区妇女需求调研');
  await input(exec.page, '题目，例如 您最希望联系点开展哪类活动？').fill('您最希望联系点开展哪类活动？');
  await input(exec.page, '选项 1').fill('技能培训');
  await input(exec.page, '选项 2').fill('亲子活动');
  await tapButton(exec.page, '＋ 添加一道题');
  const second = visible(exec.page, '.survey__question').nth(1);
  await second.locator('[role=radio]', { hasText: '填空' }).click();
  await second.locator('input').first().fill('您还有什么建议？');
  await tapButton(exec.page, '保存草稿');
  await see(exec.page, '草稿已保存');
  expect(session.host.cloudbase.store.find('surveys', { pointId: ANSHAN })[0]).toMatchObject({ status: 'draft', questions: [{ kind: 'single' }, { kind: 'text' }] });
  await tapButton(exec.page, '发布');
  await see(exec.page, '发布后问卷内容不能再修改');
  await exec.page.locator('.taro-model__confirm:visible').click();
  await see(exec.page, '已收到 0 份回答');
  await see(exec.page, '进行中');

  // 王女士 answers it from the point page, anonymously, once.
  const wang = await phoneAs(session, WANG);
  await wang.page.goto(`${session.host.url}#/pages/point/index?scene=XC-ANSHAN`);
  await visible(wang.page, '[role=link]').filter({ hasText: '参与本联系点的年度调研' }).first().click();
  await see(wang.page, '匿名填写，团队看不到是谁填的');
  await radio(wang.page, '技能培训').click();
  await visible(wang.page, 'textarea').first().fill('希望晚上也能开课');
  expect(await smallTargets(wang.page, 4)).toEqual([]);
  await tapButton(wang.page, '提交问卷');
  await see(wang.page, '谢谢您的参与！');
  await wang.page.reload();
  await see(wang.page, '您已经填写过这份问卷了');
  const responses = session.host.cloudbase.store.find('surveyResponses', {}) as Record<string, unknown>[];
  expect(responses).toHaveLength(1);
  expect(JSON.stringify(responses[0])).not.toContain('resident-wang');

  // The executive reads the counts and the written answer, and ends the survey.
  await exec.page.reload();
  await see(exec.page, '已收到 1 份回答');
  const bar = visible(exec.page, '.survey__bar').filter({ hasText: '技能培训' }).first();
  await bar.getByText('1 人（100%）').waitFor();
  await see(exec.page, '“希望晚上也能开课”');
  await see(exec.page, '导出 CSV');
  await screenshotWhenSettled(exec.page, 'points-6-survey-summary.png');
  await tapButton(exec.page, '结束调研');
  await exec.page.locator('.taro-model__confirm:visible').click();
  await see(exec.page, '已结束');
  expect(session.host.cloudbase.store.find('surveys', { pointId: ANSHAN })[0]).toMatchObject({ status: 'closed', responseCount: 1 });

  await closePhones(exec, wang);
}, 180_000);

/** A closed point's executive invite is offered on the join page (the point waits for her). */
test("a new point's executive invite shows 加入团队 on the join page before the point is opened", async () => {
  const created = data(await call('county', 'createPoint', SILIAN_POINT, COUNTY_STAFF));
  const phone = await phoneAs(session, WANG);
  try {
    await phone.page.goto(`${session.host.url}#/packages/workbench/join/index?code=${created.executiveInvite.code}`);
    await see(phone.page, '身份：执委');
    // Drawn with the invite's facts when the invite is valid.
    await input(phone.page, '例如 赵敏').waitFor({ timeout: 3_000 });
  } finally {
    await phone.context.close();
  }
}, 60_000);
