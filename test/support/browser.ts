/**
 * Debian's Chromium, driven by playwright-core (its own browser download cannot work offline). Playwright gives each
 * launch a fresh profile directory of its own.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

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
