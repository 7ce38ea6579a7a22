import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserView } from '../../shared/auth/accounts';
import { startTestServer, type TestServer } from '../support/server';
import { browserAvailable, CLIENT_DIR, contextWithCookie, launchBrowser, releaseBrowser } from '../support/browser';

const hasBrowser = browserAvailable();

describe.skipIf(!hasBrowser)('admin page in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Page;

  beforeAll(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR });
    browser = await launchBrowser();
    const context = await contextWithCookie(browser, server.url, (await server.headersFor('admin')).cookie);
    admin = await context.newPage();
    admin.on('pageerror', (e) => console.error('admin page error:', e.message));
    await admin.goto(`${server.url}/admin`);
    await admin.locator('[data-test=users-panel] tr[data-user=admin-test]').waitFor({ timeout: 10_000 });
  });

  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.stop();
  });

  const pathOf = (page: Page) => new URL(page.url()).pathname;
  const navLinks = (page: Page) => page.locator('[data-test=navbar] a').evaluateAll((as) => as.map((a) => a.getAttribute('data-nav')));

  it('admin creates a lead, who logs in elsewhere, reaches /dispatch, and is refused once disabled', async () => {
    expect(await navLinks(admin)).toEqual(['home', 'wall', 'dispatch', 'score', 'roster', 'admin']);

    // Create the lead in the page (zh-CN labels).
    const form = admin.locator('[data-test=user-form]');
    await form.locator('input[name=username]').fill('lead-e2e');
    await form.locator('select[name=role]').selectOption('lead');
    await form.locator('input[name=password]').fill('lead-e2e-password');
    await form.locator('button[type=submit]').click();
    expect(await admin.locator('[data-test=users-notice]').innerText()).toContain('已创建用户 lead-e2e');
    const row = admin.locator('tr[data-user=lead-e2e]');
    expect(await row.locator('[data-test=user-status]').innerText()).toBe('启用');

    // The lead logs in from a fresh browser context and lands on the dispatch board.
    const leadContext = await contextWithCookie(browser, server.url, undefined);
    const lead = await leadContext.newPage();
    await lead.goto(`${server.url}/dispatch`);
    await lead.waitForURL(/\/login/);
    await lead.locator('input[name=username]').fill('lead-e2e');
    await lead.locator('input[name=password]').fill('lead-e2e-password');
    await lead.locator('[data-test=login-form] button[type=submit]').click();
    await lead.waitForURL(/\/dispatch$/);
    await lead.locator('[data-test=dispatch-list]').waitFor();
    // A lead's link bar: no score page (manager), no admin page.
    expect(await navLinks(lead)).toEqual(['home', 'wall', 'dispatch', 'roster']);
    expect(await lead.locator('[data-test=nav-me]').innerText()).toBe('lead-e2e');

    // Disabled by the admin: the lead's open page is sent to the login page, its session refused.
    await row.locator('[data-test=disable]').click();
    await expect.poll(() => row.locator('[data-test=user-status]').innerText(), { timeout: 3000 }).toBe('已停用');
    await lead.waitForURL(/\/login/, { timeout: 3000 });
    const me = await lead.evaluate(async () => (await fetch('/api/me')).status);
    expect(me).toBe(401);
    await lead.goto(`${server.url}/dispatch`);
    await lead.waitForURL(/\/login/);
    expect(pathOf(lead)).toBe('/login');
    await leadContext.close();
  });

  it('a kiosk token is shown once with its wall URL; the wall opens with it and says its token is revoked when it is', async () => {
    const form = admin.locator('[data-test=key-form]');
    await form.locator('input[name=name]').fill('大厅大屏');
    await form.locator('select[name=role]').selectOption('wall');
    await form.locator('button[type=submit]').click();
    const secret = admin.locator('[data-test=secret-once]');
    await secret.waitFor();
    const token = await secret.locator('[data-test=secret-token]').inputValue();
    const url = await secret.locator('[data-test=kiosk-url]').inputValue();
    expect(token).toMatch(/^gwk_/);
    expect(url).toBe(`${server.url}/wall?kiosk=${token}`);
    await secret.locator('[data-test=secret-close]').click();
    expect(await secret.count()).toBe(0);
    expect(await admin.content()).not.toContain(token);

    const wallContext = await contextWithCookie(browser, server.url, undefined);
    const wall = await wallContext.newPage();
    await wall.goto(url);
    await wall.waitForURL(/\/wall$/);
    expect(await wall.locator('[data-test=navbar]').count()).toBe(0);

    const keyRow = admin.locator('tr[data-key="大厅大屏"]');
    await keyRow.locator('[data-test=revoke]').click();
    expect(await keyRow.locator('[data-test=revoke]').innerText()).toContain('确认吊销');
    await keyRow.locator('[data-test=revoke]').click();
    await expect.poll(() => keyRow.locator('[data-test=key-status]').innerText(), { timeout: 3000 }).toContain('已吊销');
    // A revoked wall stays on /wall and says why (it has no one to log in): 令牌已失效.
    await expect.poll(() => wall.locator('[data-testid=wall-header]').textContent(), { timeout: 15_000 }).toContain('令牌已失效');
    expect(new URL(wall.url()).pathname).toBe('/wall');
    await wallContext.close();
  });

  it('a refused new user names the field, and nothing is created', async () => {
    const form = admin.locator('[data-test=user-form]');
    await form.locator('input[name=username]').fill('short-pw');
    await form.locator('input[name=password]').fill('123');
    await form.locator('button[type=submit]').click();
    expect(await admin.locator('[data-test=users-error]').innerText()).toContain('password');
    expect(await admin.locator('tr[data-user=short-pw]').count()).toBe(0);
    expect((await server.api<UserView[]>('GET', '/api/users')).body.some((u) => u.username === 'short-pw')).toBe(false);
  });
});
