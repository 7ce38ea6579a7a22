import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/clock';
import type { WhatIfView } from '../../../shared/scoring/what-if';
import { workOrderIntake } from '../../support/factories';
import { startTestServer, type TestServer } from '../../support/server';
import { browserAvailable, CLIENT_DIR, contextWithCookie, launchBrowser, releaseBrowser, SCREENSHOTS } from '../../support/browser';
import type { MonthScore } from '../../../shared/scoring/types';
import type { WorkOrder } from '../../../shared/domain/work-order';

const hasBrowser = browserAvailable();

/** 49 orders dispatched right: one more wrong dispatch makes 49 of 50 = 98 %, still on target (free). */
const RIGHT_DISPATCHES = 49;

describe.skipIf(!hasBrowser)('the wall: what the next mistake costs, beside each block', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  async function dispatchedOrder(): Promise<{ id: string; version: number }> {
    let order = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body;
    for (const action of [{ action: 'file' }, { action: 'dispatch', department: '城管局' }]) {
      order = (await server.api<WorkOrder>('POST', `/api/work-orders/${order.id}/actions`, { ...action, expectedVersion: order.version })).body;
    }
    return order;
  }
  const row = (block: string) => page.locator(`[data-testid=score-blocks] li[data-block=${block}]`);
  const whatIf = async () => (await server.api('GET', '/api/score/what-if', undefined, await server.headersFor('wall'))).body as WhatIfView;

  beforeAll(async () => {
    // 14 March 2025, 15:00 Beijing time.
    server = await startTestServer({ clientDir: CLIENT_DIR, clock: new FakeClock('2025-03-14T07:00:00Z') });
    for (let i = 0; i < RIGHT_DISPATCHES; i++) await dispatchedOrder();
    browser = await launchBrowser();
    const context = await contextWithCookie(browser, server.url, (await server.headersFor('wall')).cookie);
    page = await context.newPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${server.url}/wall`);
    await page.waitForSelector('[data-testid=wall][data-status=live]', { timeout: 30_000 });
    await row('responderQuality').locator('[data-testid=next-points]').waitFor({ timeout: 10_000 });
  });

  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.stop();
  });

  it('each block shows its next mistake in points and yuan as the what-if says; a rate with room says how many more are free', async () => {
    const view = await whatIf();
    // A late arrival in a clean month: 0.5 points of 168,333.33 (841.66 yuan), on 应急岗.
    expect(await row('responderQuality').locator('[data-testid=next-points]').innerText()).toBe('−0.5');
    expect(await row('responderQuality').locator('[data-testid=next-yuan]').innerText()).toBe('−841.66');
    // A short post-day: 2 points, on 人员保障; the same figures as the API.
    const short = view.items.find((i) => i.kind === 'shortPostDay')!;
    expect(short.points).toBe(2);
    expect(await row('staffing').locator('[data-testid=next-points]').innerText()).toBe('−2');
    // 49 of 49 dispatched right: one more wrong is 49 of 50 = 98 %, on target, so 1 is free (the 2nd is not).
    expect(view.headroom.find((h) => h.kind === 'wrongDispatch')!.beforeNextStep).toBe(1);
    expect(await row('dispatchAccuracy').locator('[data-testid=next-free]').innerText()).toBe('再 1 次不扣分');
    // Blocks no counted mistake reaches (测评岗, 后勤保障) show no figure.
    expect(await row('logistics').locator('[data-kind]').count()).toBe(0);
    expect(await page.locator('[data-testid=score-projection-range]').innerText()).toMatch(/月末预计 [\d.]+/);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.locator('[data-testid=score-panel]').screenshot({ path: join(SCREENSHOTS, 'wall-what-if-free.png') });
  });

  it('a real wrong dispatch then costs nothing, and the row turns to what the next one will cost: (98 − 49/51·100) × 0.5 = 0.96', async () => {
    const order = await dispatchedOrder();
    const judged = await server.api('POST', `/api/work-orders/${order.id}/judge-dispatch`, { expectedVersion: order.version, reason: '应派住建局' });
    expect(judged.status).toBe(200);
    expect((await server.api<MonthScore>('GET', '/api/score')).body.total).toBe(100);
    const points = row('dispatchAccuracy').locator('[data-testid=next-points]');
    await points.waitFor({ timeout: 10_000 });
    expect(await points.innerText()).toBe(`−${Math.round((98 - (49 / 51) * 100) * 0.5 * 100) / 100}`);
    const cost = (await whatIf()).items.find((i) => i.kind === 'wrongDispatch')!;
    expect(await row('dispatchAccuracy').locator('[data-testid=next-yuan]').innerText()).toBe(
      `−${cost.yuan.toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'wall-what-if.png') });
    await page.locator('[data-testid=score-panel]').screenshot({ path: join(SCREENSHOTS, 'wall-what-if-panel.png') });
  });
});
