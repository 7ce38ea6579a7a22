import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, CLIENT_DIR, contextWithCookie, launchBrowser, releaseBrowser } from '../../support/browser';
import { incidentIntake, onDutyResponder } from '../../support/factories';
import { startTestServer, type TestServer } from '../../support/server';
import type { Incident } from '../../../shared/domain/incident';

const hasBrowser = browserAvailable();

/**
 * The dispatch board's suggestions carry the arrival band each distance implies. After a manager
 * changes the bands, a board already open shows the new ones without a reload, and so does a board
 * opened afterwards: the bands in force, never the contract's defaults.
 */
describe.skipIf(!hasBrowser)('dispatch board: arrival bands in force after a settings change', () => {
  let server: TestServer;
  let browser: Browser;
  let incidentId: string;

  beforeAll(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR });
    // The incident at 45.60 N; 0.01° of latitude ≈ 1.11 km: NEAR ≈ 1.1 km, MID ≈ 3.3 km away.
    await onDutyResponder(server.api, 'NEAR', { lat: 45.61, lng: 84.88 });
    await onDutyResponder(server.api, 'MID', { lat: 45.63, lng: 84.88 });
    incidentId = (await server.api<Incident>('POST', '/api/incidents', incidentIntake({ location: { lat: 45.6, lng: 84.88 } }))).body.id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.stop();
  });

  async function openSuggestions(): Promise<Page> {
    const page = await (await contextWithCookie(browser, server.url, (await server.headersFor('lead')).cookie)).newPage();
    await page.goto('/dispatch');
    await page.locator(`[data-test="incident-row"][data-id="${incidentId}"]`).click();
    await page.click('[data-test=assign]');
    await page.waitForSelector('[data-test=suggestion][data-responder=MID]');
    return page;
  }
  const band = (page: Page, id: string) => page.locator(`[data-test=suggestion][data-responder=${id}] .band`).textContent();

  it('shows the new bands on an open board at once and on a board opened later', async () => {
    const open = await openSuggestions();
    expect(await band(open, 'NEAR')).toBe('≤5 km · 15 min');
    expect(await band(open, 'MID')).toBe('≤5 km · 15 min');

    const changed = await server.api('POST', '/api/settings', {
      arrivalBands: [
        { maxKm: 2, minutes: 10 },
        { maxKm: null, minutes: 25 },
      ],
    });
    expect(changed.status).toBe(200);

    await expect.poll(() => band(open, 'MID'), { timeout: 3000 }).toBe('>2 km · 25 min');
    expect(await band(open, 'NEAR')).toBe('≤2 km · 10 min');
    // Nearest first, whatever the bands say.
    expect(await open.locator('[data-test=suggestion]').first().getAttribute('data-responder')).toBe('NEAR');

    const later = await openSuggestions();
    expect(await band(later, 'MID')).toBe('>2 km · 25 min');
    expect(await band(later, 'NEAR')).toBe('≤2 km · 10 min');
  });
});
