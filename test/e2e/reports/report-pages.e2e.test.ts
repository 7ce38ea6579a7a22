import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/clock';
import { workOrderIntake } from '../../support/factories';
import { startTestServer, type TestServer } from '../../support/server';
import { browserAvailable, CLIENT_DIR, contextWithCookie, launchBrowser, releaseBrowser } from '../../support/browser';

const hasBrowser = browserAvailable();

/** A manager reaches the month's reports from /score: the 运行分析 page and the workbook download. */
describe.skipIf(!hasBrowser)('report pages in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR, clock: new FakeClock('2025-03-14T07:00:00Z') });
    // Three orders in March: two by the hotline, one by WeChat (two on 天山路, one on 昆仑路).
    for (const overrides of [{}, {}, { channel: 'wechat' as const, location: { lat: 45.6, lng: 84.87, address: '昆仑路 8 号' } }]) {
      expect((await server.api('POST', '/api/work-orders', workOrderIntake(overrides))).status).toBe(201);
    }
    browser = await launchBrowser();
    page = await (await contextWithCookie(browser, server.url, (await server.headersFor('manager')).cookie)).newPage();
    page.on('pageerror', (e) => console.error('report page error:', e.message));
    await page.goto(`${server.url}/score`);
    await page.locator('[data-test=score-total]').waitFor({ timeout: 10_000 });
  });

  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.stop();
  });

  it("/score downloads the month's workbook, whose total is the page's", async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=report-workbook]').click()]);
    expect(download.suggestedFilename()).toBe('考核汇总-2025-03.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('考核汇总')!;
    const total = summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(2).value === '合计')!;
    expect(String(total.getCell(6).value as number)).toBe(await page.locator('[data-test=score-total]').innerText());
  });

  it('opens 运行分析 for the month: totals, channels, streets and the heat map', async () => {
    await page.locator('[data-test=report-operations]').click();
    await page.waitForURL(/\/score\/operations\?month=2025-03/);
    await expect.poll(() => page.locator('[data-test=ops-total]').innerText()).toBe('3');
    const channelRows = page.locator('article', { hasText: '按渠道' }).locator('tr');
    await expect
      .poll(() => channelRows.allInnerTexts())
      .toEqual([expect.stringMatching(/^12345热线\s+2\s+66\.67 %$/), expect.stringMatching(/^微信小程序\s+1\s+33\.33 %$/)]);
    const streets = await page.locator('article', { hasText: '按街道' }).locator('tr').allInnerTexts();
    expect(streets.map((s) => s.split(/\s+/)[0])).toEqual(['天山路街道', '昆仑路街道']);
    expect(Number(await page.locator('[data-test=ops-heat-map]').getAttribute('data-cells'))).toBe(2);
    // A range of days in February holds none of them.
    await page.locator('select').selectOption('range');
    await page.locator('input[type=date]').first().fill('2025-02-01');
    await page.locator('input[type=date]').last().fill('2025-02-28');
    await page.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => page.locator('[data-test=ops-total]').innerText()).toBe('0');
  });
});
