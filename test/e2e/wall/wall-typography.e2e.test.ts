import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/clock';
import { seedDemo } from '../../../server/demo/seed';
import { newWorkOrder, workOrderIntakeSchema, type WorkOrder } from '../../../shared/domain/work-order';
import { startTestServer, type TestServer } from '../../support/server';
import { browserAvailable, CLIENT_DIR, contextWithCookie, launchBrowser, releaseBrowser, SCREENSHOTS } from '../../support/browser';

const hasBrowser = browserAvailable();

/**
 * 5-digit counts everywhere at once: 10,020 orders received, filed, dispatched and handled today,
 * all waiting for their callback (today's flow, the 待回访 stage, the map's open orders, a channel).
 */
const ORDERS = 10_020;

interface NumRect {
  text: string;
  panel: string;
  box: { left: number; top: number; right: number; bottom: number };
  panelBox: { left: number; top: number; right: number; bottom: number };
}

/**
 * Where every number on the wall ([data-num]) is drawn: across, the text's own extent (a slot
 * wider than its digits does not count); down, its line box (the font's content area is taller
 * than the digits and would make stacked lines "touch").
 */
async function numberRects(page: Page): Promise<NumRect[]> {
  return page.evaluate(() => {
    const plain = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    return [...document.querySelectorAll<HTMLElement>('[data-testid=wall] [data-num]')]
      .filter((el) => el.offsetParent !== null && el.textContent.trim() !== '')
      .map((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const panel = el.closest<HTMLElement>('.panel') ?? document.body;
        const text = range.getBoundingClientRect();
        const line = el.getBoundingClientRect();
        return {
          text: el.textContent.trim(),
          panel: panel.dataset.testid ?? panel.className,
          box: { left: text.left, right: text.right, top: Math.max(text.top, line.top), bottom: Math.min(text.bottom, line.bottom) },
          panelBox: plain(panel.getBoundingClientRect()),
        };
      });
  });
}

const overlap = (a: NumRect['box'], b: NumRect['box']) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;

describe.skipIf(!hasBrowser)('wall typography with 5-digit counts', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // Noon in Beijing: the bulk orders (received 30 min before) are today's at any hour the suite runs.
    server = await startTestServer({ clientDir: CLIENT_DIR, clock: new FakeClock('2025-03-14T04:00:00Z') });
    await seedDemo(server.grid.ctx);
    expect(ORDERS).toBeGreaterThanOrEqual(10_000);
    // Straight into the store in one transaction: 10,000 commands over HTTP would take minutes.
    const now = server.clock.now();
    const minute = (n: number) => new Date(now.getTime() - n * 60_000).toISOString();
    const order = (i: number): WorkOrder => {
      const location = { lat: 45.57 + (i % 50) * 0.001, lng: 84.85 + (i % 70) * 0.001, address: '天山路 1 号' };
      const intake = workOrderIntakeSchema.parse({
        channel: 'hotline_12345',
        externalId: `bulk-${i}`,
        title: '井盖破损',
        category: { kind: 'component', class: 'public_facilities', subClass: '井盖破损' },
        location,
      });
      const o = newWorkOrder(`WO-BULK-${i}`, intake, location, new Date(minute(30)));
      return {
        ...o,
        state: 'handled',
        department: '市政',
        dispatchCount: 1,
        handlingDeadline: minute(-600),
        timestamps: { received: minute(30), filed: minute(25), dispatched: minute(20), in_progress: minute(15), handled: minute(10) },
      };
    };
    const orders = Array.from({ length: ORDERS }, (_, i) => order(i));
    await server.store.commitMany(
      orders.map((o) => ({
        writes: [{ kind: 'workOrder' as const, entity: o, expectedVersion: null }],
        event: {
          type: 'workOrder.received' as const,
          payload: { workOrder: o },
          actor: 'test',
          at: o.createdAt,
          entityType: 'workOrder' as const,
          entityId: o.id,
        },
      })),
    );
    browser = await launchBrowser();
    // One page for the four checks: 10,000 orders take a while to load on a busy machine.
    const context = await contextWithCookie(browser, server.url, (await server.headersFor('wall')).cookie);
    context.setDefaultTimeout(90_000);
    page = await context.newPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${server.url}/wall`);
    await page.waitForSelector('[data-testid=wall][data-status=live]');
    await page.waitForSelector('[data-testid=wall-map][data-ready=true]');
  }, 240_000);

  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.stop();
  });

  for (const [width, height, language] of [
    [1920, 1080, 'zh-CN'],
    [3840, 2160, 'zh-CN'],
    [1920, 1080, 'en'],
    [3840, 2160, 'en'],
  ] as const) {
    it(`no two numbers touch and none leaves its panel at ${width}×${height} (${language})`, async () => {
      await page.setViewportSize({ width, height });
      const lang = page.locator('[data-testid=wall] button.lang');
      if ((await lang.textContent())!.trim() === (language === 'en' ? 'EN' : '中文')) await lang.click();
      await expect
        .poll(() => page.locator('[data-testid=flow-panel] .panel-title').textContent(), { timeout: 30_000 })
        .toBe(language === 'en' ? "Today's work orders" : '今日工单');
      // The counts are really 5 digits (the test would prove nothing on a quiet board).
      await expect.poll(() => page.locator('[data-testid=flow-panel] [data-step=received] [data-num]').textContent(), { timeout: 30_000 }).toMatch(/^\d{5}$/);
      await expect
        .poll(() => page.locator('[data-testid=backlog-panel] [data-stage=handled] [data-testid=stage-count]').textContent(), { timeout: 30_000 })
        .toBe(String(ORDERS));
      await page.waitForTimeout(1000);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `wall-${width}x${height}-5digits${language === 'en' ? '-en' : ''}.png`) });

      const rects = await numberRects(page);
      expect(rects.filter((r) => r.text.replace(/\D/g, '').length >= 5).length).toBeGreaterThanOrEqual(7);
      const collisions: string[] = [];
      for (let i = 0; i < rects.length; i++) {
        for (let j = i + 1; j < rects.length; j++) {
          if (overlap(rects[i].box, rects[j].box)) collisions.push(`${rects[i].text} (${rects[i].panel}) × ${rects[j].text} (${rects[j].panel})`);
        }
      }
      const outside = rects
        .filter(
          (r) =>
            r.box.left < r.panelBox.left - 0.5 ||
            r.box.right > r.panelBox.right + 0.5 ||
            r.box.top < r.panelBox.top - 0.5 ||
            r.box.bottom > r.panelBox.bottom + 0.5,
        )
        .map((r) => `${r.text} (${r.panel})`);
      expect({ collisions, outside }).toEqual({ collisions: [], outside: [] });
    }, 120_000);
  }
});
