import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedApiKey } from '../../../shared/auth/accounts';
import { startTestServer, type TestServer } from '../../support/server';
import { browserAvailable, CLIENT_DIR, launchBrowser, releaseBrowser, SCREENSHOTS } from '../../support/browser';

const hasBrowser = browserAvailable();

/** A wall whose kiosk token is revoked says so, instead of "disconnected" forever. */
describe.skipIf(!hasBrowser)('wall with a revoked kiosk token', () => {
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

  it('shows 令牌已失效 within seconds of the revoke and stays on the wall', async () => {
    const created = await server.api<CreatedApiKey>('POST', '/api/api-keys', { name: '大厅大屏', role: 'wall' });
    const context = await browser.newContext({ locale: 'zh-CN' });
    context.setDefaultTimeout(8000);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(server.url + created.body.kioskPath);
    await page.waitForSelector('[data-testid=wall][data-status=live]', { timeout: 10_000 });

    expect((await server.api('POST', `/api/api-keys/${created.body.id}/revoke`, {})).status).toBe(200);
    const banner = page.locator('[data-testid=connection-stale]');
    await banner.waitFor({ timeout: 5000 });
    await expect.poll(() => banner.textContent(), { timeout: 5000 }).toContain('令牌已失效');
    expect(new URL(page.url()).pathname).toBe('/wall');
    await page.screenshot({ path: join(SCREENSHOTS, 'wall-token-revoked.png') });
    await context.close();
  });
});
