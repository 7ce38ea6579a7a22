import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, CLIENT_DIR, contextWithCookie, launchBrowser, recordSocketFrames, releaseBrowser, SCREENSHOTS } from '../../support/browser';
import { incidentIntake } from '../../support/factories';
import { jpegWithGps } from '../../support/photo-fixture';
import { startTestServer, type TestServer } from '../../support/server';
import type { ContractSettings } from '../../../shared/settings';
import type { Incident } from '../../../shared/domain/incident';
import type { CreatedApiKey } from '../../../shared/auth/accounts';
import type { WorkOrder } from '../../../shared/domain/work-order';
import type { UserView } from '../../../shared/auth/accounts';

const hasBrowser = browserAvailable();
const PHONE = { width: 390, height: 844 };
const SITE = { lat: 45.6, lng: 84.88 };
/** ≈ 1.6 km south-west of the site, then straight towards it. */
const PATH = [
  { lat: 45.588, lng: 84.866 },
  { lat: 45.592, lng: 84.871 },
  { lat: 45.596, lng: 84.876 },
  { lat: 45.5985, lng: 84.8785 },
  { lat: 45.5996, lng: 84.8797 }, // ≈ 50 m from the site: inside the 100 m geofence
];
/** Playwright's emulated fix, 8 m accuracy. */
const geo = (p: { lat: number; lng: number }) => ({ latitude: p.lat, longitude: p.lng, accuracy: 8 });
const RESPONDER = { username: 'resp-phone', password: 'Phone-Resp-42!xyz', staffId: 'RESP-PH1' };
const EVALUATOR = { username: 'eval-phone', password: 'Phone-Eval-42!xyz', staffId: 'EVAL-PH1' };

/**
 * A responder's and an evaluator's phone (390×844, emulated geolocation) against a real server,
 * with a lead on /dispatch, the wall and the manager's /score watching. Screenshots of each state
 * of /field go to test-results/screenshots/field-*.png.
 */
