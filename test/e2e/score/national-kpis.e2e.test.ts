import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/clock';
import { seedDemo } from '../../../server/demo/seed';
import type { WorkOrder } from '../../../shared/domain/work-order';
import { KPI_IDS, kpiText, type KpiId, type MonthScore } from '../../../shared/scoring';
import { workOrderIntake } from '../../support/factories';
import { startTestServer, type TestServer } from '../../support/server';
import { browserAvailable, CLIENT_DIR, contextWithCookie, launchBrowser, releaseBrowser, SCREENSHOTS } from '../../support/browser';

const hasBrowser = browserAvailable();

/**
 * 按期处置率, 结案率, 返工率, 满意率 (issue #12 item 8): the wall and /score show the same figures,
 * written the same way, as GET /api/score has them, and both move when an order is evaluated.
 */
describe.skipIf(!hasBrowser)('national KPIs on the wall and on /score', () => {
  let server: TestServer;
  let browser: Browser;
  let wall: Page;
  let score: Page;

  /** Takes a new order through the workflow up to `last` (callback → evaluate with `satisfaction`). */
  async function order(steps: Record<string, unknown>[]): Promise<WorkOrder> {
    let o = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body;
    for (const step of steps) {
      const res = await server.api<WorkOrder>('POST', `/api/work-orders/${o.id}/actions`, { ...step, expectedVersion: o.version });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      o = res.body;
    }
    return o;
  }
  const handled = [{ action: 'file' }, { action: 'dispatch', department: '城管局' }, { action: 'handle' }, { action: 'callback' }];

  const wallText = (page: Page, id: KpiId) => page.locator(`[data-testid=kpi-panel] [data-kpi=${id}] [data-num]`).innerText();
  const scoreText = (page: Page, id: KpiId) => page.locator(`[data-test=kpi-table] [data-kpi=${id}] [data-test=kpi-value]`).innerText();
  const apiTexts = async () => {
    const s = (await server.api<MonthScore>('GET', '/api/score')).body;
    return KPI_IDS.map((id) => kpiText(s.kpis![id]));
  };

  beforeAll(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR, clock: new FakeClock('2025-03-14T04:00:00Z') });
    await seedDemo(server.grid.ctx);
    // Two orders evaluated: one satisfied, one not → 满意率 1 ÷ 2 = 50.0 %.
    await order([...handled, { action: 'evaluate', satisfaction: 'satisfied' }]);
    await order([...handled, { action: 'evaluate', satisfaction: 'dissatisfied' }]);

    browser = await launchBrowser();
    const open = async (role: 'wall' | 'manager', path: string) => {
      const context = await contextWithCookie(browser, server.url, (await server.headersFor(role)).cookie);
      context.setDefaultTimeout(30_000);
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error(`${path} error:`, e.message));
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`${server.url}${path}`);
      return page;
    };
    wall = await open('wall', '/wall');
    await wall.waitForSelector('[data-testid=wall][data-status=live]');
    score = await open('manager', '/score');
    await score.locator('[data-test=kpi-table]').waitFor();
  }, 120_000);

  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.stop();
  });

  it('both screens show the four figures GET /api/score has, written alike', async () => {
    const api = await apiTexts();
    expect(api[KPI_IDS.indexOf('satisfactionRate')]).toBe('50.0%');
    // None of the month's handled orders went back to handling: the workflow has no such step.
    expect(api[KPI_IDS.indexOf('reworkRate')]).toBe('0.0%');
    await expect.poll(() => Promise.all(KPI_IDS.map((id) => wallText(wall, id))), { timeout: 10_000 }).toEqual(api);
    await expect.poll(() => Promise.all(KPI_IDS.map((id) => scoreText(score, id))), { timeout: 10_000 }).toEqual(api);
    // The fraction behind each figure is on /score.
    const s = (await server.api<MonthScore>('GET', '/api/score')).body;
    expect(await score.locator('[data-test=kpi-table] [data-kpi=satisfactionRate] [data-test=kpi-fraction]').innerText()).toBe(
      `${s.kpis!.satisfactionRate.numerator} / ${s.kpis!.satisfactionRate.denominator}`,
    );
  });

  it('an evaluation moves both screens live, to the same figure, without a reload', async () => {
    // A third evaluated order, 基本满意: 2 ÷ 3 = 66.7 %.
    await order([...handled, { action: 'evaluate', satisfaction: 'basically_satisfied' }]);
    await expect.poll(() => wallText(wall, 'satisfactionRate'), { timeout: 3000 }).toBe('66.7%');
    await expect.poll(() => scoreText(score, 'satisfactionRate'), { timeout: 3000 }).toBe('66.7%');
    const api = await apiTexts();
    expect(await Promise.all(KPI_IDS.map((id) => wallText(wall, id)))).toEqual(api);
    expect(await Promise.all(KPI_IDS.map((id) => scoreText(score, id)))).toEqual(api);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await wall.screenshot({ path: join(SCREENSHOTS, 'wall-1920x1080-kpis.png') });
    await score.locator('[data-test=kpi-table]').scrollIntoViewIfNeeded();
    await score.screenshot({ path: join(SCREENSHOTS, 'score-1920x1080-kpis.png') });
  });
});
