import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../server/clock';
import { workOrderIntake } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { browserAvailable, CLIENT_DIR, contextWithCookie, launchBrowser, releaseBrowser } from '../support/browser';
import type { MonthScore } from '../../shared/scoring/types';
import type { WorkOrder } from '../../shared/domain/work-order';

const hasBrowser = browserAvailable();

describe.skipIf(!hasBrowser)('score page in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let wrongOrder: string;

  beforeAll(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR, clock: new FakeClock('2025-03-14T07:00:00Z') });
    // Two dispatched orders; the Center judges the first one's dispatch wrong: 1 / 2 = 50 % → −15 (capped).
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      let order = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body;
      for (const action of [{ action: 'file' }, { action: 'dispatch', department: '城管局' }]) {
        order = (await server.api<WorkOrder>('POST', `/api/work-orders/${order.id}/actions`, { ...action, expectedVersion: order.version })).body;
      }
      ids.push(order.id);
      if (i === 0) wrongOrder = order.id;
    }
    const judged = await server.api('POST', `/api/work-orders/${wrongOrder}/judge-dispatch`, { expectedVersion: 3, reason: '应派住建局' });
    expect(judged.status).toBe(200);

    browser = await launchBrowser();
    const context = await contextWithCookie(browser, server.url, (await server.headersFor('manager')).cookie);
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('score page error:', e.message));
    await page.goto(`${server.url}/score`);
    await page.locator('[data-test=score-total]').waitFor({ timeout: 10_000 });
  });

  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.stop();
  });

  it('shows the same total as GET /api/score, in Chinese', async () => {
    const api = (await server.api<MonthScore>('GET', '/api/score')).body;
    expect(api.total).toBe(85);
    expect(await page.locator('[data-test=score-total]').innerText()).toBe('85');
    expect(await page.locator('[data-test=score-fee]').innerText()).toBe('143,083.33');
    const dispatch = await page.locator('[data-block=dispatchAccuracy]').innerText();
    expect(dispatch).toContain('派单准确率');
    expect(dispatch).toContain('派单准确率低于目标 48 个百分点');
  });

  it('opening a deduction line lists the event that caused it: who, when, what', async () => {
    const block = page.locator('[data-block=dispatchAccuracy]');
    await block.locator('[data-test=line]').click();
    const cause = block.locator('[data-test=cause]');
    await cause.first().waitFor();
    expect(await cause.count()).toBe(1);
    const text = await cause.first().innerText();
    expect(text).toContain(wrongOrder);
    expect(text).toContain('派单错误');
    expect(text).toContain('应派住建局');
    expect(text).toContain('admin-test');
    // 14 March 15:00 Beijing time, whatever zone the browser runs in.
    expect(text).toContain('03-14 15:00');
  });

  it('moves with the server: a manual deduction shows up within a second, equal to the API', async () => {
    const entered = await server.api('POST', '/api/score/deductions', { block: 'responderQuality', points: 5, reason: '处置延误造成严重后果' });
    expect(entered.status).toBe(201);
    await expect.poll(() => page.locator('[data-test=score-total]').innerText(), { timeout: 1500 }).toBe('80');
    expect((await server.api<MonthScore>('GET', '/api/score')).body.total).toBe(80);
    // At 80 the month is heading below 85: the contract-year strip warns.
    expect(await page.locator('[data-test=risk]').innerText()).toContain('本月预计低于 85 分');
    if (process.env.SCORE_SCREENSHOT) await page.screenshot({ path: process.env.SCORE_SCREENSHOT, fullPage: true });
  });
});
