import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/clock';
import { startTestServer, type TestServer } from '../../support/server';
import { browserAvailable, CLIENT_DIR, contextWithCookie, launchBrowser, releaseBrowser } from '../../support/browser';
import type { MonthScore } from '../../../shared/scoring/types';

const hasBrowser = browserAvailable();

describe.skipIf(!hasBrowser)('manager entries on /score in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const total = () => page.locator('[data-test=score-total]').innerText();

  beforeAll(async () => {
    // 14 March 2025, 15:00 Beijing time; nothing has cost a point yet.
    server = await startTestServer({ clientDir: CLIENT_DIR, clock: new FakeClock('2025-03-14T07:00:00Z') });
    browser = await launchBrowser();
    const context = await contextWithCookie(browser, server.url, (await server.headersFor('manager')).cookie);
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('score page error:', e.message));
    await page.goto(`${server.url}/score`);
    await page.locator('[data-test=deduction-form]').waitFor({ timeout: 10_000 });
  });

  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.stop();
  });

  it('the daily trend comes from the server: one point per day so far', async () => {
    expect(await total()).toBe('100');
    const trend = page.locator('[data-test=score-trend]');
    expect(await trend.getAttribute('data-days')).toBe('14');
    expect(await trend.getAttribute('data-last')).toBe('100');
  });

  it('points outside the contract range are refused with the server’s message on the field, nothing entered', async () => {
    const form = page.locator('[data-test=deduction-form]');
    await form.locator('select[name=block]').selectOption('responderQuality');
    await form.locator('input[name=points]').fill('20');
    await form.locator('input[name=reason]').fill('超出范围');
    await form.locator('[data-test=deduction-submit]').click();
    await expect.poll(() => form.locator('[data-test=field-error-points]').innerText()).toContain('5–15');
    expect(await form.locator('[data-test=form-error]').innerText()).toContain('points');
    expect(await total()).toBe('100');
    expect((await server.api('GET', '/api/score/deductions')).body).toEqual([]);
  });

  it('a deduction entered in the form lowers the total by its points', async () => {
    const form = page.locator('[data-test=deduction-form]');
    await form.locator('input[name=points]').fill('7');
    await form.locator('input[name=reason]').fill('应急处置延误造成严重后果');
    await form.locator('[data-test=deduction-submit]').click();
    await expect.poll(total, { timeout: 2000 }).toBe('93');
    expect((await server.api<MonthScore>('GET', '/api/score')).body.total).toBe(93);
    await expect.poll(() => page.locator('[data-test=deduction]').count()).toBe(1);
  });

  it('revising it moves the total and keeps both revisions visible', async () => {
    const listed = page.locator('[data-test=deduction]').first();
    await listed.locator('[data-test=revise-open]').click();
    const revise = listed.locator('[data-test=revise-form]');
    await revise.locator('input[name=points]').fill('9');
    await revise.locator('input[name=reason]').fill('复核后加重');
    await revise.locator('[data-test=revise-submit]').click();
    await expect.poll(total, { timeout: 2000 }).toBe('91');
    const revisions = listed.locator('[data-test=revision]');
    await expect.poll(() => revisions.count()).toBe(2);
    expect(await revisions.nth(0).innerText()).toContain('第 1 版 · 7 分');
    expect(await revisions.nth(0).innerText()).toContain('应急处置延误造成严重后果');
    expect(await revisions.nth(1).innerText()).toContain('第 2 版 · 9 分');
    expect(await revisions.nth(1).innerText()).toContain('复核后加重');
    expect(await revisions.nth(1).innerText()).toContain('manager-test');
    if (process.env.SCORE_SCREENSHOT) await page.screenshot({ path: process.env.SCORE_SCREENSHOT.replace(/\.png$/, '-entry.png'), fullPage: true });
  });
});
