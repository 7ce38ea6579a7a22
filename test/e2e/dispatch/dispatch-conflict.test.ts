import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, CLIENT_DIR, contextWithCookie, launchBrowser, recordSocketFrames, releaseBrowser } from '../../support/browser';
import { incidentIntake, onDutyResponder, workOrderIntake } from '../../support/factories';
import { startTestServer, type TestServer } from '../../support/server';
import type { Incident } from '../../../shared/domain/incident';
import type { CreatedApiKey } from '../../../shared/auth/accounts';
import type { EventEnvelope } from '../../../shared/events';

const hasBrowser = browserAvailable();
const PHONE = '13955551234';

/**
 * Two shift leads on /dispatch and the wall on its kiosk URL. Lead A reassigns incident X; lead B,
 * who opened the reassign list before that, sees the new responder live and, acting on the old
 * version, gets the conflict notice instead of overwriting A's decision. The wall sees the change
 * and never a reporter's phone number.
 */
describe.skipIf(!hasBrowser)('dispatch board: two leads, one incident, and the wall', () => {
  let server: TestServer;
  let browser: Browser;
  let incidentId: string;

  beforeAll(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR });
    await onDutyResponder(server.api, 'R1', { lat: 45.5954, lng: 84.8731 });
    await onDutyResponder(server.api, 'R2', { lat: 45.62, lng: 84.88 });
    await onDutyResponder(server.api, 'R3', { lat: 45.7, lng: 84.88 });
    const opened = await server.api<Incident>('POST', '/api/incidents', incidentIntake({ title: '天山路积水' }));
    incidentId = opened.body.id;
    const first = await server.api('POST', `/api/incidents/${incidentId}/actions`, { action: 'dispatch', expectedVersion: 1, responderId: 'R1' });
    expect(first.status).toBe(200);
    await server.api('POST', '/api/work-orders', workOrderIntake({ title: '路灯不亮', reporter: { name: '王五', phone: PHONE } }));
    await server.auth.createUser({ username: 'lead-a', password: 'lead-a-password', role: 'lead' });
    await server.auth.createUser({ username: 'lead-b', password: 'lead-b-password', role: 'lead' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.stop();
  });

  const row = (page: Page) => page.locator(`[data-test="incident-row"][data-id="${incidentId}"]`);

  it('A reassigns; B sees it within 1 s and its stale reassign is refused with the conflict shown; the wall gets no phone number', async () => {
    // Lead A through the login page (an unauthenticated /dispatch redirects there first).
    const a = await (await contextWithCookie(browser, server.url, undefined)).newPage();
    await a.goto('/dispatch');
    await a.waitForURL(/\/login\?redirect=/);
    await a.fill('input[name=username]', 'lead-a');
    await a.fill('input[name=password]', 'lead-a-password');
    await a.click('button[type=submit]');
    await a.waitForURL(/\/dispatch$/);
    await expect.poll(() => row(a).locator('[data-test=row-responder]').textContent()).toBe('应急员R1');

    // Lead B with a session cookie; opens the reassign list on X (version 2) and waits.
    const b = await (await contextWithCookie(browser, server.url, (await server.headersFor('lead', 'lead-b')).cookie)).newPage();
    await b.goto('/dispatch');
    await row(b).click();
    await b.click('[data-test=assign]');
    await b.waitForSelector('[data-test=suggestion][data-responder=R3]');

    // The wall through its kiosk URL, recording every socket frame it receives.
    const kiosk = await server.api<CreatedApiKey>('POST', '/api/api-keys', { name: 'wall-e2e', role: 'wall' });
    const wall = await (await contextWithCookie(browser, server.url, undefined)).newPage();
    const wallFrames = recordSocketFrames(wall);
    await wall.goto(kiosk.body.kioskPath!);
    await wall.waitForURL(/\/wall$/);
    await expect.poll(() => wallFrames.some((f) => f.includes('"kind":"snapshot"'))).toBe(true);

    // A: select X with the keyboard, Enter, then 1 = the nearest idle responder (R2, ≤5 km · 15 min).
    await row(a).click();
    await a.keyboard.press('Enter');
    const nearest = a.locator('[data-test=suggestion]').first();
    await expect.poll(() => nearest.getAttribute('data-responder')).toBe('R2');
    expect(await nearest.textContent()).toContain('≤5 km · 15 min');
    const sentAt = Date.now();
    await a.keyboard.press('1');

    await row(b).locator('[data-test=row-responder]', { hasText: '应急员R2' }).waitFor({ timeout: 1000 });
    const seenAfterMs = Date.now() - sentAt;
    expect(seenAfterMs).toBeLessThan(1000);
    console.log(`lead B saw lead A's reassignment after ${seenAfterMs} ms`);

    // B still acts on version 2: refused, told who changed what, nothing overwritten.
    await b.click('[data-test=suggestion][data-responder=R3]');
    const conflict = b.locator('[data-test=conflict]');
    await conflict.waitFor({ timeout: 2000 });
    expect(await conflict.textContent()).toContain('lead-a');
    expect(await conflict.textContent()).toContain('应急员R2');
    expect((await server.api<Incident>('GET', `/api/incidents/${incidentId}`)).body.responderId).toBe('R2');

    // The list is frozen until B looks again: pressing the same number again sends nobody.
    expect(await b.locator('[data-test=suggestion][data-responder=R3]').isDisabled()).toBe(true);
    await b.keyboard.press('1');
    expect((await server.api<Incident>('GET', `/api/incidents/${incidentId}`)).body.responderId).toBe('R2');

    // B looks again (Enter) and decides on the current state: fresh suggestions, and it lands.
    await b.keyboard.press('Enter');
    await b.locator('[data-test=suggestion][data-responder=R3]:not([disabled])').waitFor({ timeout: 2000 });
    await b.click('[data-test=suggestion][data-responder=R3]');
    await row(a).locator('[data-test=row-responder]', { hasText: '应急员R3' }).waitFor({ timeout: 2000 });
    const timeline = await server.api<{ events: EventEnvelope[] }>('GET', `/api/incidents/${incidentId}/events`);
    expect(timeline.body.events.map((e) => e.actor)).toEqual(['admin-test', 'admin-test', 'lead-a', 'lead-b']);

    // The wall saw both changes, and no phone number in its page or its socket traffic.
    await expect.poll(() => wallFrames.some((f) => f.includes('incident.dispatched') && f.includes('"responderId":"R3"'))).toBe(true);
    expect(wallFrames.some((f) => f.includes('"responderId":"R2"'))).toBe(true);
    expect(wallFrames.join('\n')).not.toContain(PHONE);
    expect(await wall.content()).not.toContain(PHONE);
    // …while a lead's board does carry it (the check above is not vacuous).
    await a.locator('[data-test=order-row]').first().click();
    expect(await a.locator('[data-test=order-panel]').textContent()).toContain(PHONE);

    // Work-order actions by keyboard: s = supervise, Enter confirms; the timeline names the lead.
    await a.keyboard.press('s');
    await a.locator('[data-test=order-form] input[name=note]').fill('超时督办');
    await a.keyboard.press('Enter');
    await a.locator('[data-test=order-panel] .flag').waitFor();
    await a.locator('[data-test=timeline-entry]', { hasText: 'lead-a' }).waitFor();
    expect(await a.locator('[data-test=timeline-entry]').last().textContent()).toContain('督办');
  });
});
