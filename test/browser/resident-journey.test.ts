/**
 * The woman's journeys in the H5 build in Chromium: from a plaque to a rated, reopened request; the danger path; an
 * anonymous request; and quick exit. The team's side is played through the real functions, as her phone would see it.
 */
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { openPhone, see, SHOTS, tapButton, useHostAndBrowser } from '../support/browser';
import { data, functionCaller, PROSECUTOR } from '../support/functions';

const session = useHostAndBrowser();
const call = functionCaller(() => session.host);

/** A real small photo, as a phone would hand it over. */
function photoPng(): Buffer {
  const png = new PNG({ width: 48, height: 32 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([200, 16, 46, 255], i);
  return PNG.sync.write(png);
}

const herPhone = () => openPhone(session.browser);

async function openFormFromPlaque(page: Page, code: string) {
  await page.goto(`${session.host.url}#/pages/point/index?scene=${code}`);
  await tapButton(page, '在这里提交诉求');
  await see(page, '遇到了哪方面的事？');
}

const choose = (page: Page, label: string) => page.getByText(label, { exact: true }).locator('visible=true').first().click();
/** Reads a value until it satisfies the predicate or 10 s pass, and returns the last value read. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

const latestRequest = () => session.host.cloudbase.store.find('requests', {}, { sort: { createdAt: -1 }, limit: 1 })[0] as Record<string, any>;

test('plaque → point → submit with a photo → follow replies → rate → reopen (重办)', async () => {
  const { context, page, errors } = await herPhone();
  await openFormFromPlaque(page, 'XC-ANSHAN');
  await choose(page, '维权服务');
  await choose(page, '烦心事');
  await page.locator('textarea:visible').fill('丈夫把我的工资卡拿走了，不让我用钱');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByText('＋ 添加照片').click()]);
  await chooser.setFiles({ name: 'evidence.png', mimeType: 'image/png', buffer: photoPng() });
  await page.locator('[aria-label="照片 1"] img, img[aria-label="照片 1"]').first().waitFor({ state: 'visible' }).catch(() => undefined);
  await see(page, '已选 1 张');
  await page.locator('input[placeholder="手机号码"]').fill('13900000000');
  await choose(page, '只发短信');
  await page.locator('[role=checkbox]:visible').click();
  await page.screenshot({ path: join(SHOTS, 'journey-1-form.png'), fullPage: true });
  await tapButton(page, '提交诉求');
  await see(page, '已提交成功');

  const request = latestRequest();
  expect(request).toMatchObject({ category: 'rights', urgency: 'trouble', inDanger: false, contact: { anonymous: false, method: 'sms' } });
  expect(request.photos).toHaveLength(1);
  const photoShown = await page.locator('.photo-strip__photo img, img.photo-strip__photo').first();
  await photoShown.waitFor({ state: 'visible' });
  expect(await until(() => photoShown.evaluate((img) => (img as HTMLImageElement).naturalWidth), (width) => width > 0)).toBe(48);

  data(await call('team', 'accept', { requestId: request._id }, PROSECUTOR));
  data(await call('team', 'reply', { requestId: request._id, text: '您好，我是检察官，明天上午给您发短信约时间', internal: false }, PROSECUTOR));
  data(await call('team', 'reply', { requestId: request._id, text: '先核实工资卡情况', internal: true }, PROSECUTOR));
  await page.reload();
  await see(page, '女检察官回复您');
  await see(page, '明天上午给您发短信约时间');
  expect(await page.getByText('先核实工资卡情况').count()).toBe(0);

  await page.locator('textarea:visible').fill('好的，上午十点以后方便');
  await tapButton(page, '发送留言');
  await see(page, '您的留言');
  await see(page, '好的，上午十点以后方便');

  data(await call('team', 'resolve', { requestId: request._id, summary: '已协助您取回工资卡，并告知了反家暴法的相关规定' }, PROSECUTOR));
  await page.reload();
  await see(page, '女检察官已办结');
  await see(page, '对办理结果满意吗？');
  await page.locator('[aria-label="2 星 不满意"]:visible').click();
  await page.locator('textarea[placeholder^="还想说点什么"]:visible').fill('卡拿回来了又被拿走了');
  await tapButton(page, '提交评价');
  await see(page, '您的评价');
  await see(page, '问题没有解决？可以申请重办');
  await page.screenshot({ path: join(SHOTS, 'journey-1-rated.png'), fullPage: true });
  await page.locator('textarea[placeholder^="请说说哪里还没有解决"]:visible').fill('工资卡又被拿走了，需要继续帮忙');
  await tapButton(page, '申请重办');
  await see(page, '您申请了重办');
  await see(page, '已受理');
  await page.screenshot({ path: join(SHOTS, 'journey-1-reopened.png'), fullPage: true });
  expect(session.host.cloudbase.store.find('requests', { _id: request._id })[0]).toMatchObject({ status: 'accepted', reopenCount: 1 });

  await page.goto(`${session.host.url}#/pages/my-requests/index`);
  await see(page, '已受理');
  expect(errors).toEqual([]);
  await context.close();
}, 120_000);

test('the danger path: rights + “I am in danger now” shows 110 and 12338 at once, and she can still submit', async () => {
  const { context, page, errors } = await herPhone();
  await openFormFromPlaque(page, 'XC-ANSHAN');
  await choose(page, '维权服务');
  await page.locator('[aria-label="我现在有危险"]:visible').click();
  await page.locator('a[href="tel:110"]:visible').waitFor();
  await page.locator('a[href="tel:12338"]:visible').waitFor();
  await page.screenshot({ path: join(SHOTS, 'journey-danger.png'), fullPage: true });
  await page.locator('textarea:visible').fill('他喝醉了在砸门，我躲在房间里');
  await page.locator('[aria-label="匿名提交"]:visible').click();
  await page.locator('[role=checkbox]:visible').click();
  await tapButton(page, '提交诉求');
  await see(page, '已提交成功');
  expect(latestRequest()).toMatchObject({ category: 'rights', urgency: 'distress', inDanger: true });
  const team = data(await call('team', 'getRequest', { requestId: latestRequest()._id }, PROSECUTOR));
  expect(team.inDanger).toBe(true);
  expect(errors).toEqual([]);
  await context.close();
}, 90_000);

test('an anonymous request keeps no contact details, and she follows it inside the mini-program', async () => {
  const { context, page, errors } = await herPhone();
  await openFormFromPlaque(page, 'RS-JIANGMEN');
  await choose(page, '心理健康');
  await choose(page, '操心事');
  await page.locator('textarea:visible').fill('孩子不愿意和我说话，我不知道怎么办');
  await page.locator('[aria-label="匿名提交"]:visible').click();
  await see(page, '团队只在小程序里回复');
  expect(await page.locator('input[placeholder="手机号码"]:visible').count()).toBe(0);
  await page.locator('[role=checkbox]:visible').click();
  await tapButton(page, '提交诉求');
  await see(page, '已提交成功');
  await see(page, '匿名');
  expect(latestRequest()).toMatchObject({ pointId: 'point-rs-jiangmen', contact: { anonymous: true } });
  expect(errors).toEqual([]);
  await context.close();
}, 90_000);

test('quick exit leaves the form for a neutral screen at once', async () => {
  const { context, page } = await herPhone();
  await openFormFromPlaque(page, 'XC-ANSHAN');
  await page.locator('textarea:visible').fill('不想让别人看到这段话');
  await page.locator('.quick-exit:visible').click();
  await see(page, '蔬菜怎样洗更干净');
  expect(await page.title()).toBe('生活小贴士');
  // Nothing of the form is left in the page, not even hidden lower in the stack.
  const formsLeft = () => page.locator('textarea').evaluateAll((areas) => areas.filter((a) => (a as HTMLTextAreaElement).value.includes('不想让别人看到')).length);
  expect(await until(formsLeft, (n) => n === 0)).toBe(0);
  expect(await page.getByText('提交诉求').count()).toBe(0);
  await page.screenshot({ path: join(SHOTS, 'journey-quick-exit.png'), fullPage: true });
  await context.close();
}, 60_000);

test('every tap target on the form is at least 44 px high', async () => {
  const { context, page } = await herPhone();
  await openFormFromPlaque(page, 'XC-ANSHAN');
  await choose(page, '维权服务');
  await page.locator('[aria-label="我现在有危险"]:visible').click();
  const targets = await page
    .locator('taro-button-core:visible, [role=radio]:visible, [role=checkbox]:visible, [role=switch]:visible, [role=button]:visible, .link:visible, a:visible, .input:visible')
    .evaluateAll((elements) => elements.map((e) => ({ what: `${e.getAttribute('aria-label') ?? ''} ${e.textContent?.trim().slice(0, 12)}`, height: Math.round(e.getBoundingClientRect().height) })));
  expect(targets.length).toBeGreaterThan(15);
  expect(targets.filter((t) => t.height < 44)).toEqual([]);
  await context.close();
}, 60_000);
