/**
 * Finding a point without a plaque, in Chromium: with location (after she agrees) the nearby points sorted by
 * distance; without it, county → community. Navigate and share on the point page; large-text mode.
 */
import { join } from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { openPhone, see, SHOTS, tapButton, useHostAndBrowser } from '../support/browser';

const session = useHostAndBrowser();

/**
 * WeChat's map is outside the browser: Taro H5 calls `window.wx.openLocation` when it exists, so this stand-in
 * records what was asked of it.
 */
const RECORD_OPEN_LOCATION = () => {
  const calls: unknown[] = [];
  (window as unknown as { __openLocationCalls: unknown[] }).__openLocationCalls = calls;
  (window as unknown as { wx: Record<string, unknown> }).wx = {
    openLocation: (options: { success?: (r: unknown) => void }) => {
      const { success, ...asked } = options as Record<string, unknown> & { success?: (r: unknown) => void };
      calls.push(Object.fromEntries(Object.entries(asked).filter(([, v]) => typeof v !== 'function')));
      success?.({ errMsg: 'openLocation:ok' });
    },
  };
};

async function phone(options: BrowserContextOptions = {}): Promise<{ page: Page; close: () => Promise<void>; errors: string[] }> {
  const { context, page, errors } = await openPhone(session.browser, options);
  await context.addInitScript(RECORD_OPEN_LOCATION);
  return { page, close: () => context.close(), errors };
}

test('location allowed: she agrees first, sees nearby points by distance, opens the nearest, navigates there', async () => {
  // Standing in 忻城县's town, a few hundred metres from 鞍山社区.
  const { page, close, errors } = await phone({ geolocation: { latitude: 24.0685, longitude: 108.6649 }, permissions: ['geolocation'] });
  await page.goto(session.host.url);
  await tapButton(page, '查找附近的联系点');
  await see(page, '用您的位置查找附近的联系点？');
  await page.screenshot({ path: join(SHOTS, 'find-1-consent.png'), fullPage: true });
  await tapButton(page, '同意并查找');
  const items = page.locator('.nearby__item:visible');
  await items.first().waitFor();
  expect(await items.count()).toBe(2);
  const names = await items.locator('.home__point-name').allTextContents();
  expect(names).toEqual(['忻城县鞍山社区执委联系点', '忻城县城南社区执委联系点']);
  const distances = await items.locator('.nearby__distance').allTextContents();
  expect(distances.every((d) => /^约 [\d.]+ (米|公里)$/.test(d))).toBe(true);
  await page.screenshot({ path: join(SHOTS, 'find-2-nearby.png'), fullPage: true });

  await items.first().click();
  await see(page, '执委 蒙晓梅');
  await see(page, '往期活动');
  await see(page, '重阳节走访慰问留守老人');
  await page.getByText('往期活动').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'find-3-point.png') });
  await tapButton(page, '导航到这里');
  const asked = await page.evaluate(() => (window as unknown as { __openLocationCalls: unknown[] }).__openLocationCalls);
  // Asked once (Taro H5's own bridge would call `wx.openLocation` three times), for the nearest point's place.
  expect(asked).toEqual([
    { latitude: 24.0702, longitude: 108.6638, name: '忻城县鞍山社区执委联系点', address: '广西来宾市忻城县城关镇鞍山社区妇女活动中心', scale: 16 },
  ]);
  expect(errors).toEqual([]);
  await close();
}, 90_000);

test('location refused: county → community → the point; sharing copies its link', async () => {
  const { page, close, errors } = await phone({ permissions: ['clipboard-read', 'clipboard-write'] });
  await page.goto(session.host.url);
  await tapButton(page, '查找附近的联系点');
  await tapButton(page, '不用了，手动选择');
  await see(page, '1. 选择县（区）');
  await see(page, '改用位置查找');
  await page.getByText('融水苗族自治县', { exact: true }).click();
  await see(page, '2. 选择社区（村）联系点');
  await page.screenshot({ path: join(SHOTS, 'find-4-county.png'), fullPage: true });
  await page.locator('.home__point-name:visible', { hasText: '江门村' }).click();
  await see(page, '执委 杨宁');
  await tapButton(page, '分享给朋友');
  await see(page, '链接已复制，可以发给朋友');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/#\/pages\/point\/index\?code=RS-JIANGMEN$/);
  expect(errors).toEqual([]);
  await close();
}, 90_000);

test('in a plain browser (no WeChat) 导航到这里 opens Tencent Maps\' marker page for the point', async () => {
  const { context, page, errors } = await openPhone(session.browser);
  await context.addInitScript(() => {
    const opened: string[] = [];
    (window as unknown as { __opened: string[] }).__opened = opened;
    window.open = ((url?: string | URL) => {
      opened.push(String(url));
      return null;
    }) as typeof window.open;
  });
  await page.goto(`${session.host.url}#/pages/point/index?code=RS-JIANGMEN`);
  await see(page, '执委 杨宁');
  await tapButton(page, '导航到这里');
  await page.waitForFunction(() => (window as unknown as { __opened: string[] }).__opened.length > 0);
  const [url] = await page.evaluate(() => (window as unknown as { __opened: string[] }).__opened);
  const parsed = new URL(url ?? '');
  expect(parsed.origin + parsed.pathname).toBe('https://apis.map.qq.com/uri/v1/marker');
  expect(parsed.searchParams.get('marker')).toBe('coord:25.3861,109.1725;title:融水县安陲乡江门村执委联系点;addr:广西柳州市融水苗族自治县安陲乡江门村村委');
  expect(parsed.searchParams.get('referer')).toBe('执委联系点');
  expect(errors).toEqual([]);
  await context.close();
}, 60_000);

test('the browser denying location also leads to the county picker', async () => {
  const { page, close } = await phone();
  await page.goto(session.host.url);
  await tapButton(page, '查找附近的联系点');
  await tapButton(page, '同意并查找');
  await see(page, '没有拿到位置');
  await see(page, '1. 选择县（区）');
  await close();
}, 60_000);

test('large-text mode makes the text larger on every screen, and is remembered', async () => {
  const { page, close } = await phone();
  const sizeOf = (selector: string) => page.locator(`${selector}:visible`).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  await page.goto(`${session.host.url}#/pages/point/index?scene=XC-ANSHAN`);
  await see(page, '执委 蒙晓梅');
  const pointName = await sizeOf('.point__name');
  await page.goto(session.host.url);
  await see(page, '大字模式');
  const cardTitle = await sizeOf('.card__title');
  await page.locator('[aria-label="大字模式"]:visible').click();
  expect((await sizeOf('.card__title')) / cardTitle).toBeCloseTo(1.25, 2);

  await page.goto(`${session.host.url}#/pages/point/index?scene=XC-ANSHAN`);
  await page.reload();
  await see(page, '执委 蒙晓梅');
  expect((await sizeOf('.point__name')) / pointName).toBeCloseTo(1.25, 2);
  await page.screenshot({ path: join(SHOTS, 'find-5-large-text.png'), fullPage: true });
  await close();
}, 60_000);