describe.skipIf(!hasBrowser)('/field on a phone', () => {
  let server: TestServer;
  let browser: Browser;
  let phoneContext: BrowserContext;
  let phone: Page;
  let wall: Page;
  let wallFrames: string[];
  /** The server clock follows real time plus this (the test jumps it past an arrival deadline). */
  let jumpMs = 0;
  let follow: ReturnType<typeof setInterval>;

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `field-${name}.png`) });
  const waitingCount = async () => Number(await phone.locator('[data-test=outbox]').getAttribute('data-waiting'));

  async function login(page: Page, who: { username: string; password: string }) {
    // 'commit': on a loaded machine the load event can lag seconds behind a page that is ready.
    await page.goto('/field', { waitUntil: 'commit' });
    await page.waitForURL(/\/login/, { waitUntil: 'commit' });
    await page.fill('input[name=username]', who.username);
    await page.fill('input[name=password]', who.password);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/field$/, { waitUntil: 'commit' });
  }

  async function phonePage(at: { lat: number; lng: number }) {
    const context = await browser.newContext({
      baseURL: server.url,
      locale: 'zh-CN',
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      geolocation: geo(at),
      permissions: ['geolocation'],
    });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    if (process.env.FIELD_DEBUG) {
      page.on('console', (m) => console.log('console', m.type(), m.text()));
      page.on('requestfailed', (r) => console.log('failed', r.url()));
      page.on('request', (r) => console.log('req', r.url()));
    }
    return { context, page };
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startTestServer({ clientDir: CLIENT_DIR });
    follow = setInterval(() => server.clock.set(new Date(Date.now() + jumpMs)), 100);
    // One stored fix a second, so a drive takes seconds, not minutes.
    const settings = await server.api<ContractSettings>(
      'POST',
      '/api/settings',
      { field: { arrivalRadiusM: 100, positionMinIntervalS: 1, staleFixS: 60 } },
      await server.headersFor('manager'),
    );
    expect(settings.status, JSON.stringify(settings.body)).toBeLessThan(300);
    await server.api('POST', '/api/staff', { id: RESPONDER.staffId, name: '李应急', post: 'responder' });
    await server.api('POST', '/api/staff', { id: EVALUATOR.staffId, name: '王测评', post: 'evaluator' });
    for (const [who, role] of [
      [RESPONDER, 'responder'],
      [EVALUATOR, 'evaluator'],
    ] as const) {
      const created = await server.api<UserView>('POST', '/api/users', { username: who.username, password: who.password, role, staffId: who.staffId });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    browser = await launchBrowser();
    const kiosk = await server.api<CreatedApiKey>('POST', '/api/api-keys', { name: 'wall-field', role: 'wall' });
    wall = await (await contextWithCookie(browser, server.url, undefined)).newPage();
    wallFrames = recordSocketFrames(wall);
    await wall.goto(kiosk.body.kioskPath!);
    await wall.waitForURL(/\/wall$/);
  }, 60_000);
  afterAll(async () => {
    clearInterval(follow);
    await releaseBrowser(browser);
    await server?.stop();
  });

  /**
   * Moves the phone and waits for the fix on the wall's socket. A real phone keeps reporting while
   * it moves; the emulated one reports once per change, so a fix lost to a busy machine is repeated
   * (a centimetre east each time: the same place to the eye, a new fix to the browser).
   */
  async function driveTo(point: { lat: number; lng: number }) {
    const needle = `"responderId":"${RESPONDER.staffId}","lat":${point.lat}`;
    for (let attempt = 0; attempt < 6; attempt++) {
      await phoneContext.setGeolocation(geo({ lat: point.lat, lng: point.lng + attempt * 1e-7 }));
      const seen = await expect
        .poll(() => wallFrames.some((f) => f.includes(needle)), { timeout: 4000 })
        .toBe(true)
        .then(
          () => true,
          () => false,
        );
      if (seen) return;
    }
    throw new Error(`the wall never received the fix at ${point.lat}, ${point.lng}`);
  }

  const onDutyOnWall = () => wall.locator('[data-testid=coverage-panel] [data-post=responder] .now b').textContent();

  it('logs in, goes on duty (the wall counts them), is dispatched from /dispatch, drives in, arrives by geofence, files 首报 with a photo, 续报, 结案; /score shows the source', async () => {
    ({ context: phoneContext, page: phone } = await phonePage(PATH[0]));
    await login(phone, RESPONDER);
    await expect.poll(() => phone.locator('[data-test=field-who]').textContent()).toContain('李应急');
    await expect.poll(onDutyOnWall).toBe('0');
    await shot(phone, '1-off-duty');

    // The field roles never open the board.
    const peek = await phoneContext.newPage();
    await peek.goto('/dispatch', { waitUntil: 'commit' });
    await peek.waitForURL(/\/login\?.*reason=forbidden/, { waitUntil: 'commit' });
    await peek.close();

    await phone.click('[data-test=duty]');
    await expect.poll(() => phone.locator('[data-test=duty]').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(onDutyOnWall, { timeout: 15_000 }).toBe('1');
    await expect.poll(() => server.store.getPosition(RESPONDER.staffId)).toMatchObject({ lat: PATH[0].lat, lng: PATH[0].lng });
    await expect.poll(() => phone.locator('[data-test=gps]').textContent()).toContain('±8');
    await shot(phone, '2-on-duty');

    // A lead dispatches it from /dispatch.
    const opened = await server.api<Incident>(
      'POST',
      '/api/incidents',
      incidentIntake({ title: '准噶尔路积水', location: { ...SITE, address: '准噶尔路 12 号' } }),
    );
    const incidentId: string = opened.body.id;
    const lead = await (await contextWithCookie(browser, server.url, (await server.headersFor('lead')).cookie)).newPage();
    await lead.goto('/dispatch');
    await lead.locator(`[data-test="incident-row"][data-id="${incidentId}"]`).click();
    await lead.click('[data-test=assign]');
    await lead.click(`[data-test=suggestion][data-responder=${RESPONDER.staffId}]`);
    await expect.poll(async () => (await server.store.getIncident(incidentId))?.state).toBe('en_route');
    await lead.close();

    const card = phone.locator(`[data-test=assignment][data-id="${incidentId}"]`);
    await card.waitFor();
    await expect.poll(() => card.locator('[data-test=distance]').textContent()).toMatch(/^1\.\d km$/);
    expect(await card.locator('[data-test=bearing]').textContent()).toContain('东北');
    await expect.poll(() => card.locator('[data-test=countdown]').textContent()).toMatch(/^1[45]:\d\d$/);
    await shot(phone, '3-assignment');

    // The drive: each fix reaches the wall's map; the deadline passes on the way.
    for (const [i, point] of PATH.entries()) {
      if (i === PATH.length - 1) jumpMs = 16 * 60_000;
      await driveTo(point);
      if (i === 2) await shot(phone, '4-en-route');
    }
    // The first fix after the clock jump is stale to the server; the next one records the arrival.
    await phoneContext.setGeolocation(geo({ lat: SITE.lat + 0.0003, lng: SITE.lng }));
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 20_000 }).toBe('on_scene');
    expect(await card.locator('[data-test=arrived]').textContent()).toContain('GPS 围栏自动记录');
    const arrived = await server.store.getIncident(incidentId);
    expect(arrived).toMatchObject({ arrivalSource: 'geofence', late: true });
    await shot(phone, '5-arrived');

    // 首报 with a photo, 续报, 结案.
    await phone.fill('[data-test=report-form] textarea', '积水约 30 厘米，已设置警示');
    await phone.setInputFiles('[data-test=photo-input]', { name: 'site.jpg', mimeType: 'image/jpeg', buffer: jpegWithGps(45.6001, 84.8801) });
    await shot(phone, '6-first-report-draft');
    await phone.click('[data-test=report-submit]');
    await card.locator('[data-test=filed-reports] li[data-kind=first]').waitFor();
    // The lead on /dispatch sees the 首报 with its photo on the incident's record and on its timeline.
    const board = await (await contextWithCookie(browser, server.url, (await server.headersFor('lead')).cookie)).newPage();
    await board.setViewportSize({ width: 1440, height: 900 });
    await board.goto('/dispatch');
    await board.locator(`[data-test="incident-row"][data-id="${incidentId}"]`).click();
    const firstReport = board.locator('[data-test=incident-report][data-kind=first]');
    await expect.poll(() => firstReport.textContent()).toContain('积水约 30 厘米，已设置警示');
    for (const photo of [firstReport.locator('[data-test=report-photo]'), board.locator('[data-test=timeline-entry] [data-test=report-photo]')]) {
      await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    }
    await board.screenshot({ path: join(SCREENSHOTS, 'field-photo-on-dispatch.png') });
    await board.close();
    await phone.fill('[data-test=report-form] textarea', '排水车已到场，正在抽水');
    await phone.click('[data-test=report-submit]');
    await card.locator('[data-test=filed-reports] li[data-kind=follow-up]').waitFor();
    await shot(phone, '7-reports');
    await phone.click('[data-test=report-form] [data-kind=closure]');
    await phone.fill('[data-test=report-form] textarea', '积水已排除');
    await phone.click('[data-test=report-submit]');
    await phone.locator('[data-test=no-assignment]').waitFor();
    await shot(phone, '8-closed');
    const closed = await server.store.getIncident(incidentId);
    expect(closed?.reports.map((r) => r.kind)).toEqual(['first', 'follow-up', 'closure']);
    expect(closed?.reports[0].photos).toHaveLength(1);

    // The manager's /score: the late arrival's cause line names its evidence.
    const score = await (await contextWithCookie(browser, server.url, (await server.headersFor('manager')).cookie)).newPage();
    await score.setViewportSize({ width: 1440, height: 900 });
    await score.goto('/score');
    await score.locator('[data-block=responderQuality] [data-test=line]').first().click();
    const cause = score.locator('[data-block=responderQuality] [data-test=cause]', { hasText: incidentId });
    await expect.poll(() => cause.textContent()).toContain('到场依据：GPS 围栏自动记录');
    await score.screenshot({ path: join(SCREENSHOTS, 'field-score-arrival-source.png') });
    await score.close();
  }, 240_000);

  it('offline: 到场 by button, then 首报 and 结案 filed with no link arrive once and in order when it returns', async () => {
    const opened = await server.api<Incident>('POST', '/api/incidents', incidentIntake({ title: '迎宾路井盖缺失', location: { lat: 45.61, lng: 84.89 } }));
    const incidentId: string = opened.body.id;
    const dispatched = await server.api('POST', `/api/incidents/${incidentId}/actions`, {
      action: 'dispatch',
      expectedVersion: 1,
      responderId: RESPONDER.staffId,
    });
    expect(dispatched.status).toBe(200);
    const card = phone.locator(`[data-test=assignment][data-id="${incidentId}"]`);
    await card.waitFor({ timeout: 20_000 });

    // A fresh fix where the button is pressed (a stationary phone's last one may have gone stale).
    const pressedAt = { lat: 45.6075, lng: 84.8875 }; // ≈ 330 m out: outside the geofence (GPS drift at a tall building)
    await phoneContext.setGeolocation(geo(pressedAt));
    await expect.poll(() => phone.locator('[data-test=arrive]').isEnabled()).toBe(true);
    await phone.click('[data-test=arrive]');
    await expect.poll(() => card.getAttribute('data-state')).toBe('on_scene');
    expect(await card.locator('[data-test=arrived]').textContent()).toContain('按键到场');
    expect(await server.store.getIncident(incidentId)).toMatchObject({ arrivalSource: 'button', arrivalPosition: pressedAt });

    await phoneContext.setOffline(true);
    await phone.fill('[data-test=report-form] textarea', '井盖缺失，已设围挡');
    await phone.click('[data-test=report-submit]');
    await expect.poll(waitingCount).toBe(1);
    await phone.click('[data-test=report-form] [data-kind=closure]');
    await phone.fill('[data-test=report-form] textarea', '已更换井盖');
    await phone.click('[data-test=report-submit]');
    await expect.poll(waitingCount).toBe(2);
    await expect.poll(() => phone.locator('[data-test=link]').textContent()).toContain('离线');
    expect(await phone.locator('[data-test=outbox-item]').allTextContents()).toEqual(['首报 · 迎宾路井盖缺失', '结案 · 迎宾路井盖缺失']);
    await shot(phone, '9-offline-queue');
    expect((await server.store.getIncident(incidentId))?.reports).toEqual([]);

    await phoneContext.setOffline(false);
    await expect.poll(waitingCount, { timeout: 15_000 }).toBe(0);
    await phone.locator('[data-test=outbox-empty]').waitFor();
    const events = await server.store.eventsOf('incident', incidentId, 20);
    expect(events.map((e) => e.type)).toEqual(['incident.opened', 'incident.dispatched', 'incident.arrived', 'incident.reported', 'incident.closed']);
    expect((await server.store.getIncident(incidentId))?.reports.map((r) => [r.kind, r.text])).toEqual([
      ['first', '井盖缺失，已设围挡'],
      ['closure', '已更换井盖'],
    ]);
    await shot(phone, '10-back-online');
  }, 150_000);

  it('an evaluator reports with a category, photo and position, and sees the Center’s verdict on their own reports', async () => {
    const { context, page } = await phonePage({ lat: 45.59, lng: 84.87 });
    try {
      await login(page, EVALUATOR);
      await page.click('[data-test=duty]');
      await expect.poll(() => page.locator('[data-test=gps]').textContent()).toContain('±8');
      await page.fill('input[name=category]', 'jg');
      await page.locator('[data-test=category-option]').first().click();
      await page.fill('textarea[name=text]', '迎宾路人行道井盖缺失，有行人踩空风险');
      await page.setInputFiles('[data-test=photo-input]', { name: 'manhole.jpg', mimeType: 'image/jpeg', buffer: jpegWithGps(45.59, 84.87) });
      await page.screenshot({ path: join(SCREENSHOTS, 'field-11-evaluator-form.png') });
      await page.click('[data-test=evaluator-submit]');
      const mine = page.locator('[data-test=my-report]');
      await expect.poll(() => mine.count()).toBe(1);
      expect(await mine.locator('[data-test=verdict]').textContent()).toContain('待核实');
      const id = await mine.getAttribute('data-id');
      const order = await server.api<WorkOrder>('GET', `/api/work-orders/${id}`);
      expect(order.body).toMatchObject({ channel: 'evaluator_report', reporter: { name: '王测评' }, photos: [expect.any(String)] });

      const verified = await server.api(
        'POST',
        `/api/evaluator-reports/${id}/verify`,
        { correct: false, note: '现场井盖完好' },
        await server.headersFor('manager'),
      );
      expect(verified.status).toBe(201);
      await expect.poll(() => mine.locator('[data-test=verdict]').textContent(), { timeout: 10_000 }).toContain('错报');
      await page.screenshot({ path: join(SCREENSHOTS, 'field-12-evaluator-verdict.png') });
    } finally {
      await context.close();
    }
  }, 120_000);
});
