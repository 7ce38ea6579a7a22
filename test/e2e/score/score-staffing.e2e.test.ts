import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/clock';
import { startTestServer, type TestServer } from '../../support/server';
import { browserAvailable, CLIENT_DIR, contextWithCookie, launchBrowser, releaseBrowser } from '../../support/browser';
import { seedTeam } from '../../integration/roster/roster-fixtures';

const at = (hm: string) => `2025-03-10T${hm}:00+08:00`;

// A manager opens the staffing line on /score: the day says 空岗, from when to when, how many were
// on duty against the minimum, and who was planned but not clocked in. Monday 2025-03-10, Beijing time.
describe.skipIf(!browserAvailable())('staffing deductions on /score in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const clock = new FakeClock(at('00:00'));

  beforeAll(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR, clock });
    await seedTeam(server, { seat: 17, responder: 4, evaluator: 3 });
    for (const id of ['S01', 'S02', 'S03', 'S04', 'E01', 'E02', 'E03', 'R01']) await server.api('POST', `/api/staff/${id}/duty`, { onDuty: true });
    await server.api('POST', '/api/shifts', { staffId: 'R02', start: at('08:00'), end: at('12:00') });
    clock.set(at('09:00'));
    await server.api('POST', '/api/staff/R01/duty', { onDuty: false });
    clock.set(at('11:00'));
    await server.api('POST', '/api/staff/R02/duty', { onDuty: true });
    clock.set(at('12:00'));

    browser = await launchBrowser();
    const context = await contextWithCookie(browser, server.url, (await server.headersFor('manager')).cookie);
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('score page error:', e.message));
    await page.goto(`${server.url}/score`);
    await page.locator('[data-test=score-total]').waitFor({ timeout: 10_000 });
  });

  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.stop();
  });

  it('the responders’ empty two hours cost 2: the line opens onto the day, which (空岗), when and who', async () => {
    expect(await page.locator('[data-test=score-total]').innerText()).toBe('98');
    const block = page.locator('[data-block=staffing]');
    await block.locator('[data-test=line]').click();
    const cause = block.locator('[data-test=cause]');
    await cause.first().waitFor();
    const text = await cause.first().innerText();
    expect(text).toContain('2025-03-10');
    expect(text).toContain('空岗');
    expect(text).toContain('应急员');
    expect(text).toContain('09:00–11:00 在岗 0 人 / 最低 1 人，共 120 分钟');
    expect(text).toContain('排班未到岗：responder2');
    if (process.env.SCORE_SCREENSHOT) await page.screenshot({ path: process.env.SCORE_SCREENSHOT, fullPage: true });
  });
});
