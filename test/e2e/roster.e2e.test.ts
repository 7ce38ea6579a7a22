import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysToKey, dayKey, weekdayOfKey } from '../../shared/time';
import { seedTeam } from '../integration/roster/roster-fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { browserAvailable, CLIENT_DIR, contextWithCookie, launchBrowser, releaseBrowser } from '../support/browser';
import type { Staff } from '../../shared/domain/staff';
import type { StaffingDay } from '../../shared/coverage/team-headcount';

const hasBrowser = browserAvailable();

describe.skipIf(!hasBrowser)('roster page in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  // The page opens on the current week (Beijing time): Monday of it.
  const today = dayKey(new Date(), 'Asia/Shanghai');
  const monday = addDaysToKey(today, -((weekdayOfKey(today) + 6) % 7));
  const wednesday = addDaysToKey(monday, 2);

  beforeAll(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR });
    await seedTeam(server, { seat: 17, responder: 4, evaluator: 3 }, '2020-01-01');
    browser = await launchBrowser();
    // A manager: lead rights plus the staff records.
    const context = await contextWithCookie(browser, server.url, (await server.headersFor('manager')).cookie);
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('roster page error:', e.message));
    await page.goto(`${server.url}/roster`);
    await page.waitForSelector('[data-testid=roster-grid]', { timeout: 10_000 });
  });

  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.stop();
  });

  const upload = (name: string, text: string) =>
    page.locator('[data-testid=import-file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

  it('lists every bad row of a refused file, in Chinese, and imports nothing', async () => {
    await upload('bad.csv', ['工号,日期,开始,结束', `S99,${monday},08:00,16:00`, `S01,${monday},8点,16:00`, `S02,2025-13-01,08:00,16:00`].join('\n'));
    const rows = page.locator('[data-testid=import-errors] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 5000 }).toBe(3);
    expect(await page.locator('[data-testid=import-errors]').innerText()).toContain('工号不存在');
    expect(await page.locator('[data-testid=roster-grid] .chip').count()).toBe(0);
  });

  it('a good file shows its shifts in the grid', async () => {
    await upload('good.csv', ['工号,日期,开始,结束', `S01,${monday},08:00,16:00`, `R01,${monday},08:00,08:00`].join('\n'));
    await page.locator('[data-testid=import-done]').waitFor({ timeout: 5000 });
    const chip = page.locator('tr[data-staff=S01] .chip');
    await chip.first().waitFor({ timeout: 5000 });
    expect(await chip.first().innerText()).toContain('08:00–16:00');
  });

  it('a responder leaving mid-week turns those days red and forecasts the points', async () => {
    const left = await server.api('POST', '/api/roster/profiles/R02', { leaveDate: wednesday });
    expect(left.status).toBe(200);
    const cell = page.locator(`tbody[data-post=responder] tr.post-row td[data-day="${wednesday}"]`);
    await expect.poll(() => cell.getAttribute('class'), { timeout: 5000 }).toContain('short');
    expect(await page.locator(`tbody[data-post=responder] tr.post-row td[data-day="${monday}"]`).getAttribute('class')).not.toContain('short');
    expect(await page.locator('[data-testid=forecast-total]').innerText()).toContain('10');
  });

  it('a manager records a leave date in the staff record and the grid shows the lower headcount', async () => {
    const thursday = addDaysToKey(monday, 3);
    await page.locator('[data-testid=profile-staff]').selectOption('R03');
    await page.locator('[data-testid=profile-leave]').fill(thursday);
    await page.locator('[data-testid=profile-save]').click();
    const cell = page.locator(`tbody[data-post=responder] tr.post-row td[data-day="${thursday}"]`);
    await expect.poll(() => cell.innerText(), { timeout: 5000 }).toContain('2 / 4');
    expect(
      (await server.api<StaffingDay[]>('GET', '/api/coverage/days?from=' + thursday + '&to=' + thursday)).body.find((r) => r.post === 'responder')?.headcount,
    ).toBe(2);
  });

  it('clock-in from the grid shows at once in the on-duty count', async () => {
    await page.locator('[data-testid=duty-S01]').click();
    await expect.poll(() => page.locator('[data-testid=duty-S01]').getAttribute('class'), { timeout: 5000 }).toContain('on');
    expect(await page.locator('[data-testid=coverage-now] [data-post=seat]').innerText()).toMatch(/1 \/ [24]/);
    expect((await server.api<Staff[]>('GET', '/api/staff')).body.find((s) => s.id === 'S01')?.onDuty).toBe(true);
  });
});
