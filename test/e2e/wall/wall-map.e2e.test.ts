import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/clock';
import { Simulation } from '../../../sim/simulation';
import { createTarget } from '../../../sim/target';
import { FAST_SIM_CONFIG } from '../../../sim/config';
import { DISTRICT_BOUNDS } from '../../../shared/geo/district';
import { eventually, startTestServer, type TestServer } from '../../support/server';
import { incidentIntake, onDutyResponder, workOrderIntake } from '../../support/factories';
import { browserAvailable, CLIENT_DIR, contextWithCookie, launchBrowser, releaseBrowser } from '../../support/browser';
import type { Incident } from '../../../shared/domain/incident';
import type { Staff } from '../../../shared/domain/staff';

const hasBrowser = browserAvailable();

interface Box {
  south: number;
  west: number;
  north: number;
  east: number;
}
const area = (b: Box) => (b.north - b.south) * (b.east - b.west);
const inside = (b: Box, p: { lat: number; lng: number }) => p.lat >= b.south && p.lat <= b.north && p.lng >= b.west && p.lng <= b.east;

async function openWall(browser: Browser, server: TestServer): Promise<Page> {
  const context = await contextWithCookie(browser, server.url, (await server.headersFor('wall')).cookie);
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${server.url}/wall`);
  await page.waitForSelector('[data-testid=wall][data-status=live]');
  await page.waitForSelector('[data-testid=wall-map][data-ready=true]');
  return page;
}

/** The box the big map shows, as the map itself reports it (data-view on its element). */
async function mapView(page: Page): Promise<Box> {
  return JSON.parse((await page.locator('[data-testid=wall-map]').getAttribute('data-view'))!) as Box;
}

describe.skipIf(!hasBrowser)('the wall map frames the work', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  /** Open orders: 190 in the urban core, 4 far out in the district (2 %). */
  const core: { lat: number; lng: number }[] = [];
  const outliers = [
    { lat: 44.9, lng: 84.95 },
    { lat: 45.2, lng: 84.8 },
    { lat: 45.35, lng: 85.1 },
    { lat: 44.8, lng: 84.85 },
  ];

  beforeAll(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR });
    for (let i = 0; i < 190; i++) core.push({ lat: 45.565 + ((i * 37) % 100) * 0.0007, lng: 84.83 + ((i * 53) % 100) * 0.0009 });
    for (const p of [...core, ...outliers]) {
      const r = await server.api('POST', '/api/work-orders', workOrderIntake({ location: { ...p, address: '天山路 1 号' } }));
      expect(r.status).toBe(201);
    }
    await onDutyResponder(server.api, 'RESP-MAP', { lat: 45.59, lng: 84.86 });
    browser = await launchBrowser();
    page = await openWall(browser, server);
  }, 120_000);

  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.stop();
  });

  it('fits ≥ 95 % of the open orders in a view at most 4× their box, and the inset shows the whole district with that frame', async () => {
    await expect.poll(async () => (await page.locator('[data-testid=wall-map]').getAttribute('data-view')) !== null).toBe(true);
    const view = await eventually(
      async () => {
        const v = await mapView(page);
        expect(area(v)).toBeLessThan(area(DISTRICT_BOUNDS) / 4);
        return v;
      },
      10_000,
      200,
    );
    const all = [...core, ...outliers];
    const shown = all.filter((p) => inside(view, p)).length / all.length;
    expect(shown).toBeGreaterThanOrEqual(0.95);
    const box: Box = {
      south: Math.min(...core.map((p) => p.lat)),
      north: Math.max(...core.map((p) => p.lat)),
      west: Math.min(...core.map((p) => p.lng)),
      east: Math.max(...core.map((p) => p.lng)),
    };
    expect(area(view)).toBeLessThanOrEqual(4 * area(box));

    // The inset: the district's outline with the big map's frame drawn inside it, much smaller.
    const inset = page.locator('[data-testid=map-inset]');
    const outline = await inset.locator('polygon').boundingBox();
    const frame = await inset.locator('[data-testid=inset-frame]').boundingBox();
    expect(outline && frame).toBeTruthy();
    expect(frame!.x).toBeGreaterThanOrEqual(outline!.x - 1);
    expect(frame!.y).toBeGreaterThanOrEqual(outline!.y - 1);
    expect(frame!.width * frame!.height).toBeLessThan((outline!.width * outline!.height) / 4);
  });

  it('draws incidents above the order clusters and explains every mark in a legend beside the map, not on it', async () => {
    const created = await server.api<Incident>(
      'POST',
      '/api/incidents',
      incidentIntake({ title: '图层测试', location: { lat: 45.6, lng: 84.87, address: '天山路' } }),
    );
    const marker = page.locator(`.wall-incident[data-incident-id="${created.body.id}"]`);
    await marker.waitFor();
    const z = await marker.evaluate((el) => Number(getComputedStyle(el.closest('.leaflet-pane')!).zIndex));
    const dotsZ = await page.locator('.wall-dots-layer').evaluate((el) => Number(getComputedStyle(el.closest('.leaflet-pane')!).zIndex));
    expect(z).toBeGreaterThan(dotsZ);
    const legend = page.locator('[data-testid=map-legend]');
    for (const mark of ['idle', 'en_route', 'on_scene', 'off_duty', 'off_duty_on_incident', 'incident', 'ring', 'orders']) {
      await expect.poll(() => legend.locator(`[data-legend=${mark}]`).count()).toBe(1);
    }
    const legendBox = (await legend.boundingBox())!;
    const mapBox = (await page.locator('[data-testid=wall-map]').boundingBox())!;
    expect(legendBox.y).toBeGreaterThanOrEqual(mapBox.y + mapBox.height - 1);
  });

  it('flags a responder who is on an incident while clocked out, on the map bar and the countdown row', async () => {
    const id = await onDutyResponder(server.api, 'RESP-OFF', { lat: 45.58, lng: 84.86 });
    const opened = await server.api<Incident>(
      'POST',
      '/api/incidents',
      incidentIntake({ title: '离岗出勤测试', location: { lat: 45.59, lng: 84.87, address: '胜利路' } }),
    );
    const sent = await server.api('POST', `/api/incidents/${opened.body.id}/actions`, {
      action: 'dispatch',
      expectedVersion: opened.body.version,
      responderId: id,
    });
    expect(sent.status).toBe(200);
    await expect(page.locator('[data-testid=off-duty-flag]').count()).resolves.toBe(0);
    expect((await server.api('POST', `/api/staff/${id}/duty`, { onDuty: false })).status).toBe(200);
    await expect.poll(() => page.locator('[data-testid=off-duty-flag]').textContent()).toContain(`应急员${id}`);
    const row = page.locator(`[data-testid=incident-countdowns] [data-incident-id="${opened.body.id}"]`);
    await expect.poll(() => row.locator('[data-testid=row-off-duty]').count()).toBe(1);
    // Back on duty: the flag goes.
    expect((await server.api('POST', `/api/staff/${id}/duty`, { onDuty: true })).status).toBe(200);
    await expect.poll(() => page.locator('[data-testid=off-duty-flag]').count()).toBe(0);
  });
});

describe.skipIf(!hasBrowser)('one count of responders on duty', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR, clock: new FakeClock(new Date('2025-03-06T00:00:00+08:00')) });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.stop();
  });

  it('the map bar and the coverage panel agree through a simulated day, and match the server at its end', async () => {
    const start = server.clock.now();
    const target = createTarget({ baseUrl: server.url, cookie: server.headers.cookie, clock: server.clock, speed: Infinity, start });
    const sim = new Simulation(
      target,
      { seed: 11, ordersPerDay: { min: 40, max: 40 }, incidentsPerDay: 4, team: { seat: 6, responder: 4, evaluator: 3 } },
      FAST_SIM_CONFIG,
    );
    // The first hour, so the wall opens on a staffed center.
    await sim.run(start.getTime() + 3_600_000);
    const page = await openWall(browser, server);
    const read = () =>
      page.evaluate(() => ({
        map: Number(document.querySelector('[data-testid=map-on-duty]')?.textContent),
        coverage: Number(document.querySelector('[data-testid=coverage-panel] [data-post=responder] .now b')?.textContent),
      }));
    const seen: { map: number; coverage: number }[] = [];
    // The rest of the day in 2-hour steps, reading both counts in one frame after each.
    for (let h = 3; h <= 25; h += 2) {
      await sim.run(start.getTime() + h * 3_600_000);
      const events = (await server.api<{ seq: number }>('GET', '/api/health')).body.seq;
      await page.waitForSelector(`[data-testid=wall][data-seq="${events}"]`);
      seen.push(await read());
    }
    expect(seen.every((s) => s.map === s.coverage && Number.isInteger(s.map))).toBe(true);
    expect(new Set(seen.map((s) => s.map)).size).toBeGreaterThan(1);
    const staff = (await server.api<Staff[]>('GET', '/api/staff')).body as { post: string; active: boolean; onDuty: boolean }[];
    expect(seen.at(-1)!.map).toBe(staff.filter((s) => s.post === 'responder' && s.active && s.onDuty).length);
  }, 240_000);
});
