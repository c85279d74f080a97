/**
 * Debian's Chromium, driven by playwright-core (its own browser download cannot work offline). Playwright gives each
 * launch a fresh profile directory of its own.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { Host } from '../../local/host/server';
import { startTestHost } from './local';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const see = (page: Page, text: string | RegExp) => page.getByText(text).first().waitFor({ state: 'visible', timeout: 15_000 });

/**
 * Taro's Button renders as taro-button-core in H5; the navigation bar may repeat the same words, and pages lower in
 * the stack stay in the DOM, hidden.
 */
export const tapButton = (page: Page, text: string) =>
  page.locator('taro-button-core:visible', { hasText: new RegExp(`^\\s*${text}\\s*$`) }).first().click();

/** The local host's persona switch, as a person uses it. */
export async function switchPersona(page: Page, personaId: string) {
  await page.locator('#local-persona-toggle').click();
  await page.locator('#local-persona-select option').first().waitFor({ state: 'attached' });
  await Promise.all([page.waitForEvent('load'), page.selectOption('#local-persona-select', personaId)]);
}

export const SHOTS = join(__dirname, '..', '..', 'test-output', 'browser');

/** One test file's host (fresh demo data) and Chromium, started before its tests and closed after them. */
export function useHostAndBrowser(): { readonly host: Host; readonly browser: Browser } {
  let host: Host | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    host = await startTestHost();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });
  return {
    get host() {
      if (!host) throw new Error('the host is not started yet');
      return host;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not started yet');
      return browser;
    },
  };
}

/** A phone-sized page in its own context, collecting the page's uncaught errors. */
export async function openPhone(browser: Browser, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

type Phone = Awaited<ReturnType<typeof openPhone>>;

/** A phone already playing one persona, on the home page. */
export async function phoneAs(session: { readonly host: Host; readonly browser: Browser }, personaId: string): Promise<Phone> {
  const phone = await openPhone(session.browser);
  await phone.page.goto(session.host.url);
  await switchPersona(phone.page, personaId);
  await see(phone.page, '妇联执委就在您身边');
  return phone;
}

/** Closes the phones, then fails if any of their pages threw an uncaught error. */
export async function closePhones(...phones: Phone[]): Promise<void> {
  for (const phone of phones) await phone.context.close();
  expect(phones.map((phone) => phone.errors)).toEqual(phones.map(() => []));
}

/** What is on screen: pages lower in the stack stay in the DOM, hidden. */
export const visible = (page: Page, selector: string) => page.locator(`${selector}:visible`);

/** A screenshot into SHOTS once the page has finished sliding in (H5 page transitions widen the document while they run). */
export async function screenshotWhenSettled(page: Page, name: string, fullPage = true): Promise<void> {
  await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth);
  await page.screenshot({ path: join(SHOTS, name), fullPage });
}

const TAP_TARGETS = [
  'taro-button-core',
  '[role=button]',
  '[role=radio]',
  '[role=checkbox]',
  '[role=tab]',
  '[role=link]',
  '[role=columnheader]',
  '.list-item',
  '.input',
  'textarea',
];

/** Tap targets on screen lower than 44 px; at least `atLeast` targets must be found, so the query is known to work. */
export async function smallTargets(page: Page, atLeast: number): Promise<{ what?: string; height: number }[]> {
  const targets = await page
    .locator(TAP_TARGETS.map((selector) => `${selector}:visible`).join(', '))
    .evaluateAll((elements) => elements.map((e) => ({ what: e.textContent?.trim().slice(0, 12), height: Math.round(e.getBoundingClientRect().height) })));
  expect(targets.length).toBeGreaterThanOrEqual(atLeast);
  return targets.filter((t) => t.height < 44);
}
