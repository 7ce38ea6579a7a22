import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedApiKey } from '../../../shared/auth/accounts';
import { startTestServer, type TestServer } from '../../support/server';
import { browserAvailable, CLIENT_DIR, launchBrowser, releaseBrowser, SCREENSHOTS } from '../../support/browser';

const hasBrowser = browserAvailable();

/**
 * A wall that is connected but refused its resync (the server's database failing over, or its
 * login asked too often) says 正在同步 (catching up) in amber, not 连接中断 (disconnected): the
 * data is stale either way, and the banner says so. Here the server cannot build a snapshot until
 * the test lets it (its snapshot reads fail, as during a database failover): the screen asks again
 * every second and goes live on the first answer.
 */
describe.skipIf(!hasBrowser)('wall whose resync is refused for now', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR });
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.stop();
  });

  it('says 正在同步, not 连接中断, and goes live once the server answers', async () => {
    const kiosk = await server.api<CreatedApiKey>('POST', '/api/api-keys', { name: '大厅大屏', role: 'wall' });
    const snapshots = server.grid.realtime.snapshots;
    const read = snapshots.get.bind(snapshots);
    snapshots.get = () => Promise.reject(new Error('the database is failing over'));

    const context = await browser.newContext({ locale: 'zh-CN' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(server.url + kiosk.body.kioskPath);
    // Read in one go while it is catching up.
    const seen = await page
      .waitForFunction(() => {
        const state = document.querySelector('[data-testid=connection-state]');
        if (state?.getAttribute('data-status') !== 'catchingUp') return null;
        const banner = document.querySelector('[data-testid=connection-stale]');
        return { state: state.textContent ?? '', banner: banner?.textContent ?? '', page: document.body.textContent ?? '' };
      })
      .then(async (handle) => (await handle.jsonValue())!);
    expect(seen.state).toContain('正在同步');
    expect(seen.banner).toContain('正在同步');
    expect(seen.page).not.toContain('连接中断');
    await page.screenshot({ path: join(SCREENSHOTS, 'wall-1920x1080-catching-up.png') });

    // The database is back: the next ask is answered, the screen is live and the banner gone.
    snapshots.get = read;
    await page.waitForSelector('[data-testid=wall][data-status=live]', { timeout: 10_000 });
    expect(await page.locator('[data-testid=connection-stale]').count()).toBe(0);
    await context.close();
  });
});
