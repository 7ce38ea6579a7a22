import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../server/demo/seed';
import { startTestServer, type TestServer } from '../../support/server';
import { browserAvailable, CLIENT_DIR, contextWithCookie, launchBrowser, releaseBrowser, SCREENSHOTS } from '../../support/browser';

const hasBrowser = browserAvailable();

/**
 * The Content-Security-Policy must not break what it protects: the wall (Leaflet map, ECharts)
 * and the score page load and draw with zero CSP violations reported by the browser.
 */
describe.skipIf(!hasBrowser)('CSP: the wall, map and charts run under the policy', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR });
    await seedDemo(server.grid.ctx);
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.stop();
  });

  /** Every violation the page reports, from the DOM event and from the console. */
  async function openWatched(role: 'wall' | 'manager', path: string): Promise<{ page: Page; violations: string[] }> {
    const context = await contextWithCookie(browser, server.url, (await server.headersFor(role)).cookie);
    const page = await context.newPage();
    const violations: string[] = [];
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __csp: string[] }).__csp ??= [];
        (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.setViewportSize({ width: 1920, height: 1080 });
    const response = await page.goto(server.url + path);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    return { page, violations };
  }

  const reported = async (page: Page) => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);

  it('/wall draws its map and score chart with no CSP violation', async () => {
    const { page, violations } = await openWatched('wall', '/wall');
    await page.waitForSelector('[data-testid=wall][data-status=live]', { timeout: 10_000 });
    await page.waitForSelector('[data-testid=wall-map][data-ready=true]', { timeout: 10_000 });
    await page.waitForSelector('.leaflet-container canvas, .leaflet-container svg', { timeout: 10_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SCREENSHOTS, 'csp-wall.png') });
    expect([...violations, ...(await reported(page))]).toEqual([]);
    await page.context().close();
  });

  it('/score draws its charts with no CSP violation', async () => {
    const { page, violations } = await openWatched('manager', '/score');
    await page.waitForSelector('canvas', { timeout: 10_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SCREENSHOTS, 'csp-score.png') });
    expect([...violations, ...(await reported(page))]).toEqual([]);
    await page.context().close();
  });
});
