/**
 * 我的数据 in the H5 build in Chromium: 王女士 submits a request, finds 我的数据与隐私 under 我的诉求, reads what the
 * service holds (her words and her phone), downloads it as a JSON file, and deletes it after confirming: the page
 * shows the counts, and her list of requests is empty.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openPhone, see, SHOTS, tapButton, useHostAndBrowser } from '../support/browser';
import { data, functionCaller, submitInput, WANG } from '../support/functions';

const session = useHostAndBrowser();
const call = functionCaller(() => session.host);

const DESCRIPTION = '婆家不让我回娘家，我想问问怎么办';
const PHONE = '13712345678';

/** Her phone, playing 王女士 through the local host's persona cookie. */
async function herPhone() {
  const phone = await openPhone(session.browser, { acceptDownloads: true });
  await phone.context.addCookies([{ name: 'persona', value: WANG, url: session.host.url }]);
  return phone;
}

async function shot(page: Page, name: string) {
  await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth);
  await page.screenshot({ path: join(SHOTS, name), fullPage: true });
}

test('我的数据: read, download as JSON, delete with a confirmation', async () => {
  const { id } = data(
    await call('resident', 'submitRequest', submitInput({ description: DESCRIPTION, contact: { anonymous: false, phone: PHONE, method: 'sms' } }), WANG),
  ) as { id: string };

  const { context, page, errors } = await herPhone();
  await page.goto(`${session.host.url}#/pages/my-requests/index`);
  await page.getByText('我的数据与隐私').locator('visible=true').first().click();
  await see(page, '我们保存了什么');
  await see(page, DESCRIPTION);
  await see(page, `联系电话：${PHONE}`);
  await see(page, '谁查看过');
  await shot(page, 'my-data-1.png');

  const [download] = await Promise.all([page.waitForEvent('download'), tapButton(page, '下载我的数据')]);
  expect(download.suggestedFilename()).toMatch(/^我的数据-\d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(readFileSync((await download.path()) as string, 'utf8')) as { requests: { id: string; description: string }[] };
  expect(file.requests.map((r) => r.id)).toContain(id);
  expect(file.requests.find((r) => r.id === id)?.description).toBe(DESCRIPTION);

  await tapButton(page, '删除我的数据');
  await see(page, '删除后无法恢复');
  await shot(page, 'my-data-2-confirm.png');
  await page.locator('.taro-model__confirm:visible').click();
  await see(page, /已撤回 \d+ 条、匿名化 \d+ 条诉求，删除 \d+ 条报名记录/);
  const text = (await page.locator('[role=status]:visible').first().textContent()) ?? '';
  const [withdrawn, anonymised] = (text.match(/\d+/g) ?? []).map(Number);
  expect(withdrawn).toBeGreaterThanOrEqual(1);
  expect(anonymised).toBeGreaterThanOrEqual(1);
  await shot(page, 'my-data-3-deleted.png');

  expect(data(await call('resident', 'listMyRequests', {}, WANG))).toEqual([]);
  await expect(page.getByText(DESCRIPTION).count()).resolves.toBe(0);
  expect(errors).toEqual([]);
  await context.close();
}, 90_000);
