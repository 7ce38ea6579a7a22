import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, CLIENT_DIR, contextWithCookie, launchBrowser, releaseBrowser } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

/** `<html lang>` and the title follow the language (`?lang=en`, remembered), not the page's source. */
describe.skipIf(!browserAvailable())('the page says which language it is in', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.stop();
  });

  it('zh-CN by default, en with ?lang=en and after it', async () => {
    const page = await (await contextWithCookie(browser, server.url, undefined)).newPage();
    const lang = () => page.evaluate(() => document.documentElement.lang);
    await page.goto(`${server.url}/login`, { waitUntil: 'domcontentloaded' });
    await expect.poll(lang, { timeout: 15_000 }).toBe('zh-CN');
    await expect.poll(() => page.title()).toContain('克拉玛依区');

    await page.goto(`${server.url}/login?lang=en`, { waitUntil: 'domcontentloaded' });
    await expect.poll(lang, { timeout: 15_000 }).toBe('en');
    await expect.poll(() => page.title()).toContain('Karamay District');

    // Remembered by the browser: the next page without ?lang stays English.
    await page.goto(`${server.url}/login`, { waitUntil: 'domcontentloaded' });
    await expect.poll(lang, { timeout: 15_000 }).toBe('en');
  }, 60_000);
});
