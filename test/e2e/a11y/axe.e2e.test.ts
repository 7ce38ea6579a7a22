import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../server/demo/seed';
import type { Role } from '../../../shared/roles';
import { startTestServer, type TestServer } from '../../support/server';
import { browserAvailable, CLIENT_DIR, contextWithCookie, launchBrowser, releaseBrowser } from '../../support/browser';

const hasBrowser = browserAvailable();
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** What axe.run answers, as far as this file reads it. */
interface AxeViolation {
  id: string;
  impact?: string | null;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** Every screen, as the role that uses it, and what shows it has drawn its data. */
const PAGES: { path: string; role: Role | null; ready: string }[] = [
  { path: '/login', role: null, ready: 'form' },
  { path: '/', role: 'manager', ready: 'main' },
  { path: '/wall', role: 'wall', ready: '[data-testid=wall][data-status=live]' },
  { path: '/dispatch', role: 'lead', ready: 'main.dispatch' },
  { path: '/roster', role: 'lead', ready: 'main' },
  { path: '/score', role: 'manager', ready: 'main.score-page' },
  { path: '/field', role: 'responder', ready: 'main' },
  { path: '/admin', role: 'admin', ready: 'main' },
];

/**
 * axe-core in Debian Chromium on every screen in both languages: no critical or serious violation
 * (contrast, names, roles, labels), and the document's language follows the UI's.
 */
describe.skipIf(!hasBrowser)('accessibility: every page in zh-CN and English passes axe (no critical or serious)', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR });
    await seedDemo(server.grid.ctx);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.stop();
  });

  /**
   * axe's critical and serious violations on the page as it is now, one line each. axe-core runs
   * in the page itself (our pages have no frames): @axe-core/playwright's AxeBuilder opened a
   * second page per analysis to merge frame results, 1–1.6 s each against 0.2–0.4 s here.
   */
  async function seriousViolations(page: Page): Promise<string[]> {
    await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(
      (tags) =>
        (window as unknown as { axe: { run(options: object): Promise<{ violations: AxeViolation[] }> } }).axe
          .run({ runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
          .then((results) => results.violations),
      WCAG_AA,
    );
    return violations
      .filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map((v) => `${v.impact} ${v.id}: ${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')} — ${v.nodes[0]?.failureSummary?.split('\n')[1]?.trim() ?? ''}`);
  }

  // Both languages in one browser context: the second load finds the assets in its cache.
  for (const { path, role, ready } of PAGES) {
    it(`${path} in zh-CN and English`, { timeout: 60_000 }, async () => {
      const cookie = role ? (await server.headersFor(role)).cookie : undefined;
      const context = await contextWithCookie(browser, server.url, cookie);
      try {
        const page = await context.newPage();
        await page.setViewportSize(path === '/field' ? { width: 390, height: 844 } : { width: 1920, height: 1080 });
        for (const lang of ['zh-CN', 'en'] as const) {
          await page.goto(`${server.url}${path}${lang === 'en' ? '?lang=en' : ''}`);
          await page.waitForSelector(ready, { timeout: 10_000 });
          await page.waitForTimeout(300);
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang === 'en' ? 'en' : 'zh-CN');
          expect(await seriousViolations(page), `${path} in ${lang}`).toEqual([]);
        }
      } finally {
        await context.close();
      }
    });
  }
});
