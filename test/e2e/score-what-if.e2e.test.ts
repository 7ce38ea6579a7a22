import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../server/clock';
import { workOrderIntake } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { browserAvailable, CLIENT_DIR, contextWithCookie, launchBrowser, releaseBrowser, REPO_ROOT } from '../support/browser';
import type { WorkOrder } from '../../shared/domain/work-order';

const hasBrowser = browserAvailable();

describe.skipIf(!hasBrowser)('what the next mistake costs, on /score', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR, clock: new FakeClock('2025-03-14T07:00:00Z') });
    // Four orders dispatched right: one wrong would make 4 of 5 (80 %), 18 points below 98 % → 9 points.
    for (let i = 0; i < 4; i++) {
      let order = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body;
      for (const action of [{ action: 'file' }, { action: 'dispatch', department: '城管局' }]) {
        order = (await server.api<WorkOrder>('POST', `/api/work-orders/${order.id}/actions`, { ...action, expectedVersion: order.version })).body;
      }
    }
    browser = await launchBrowser();
    const context = await contextWithCookie(browser, server.url, (await server.headersFor('manager')).cookie);
    page = await context.newPage();
    await page.setViewportSize({ width: 1600, height: 1200 });
    await page.goto(`${server.url}/score`);
    await page.locator('[data-test=what-if]').waitFor({ timeout: 10_000 });
  });

  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.stop();
  });

  it('shows each kind in points and yuan, the headroom and the range; a real wrong dispatch then costs that', async () => {
    const row = page.locator('[data-test=what-if] tr[data-kind=wrongDispatch]');
    expect(await row.getAttribute('data-points')).toBe('9');
    expect(await row.innerText()).toContain('−9 分');
    expect(await page.locator('[data-test=what-if] tr[data-kind=lateArrival]').innerText()).toContain('−0.5 分 · −841.66 元');
    expect(await page.locator('[data-test=what-if-range]').innerText()).toMatch(/月末预计 [\d.]+ – [\d.]+ 分/);
    await page.locator('[data-test=what-if]').screenshot({ path: join(REPO_ROOT, 'test-results/screenshots/score-what-if.png') });
  });
});
