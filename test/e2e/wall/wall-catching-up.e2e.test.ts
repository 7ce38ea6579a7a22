import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedApiKey } from '../../../shared/auth/accounts';
import { startTestServer, type TestServer } from '../../support/server';
import { browserAvailable, launchBrowser, releaseBrowser } from '../../support/browser';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const SCREENSHOTS = join(ROOT, 'test-results/screenshots');
const hasBrowser = browserAvailable();

/**
 * A wall that is connected but refused its resync (its login asked too often, or the server's
 * database is failing over) says 正在同步 (catching up) in amber, not 连接中断 (disconnected):
 * the data is stale either way, and the banner says since when. Here the login may resync once
 * per 8 s, and a second screen on the same kiosk link opens right after the first.
 */
describe.skipIf(!hasBrowser)('wall whose resync is refused for now', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer({
      clientDir: join(ROOT, 'dist/client'),
      syncLimits: { perSocket: { points: 10, seconds: 10 }, perCredential: { points: 1, seconds: 8 } },
    });
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.stop();
  });

  it('says 正在同步, not 连接中断, and goes live once the server answers', async () => {
    const kiosk = await server.api<CreatedApiKey>('POST', '/api/api-keys', { name: '大厅大屏', role: 'wall' });
    const open = async () => {
      const context = await browser.newContext({ locale: 'zh-CN' });
      const page = await context.newPage();
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(server.url + kiosk.body.kioskPath);
      return { context, page };
    };
    const first = await open();
    await first.page.waitForSelector('[data-testid=wall][data-status=live]', { timeout: 10_000 });

    const second = await open();
    const state = second.page.locator('[data-testid=connection-state]');
    await second.page.waitForSelector('[data-testid=connection-state][data-status=catchingUp]', { timeout: 5000 });
    expect(await state.textContent()).toContain('正在同步');
    const banner = second.page.locator('[data-testid=connection-stale]');
    expect(await banner.textContent()).toContain('正在同步');
    expect(await second.page.locator('body').textContent()).not.toContain('连接中断');
    await second.page.screenshot({ path: join(SCREENSHOTS, 'wall-1920x1080-catching-up.png') });

    // Asked again when the server said: live, the banner gone.
    await second.page.waitForSelector('[data-testid=wall][data-status=live]', { timeout: 15_000 });
    expect(await banner.count()).toBe(0);
    await Promise.all([first.context.close(), second.context.close()]);
  }, 40_000);
});
