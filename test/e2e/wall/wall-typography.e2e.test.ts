import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../server/demo/seed';
import { newWorkOrder, workOrderIntakeSchema, type WorkOrder } from '../../../shared/domain/work-order';
import { startTestServer, type TestServer } from '../../support/server';
import { browserAvailable, contextWithCookie, launchBrowser } from '../../support/browser';

const ROOT = join(import.meta.dirname, '../../..');
const SCREENSHOTS = join(ROOT, 'test-results/screenshots');
const hasBrowser = browserAvailable();

/** A busy day's worth of 5-digit counts: 10,400 orders received, filed, … called back today; 10,200 still waiting to be filed. */
const CLOSED_TODAY = 10_400;
const WAITING = 10_200;

interface NumRect {
  text: string;
  panel: string;
  box: { left: number; top: number; right: number; bottom: number };
  panelBox: { left: number; top: number; right: number; bottom: number };
}

/** The ink of every number on the wall ([data-num]): the text's own box, not its element's. */
async function numberRects(page: Page): Promise<NumRect[]> {
  return page.evaluate(() => {
    const plain = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    return [...document.querySelectorAll<HTMLElement>('[data-testid=wall] [data-num]')]
      .filter((el) => el.offsetParent !== null && el.textContent!.trim() !== '')
      .map((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const panel = el.closest<HTMLElement>('.panel') ?? document.body;
        return {
          text: el.textContent!.trim(),
          panel: panel.dataset.testid ?? panel.className,
          box: plain(range.getBoundingClientRect()),
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

  beforeAll(async () => {
    server = await startTestServer({ clientDir: join(ROOT, 'dist/client') });
    await seedDemo(server.grid.ctx);
    // Straight into the store in one transaction: 20,000 commands over HTTP would take minutes.
    const now = server.clock.now();
    const minute = (n: number) => new Date(now.getTime() - n * 60_000).toISOString();
    const order = (i: number, closed: boolean): WorkOrder => {
      const location = { lat: 45.57 + (i % 50) * 0.001, lng: 84.85 + (i % 70) * 0.001, address: '天山路 1 号' };
      const intake = workOrderIntakeSchema.parse({ channel: 'hotline_12345', externalId: `bulk-${i}`, title: '井盖破损', category: { kind: 'component', class: 'public_facilities', subClass: '井盖破损' }, location });
      const o = newWorkOrder(`WO-BULK-${i}`, intake, location, new Date(minute(30)));
      if (!closed) return o;
      return {
        ...o,
        state: 'called_back',
        department: '市政',
        dispatchCount: 1,
        handlingDeadline: minute(-600),
        timestamps: { received: minute(30), filed: minute(25), dispatched: minute(20), in_progress: minute(15), handled: minute(10), called_back: minute(5) },
      };
    };
    const orders = [...Array.from({ length: CLOSED_TODAY }, (_, i) => order(i, true)), ...Array.from({ length: WAITING }, (_, i) => order(CLOSED_TODAY + i, false))];
    await server.store.commitMany(
      orders.map((o) => ({
        writes: [{ kind: 'workOrder' as const, entity: o, expectedVersion: null }],
        event: { type: 'workOrder.received' as const, payload: { workOrder: o }, actor: 'test', at: o.createdAt, entityType: 'workOrder' as const, entityId: o.id },
      })),
    );
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [width, height, lang] of [
    [1920, 1080, 'zh-CN'],
    [3840, 2160, 'zh-CN'],
    [1920, 1080, 'en'],
    [3840, 2160, 'en'],
  ] as const) {
    it(`no two numbers touch and none leaves its panel at ${width}×${height} (${lang})`, async () => {
      const context = await contextWithCookie(browser, server.url, (await server.headersFor('wall')).cookie);
      context.setDefaultTimeout(60_000);
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      await page.goto(`${server.url}/wall${lang === 'en' ? '?lang=en' : ''}`);
      await page.waitForSelector('[data-testid=wall][data-status=live]');
      await page.waitForSelector('[data-testid=wall-map][data-ready=true]');
      // The counts are really 5 digits (the test would prove nothing on a quiet board).
      await expect.poll(() => page.locator('[data-testid=flow-panel] [data-step=received] [data-num]').textContent(), { timeout: 15_000 }).toBe(String(CLOSED_TODAY));
      await expect.poll(() => page.locator('[data-testid=backlog-panel] [data-stage=received] [data-testid=stage-count]').textContent()).toBe(String(WAITING));
      await page.waitForTimeout(1000);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `wall-${width}x${height}-5digits${lang === 'en' ? '-en' : ''}.png`) });

      const rects = await numberRects(page);
      expect(rects.filter((r) => r.text.replace(/\D/g, '').length >= 5).length).toBeGreaterThanOrEqual(7);
      const collisions: string[] = [];
      for (let i = 0; i < rects.length; i++) {
        for (let j = i + 1; j < rects.length; j++) {
          if (overlap(rects[i].box, rects[j].box)) collisions.push(`${rects[i].text} (${rects[i].panel}) × ${rects[j].text} (${rects[j].panel})`);
        }
      }
      const outside = rects
        .filter((r) => r.box.left < r.panelBox.left - 0.5 || r.box.right > r.panelBox.right + 0.5 || r.box.top < r.panelBox.top - 0.5 || r.box.bottom > r.panelBox.bottom + 0.5)
        .map((r) => `${r.text} (${r.panel})`);
      expect({ collisions, outside }).toEqual({ collisions: [], outside: [] });
      await context.close();
    });
  }
});
