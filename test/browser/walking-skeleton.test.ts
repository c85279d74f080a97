/**
 * The slice, as people do it, in the H5 build in Chromium: a woman opens a point from its plaque code and submits a
 * rights request; it reaches the prosecutor, who sees it in her inbox and accepts it; the woman sees that.
 */
import { join } from 'node:path';
import { see, SHOTS, switchPersona, tapButton, useHostAndBrowser } from '../support/browser';

const session = useHostAndBrowser();

test('plaque code → five displays → submit → routed to the prosecutor → she accepts → the woman sees it', async () => {
  const context = await session.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  // A plaque's mini-program code carries the point code as `scene`.
  await page.goto(`${session.host.url}#/pages/point/index?scene=XC-ANSHAN`);
  await see(page, '忻城县鞍山社区执委联系点');
  await see(page, '执委 蒙晓梅');
  await see(page, '服务团队（11 人）');
  await see(page, '女检察官');
  await see(page, '工作职责');
  await see(page, '近期活动');
  await page.screenshot({ path: join(SHOTS, '1-point.png'), fullPage: true });

  await tapButton(page, '在这里提交诉求');
  await see(page, '遇到了哪方面的事？');
  await page.getByText('维权服务', { exact: true }).click();
  await page.getByText('揪心事', { exact: true }).click();
  await page.locator('textarea').fill('家里有人经常动手，我很害怕，想知道怎么办');
  await page.locator('input[placeholder="手机号码"]').fill('13800000000');
  await page.locator('input[placeholder^="例如：工作日上午"]').fill('工作日上午');
  await page.locator('[role=checkbox]:visible').click();
  await page.screenshot({ path: join(SHOTS, '2-form.png'), fullPage: true });
  await tapButton(page, '提交诉求');

  await see(page, '已提交成功');
  await see(page, '已派给服务团队的女检察官');
  await page.screenshot({ path: join(SHOTS, '3-submitted.png'), fullPage: true });

  await switchPersona(page, 'point-xc-anshan-m1');
  await page.goto(session.host.url);
  await see(page, '服务团队工作台');
  await tapButton(page, '进入工作台');
  // The inbox opens on 我的 (hers to handle), the new request unread.
  await see(page, '1 条未读');
  await page.locator('[role=tab][aria-selected=true]', { hasText: '我的' }).waitFor();
  await page.screenshot({ path: join(SHOTS, '4-inbox.png'), fullPage: true });
  await page.locator('.inbox__item').first().click();
  await see(page, '电话：13800000000');
  await see(page, /擅长「维权服务」/);
  await tapButton(page, '受理这条诉求');
  await see(page, '已受理');
  await page.getByText('女检察官已受理').first().waitFor();
  await page.screenshot({ path: join(SHOTS, '5-accepted.png'), fullPage: true });

  await switchPersona(page, 'resident-wang');
  await page.goto(`${session.host.url}#/pages/my-requests/index`);
  await page.locator('.list-item').first().click();
  await see(page, '女检察官已受理，会尽快联系您');
  await page.screenshot({ path: join(SHOTS, '6-her-view.png'), fullPage: true });

  expect(errors).toEqual([]);
  await context.close();
}, 120_000);

test('another woman sees none of it', async () => {
  const context = await session.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(session.host.url);
  await switchPersona(page, 'resident-li');
  await page.goto(`${session.host.url}#/pages/my-requests/index`);
  await see(page, '您还没有提交过诉求');
  await context.close();
}, 60_000);
