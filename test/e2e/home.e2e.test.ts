import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { browserAvailable, CLIENT_DIR, contextWithCookie, launchBrowser, releaseBrowser } from '../support/browser';
import { workOrderIntake } from '../support/factories';

describe.skipIf(!browserAvailable())('the overview page proves the pipe', () => {
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

  it('its live counts move when an order is posted, without a reload', async () => {
    const context = await contextWithCookie(browser, server.url, (await server.headersFor('lead')).cookie);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForSelector('[data-test=status][data-status=live]', { timeout: 10_000 });
    const count = async () => Number(await page.locator('[data-test=open-work-orders]').textContent());
    const before = await count();
    await server.api('POST', '/api/work-orders', workOrderIntake());
    await server.api('POST', '/api/work-orders', workOrderIntake());
    await expect.poll(count, { timeout: 2000 }).toBe(before + 2);
    await expect.poll(() => page.locator('[data-test=last-event]').textContent(), { timeout: 2000 }).toContain('workOrder.received');
  });
});
