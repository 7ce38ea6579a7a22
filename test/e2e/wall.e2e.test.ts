import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/demo/seed';
import { eventually, startTestServer, type TestServer } from '../support/server';
import { incidentIntake, onDutyResponder, workOrderIntake } from '../support/factories';
import { browserAvailable, CLIENT_DIR, contextWithCookie, launchBrowser, releaseBrowser, SCREENSHOTS } from '../support/browser';
import type { Incident } from '../../shared/domain/incident';
import type { MonthScore } from '../../shared/scoring/types';

const hasBrowser = browserAvailable();

/** mm:ss (or h:mm:ss) on the screen → seconds. */
const seconds = (text: string) =>
  text
    .replace(/[^\d:]/g, '')
    .split(':')
    .map(Number)
    .reduce((acc, n) => acc * 60 + n, 0);

describe.skipIf(!hasBrowser)('wall screen in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  async function openWall(width: number, height: number, query = ''): Promise<Page> {
    const context = await contextWithCookie(browser, server.url, (await server.headersFor('wall')).cookie);
    const p = await context.newPage();
    await p.setViewportSize({ width, height });
    p.on('pageerror', (e) => console.error('wall page error:', e.message));
    await p.goto(`${server.url}/wall${query}`);
    await p.waitForSelector('[data-testid=wall][data-status=live]', { timeout: 30_000 });
    await p.waitForSelector('[data-testid=wall-map][data-ready=true]', { timeout: 30_000 });
    return p;
  }

  beforeAll(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR });
    await seedDemo(server.grid.ctx);
    browser = await launchBrowser();
    page = await openWall(1920, 1080);
  });

  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.stop();
  });

  it('shows a new dispatched incident on the map and in the countdowns within 2 s, counting down', async () => {
    const responder = await onDutyResponder(server.api, 'RESP-E2E', { lat: 45.58, lng: 84.86 });
    const created = await server.api<Incident>(
      'POST',
      '/api/incidents',
      incidentIntake({ title: '天山路积水 E2E', location: { lat: 45.59, lng: 84.87, address: '天山路' } }),
    );
    expect(created.status).toBe(201);
    const id = created.body.id;
    const dispatched = await server.api('POST', `/api/incidents/${id}/actions`, {
      action: 'dispatch',
      expectedVersion: created.body.version,
      responderId: responder,
    });
    expect(dispatched.status).toBe(200);
    const postedAt = Date.now();

    const row = page.locator(`[data-testid=incident-countdowns] [data-incident-id="${id}"]`);
    await row.waitFor({ timeout: 2000 });
    await page.locator(`.wall-incident[data-incident-id="${id}"]`).waitFor({ timeout: 2000 });
    expect(Date.now() - postedAt).toBeLessThan(2000);
    await expect.poll(() => row.textContent()).toContain('天山路积水 E2E');

    const first = seconds((await row.locator('[data-testid=countdown]').textContent())!);
    expect(first).toBeGreaterThan(10 * 60); // ≤5 km band: 15 min
    expect(first).toBeLessThanOrEqual(15 * 60);
    await page.waitForTimeout(2000);
    const second = seconds((await row.locator('[data-testid=countdown]').textContent())!);
    expect(second).toBeLessThan(first);
    expect(first - second).toBeLessThanOrEqual(3);
  });

  it('says it is disconnected when the server stops, and recovers to the new state after a restart', async () => {
    await server.stop();
    await page.waitForSelector('[data-testid=connection-state][data-status=reconnecting]', { timeout: 5000 });
    const banner = await page.locator('[data-testid=connection-stale]').textContent();
    expect(banner).toMatch(/连接中断 · 数据停留在 \d{2}:\d{2}:\d{2}/);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'wall-1920x1080-disconnected.png') });

    await server.start();
    const created = await server.api<Incident>(
      'POST',
      '/api/incidents',
      incidentIntake({ title: '重启后井盖缺失', kind: 'manhole', location: { lat: 45.6, lng: 84.88, address: '迎宾路' } }),
    );
    expect(created.status).toBe(201);
    await page.waitForSelector('[data-testid=wall][data-status=live]', { timeout: 15_000 });
    await page.locator(`[data-testid=incident-countdowns] [data-incident-id="${created.body.id}"]`).waitFor({ timeout: 5000 });
    expect(await page.locator('[data-testid=connection-stale]').count()).toBe(0);
  });

  it('shows the score the server computes, and follows it when a late arrival costs points', async () => {
    const shown = async () => Number(await page.locator('[data-testid=score-total]').textContent());
    const before = await server.api<MonthScore>('GET', '/api/score');
    expect(before.status).toBe(200);
    await expect.poll(shown, { timeout: 5000 }).toBe(Math.round(before.body.total * 100) / 100);

    // A responder who arrives 16 minutes after a ≤5 km dispatch is late (协调不及时): −0.5.
    const responder = await onDutyResponder(server.api, 'RESP-LATE', { lat: 45.6, lng: 84.87 });
    const opened = await server.api<Incident>('POST', '/api/incidents', incidentIntake({ title: '迟到测试', location: { lat: 45.601, lng: 84.871 } }));
    const sent = await server.api<Incident>('POST', `/api/incidents/${opened.body.id}/actions`, {
      action: 'dispatch',
      expectedVersion: opened.body.version,
      responderId: responder,
    });
    server.clock.advance(16 * 60_000);
    const arrived = await server.api<Incident>('POST', `/api/incidents/${opened.body.id}/actions`, { action: 'arrive', expectedVersion: sent.body.version });
    expect(arrived.body.late).toBe(true);

    const after = await eventually(async () => {
      const r = await server.api<MonthScore>('GET', '/api/score');
      expect(r.body.total).toBeLessThan(before.body.total);
      return r;
    });
    await expect.poll(shown, { timeout: 5000 }).toBe(Math.round(after.body.total * 100) / 100);
    // Back to the hour the other tests expect, once the score was read after the deadline had passed
    // (an incident is late when its deadline has passed with nobody there by then: read at the deadline's far side).
    server.clock.advance(-16 * 60_000);
  });

  it('fits 1920×1080 and 3840×2160 without scrolling, in Chinese and English, and saves the screenshots', async () => {
    // A busier board for the pictures: more orders, one of them overdue-prone (urgent).
    for (let i = 0; i < 12; i++) {
      const lat = 45.56 + (i % 4) * 0.015;
      const lng = 84.84 + Math.floor(i / 4) * 0.03;
      await server.api(
        'POST',
        '/api/work-orders',
        workOrderIntake({ location: { lat, lng, address: `${i % 2 ? '银河路' : '昆仑路'} ${i + 1} 号` }, channel: i % 3 ? 'hotline_12345' : 'wechat' }),
      );
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const [w, h, name, query] of [
      [1920, 1080, 'wall-1920x1080.png', ''],
      [3840, 2160, 'wall-3840x2160.png', ''],
      [1920, 1080, 'wall-1920x1080-en.png', '?lang=en'],
    ] as const) {
      const p = w === 1920 && !query ? page : await openWall(w, h, query);
      await p.waitForTimeout(1500);
      const overflow = await p.evaluate(() => ({
        scroll: document.documentElement.scrollHeight > innerHeight || document.documentElement.scrollWidth > innerWidth,
        panels: [...document.querySelectorAll('.wall .panel')].filter((el) => el.scrollHeight > el.clientHeight + 1).map((el) => el.className),
      }));
      await p.screenshot({ path: join(SCREENSHOTS, name) });
      expect(overflow, name).toEqual({ scroll: false, panels: [] });
      // Street offices are named where their open orders are.
      expect(await p.locator('.wall-street').allTextContents(), name).toEqual(expect.arrayContaining(['银河路街道', '昆仑路街道']));
      if (query) expect(await p.locator('[data-testid=countdown-panel] .panel-title').textContent()).toContain('Arrival countdowns');
      if (p !== page) await p.context().close();
    }
    // Three page loads, one at 4K: more than the default 30 s on a loaded 2-core machine.
  }, 120_000);
});
