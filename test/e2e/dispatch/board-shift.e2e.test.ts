import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/clock';
import { browserAvailable, CLIENT_DIR, contextWithCookie, launchBrowser, releaseBrowser, SCREENSHOTS } from '../../support/browser';
import { workOrderIntake } from '../../support/factories';
import { jpegWithGps } from '../../support/photo-fixture';
import { startTestServer, type TestServer } from '../../support/server';
import type { WorkOrder } from '../../../shared/domain/work-order';
import type { CreatedApiKey } from '../../../shared/auth/accounts';
import type { EventEnvelope } from '../../../shared/events';
import type { WorkOrderPage } from '../../../shared/board/work-order-query';

const hasBrowser = browserAvailable();
const OPEN_ORDERS = 1_050;
const YESTERDAY_PHONE = '13712340000';

/**
 * A shift on /dispatch in a real browser, with over a thousand open orders loaded: a seat enters an
 * order with the keyboard only, a duplicate is offered, a lead takes an order through every state to
 * 评价 and through 挂起 → resume (the deadline moves by the paused time), and a search finds
 * yesterday's closed order by the caller's phone. The wall lists an order overdue in 已受理.
 */
describe.skipIf(!hasBrowser)('the dispatch board carries a shift', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const clock = new FakeClock(new Date());
  let yesterdayOrder: { id: string };

  const act = async (id: string, body: Record<string, unknown>) => {
    const current = (await server.api<WorkOrder>('GET', `/api/work-orders/${id}`)).body;
    return (await server.api<WorkOrder>('POST', `/api/work-orders/${id}/actions`, { ...body, expectedVersion: current.version })).body;
  };
  const stateOf = async (id: string) => (await server.api<WorkOrder>('GET', `/api/work-orders/${id}`)).body.state;

  beforeAll(async () => {
    server = await startTestServer({ clock, clientDir: CLIENT_DIR });
    await server.api('POST', '/api/settings', { departments: ['市政设施管理所', '环卫处', '城管执法局'] });
    // Yesterday: an order that was handled and called back (closed), so only the search finds it today.
    clock.set(new Date(Date.now() - 86_400_000));
    yesterdayOrder = (
      await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake({ title: '路灯不亮', reporter: { name: '钱先生', phone: YESTERDAY_PHONE } }))
    ).body;
    for (const step of [{ action: 'file' }, { action: 'dispatch', department: '市政设施管理所' }, { action: 'handle' }, { action: 'callback' }])
      await act(yesterdayOrder.id, step);
    clock.set(new Date());
    // A busy day: over a thousand open orders spread over the district (through the public API).
    for (let i = 0; i < OPEN_ORDERS; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, OPEN_ORDERS - i) }, (_, k) =>
          server.api(
            'POST',
            '/api/work-orders',
            workOrderIntake({
              channel: (['hotline_12345', 'wechat', 'grid_patrol', 'video_patrol'] as const)[(i + k) % 4],
              title: `${['井盖破损', '暴露垃圾', '占道经营', '路灯不亮'][(i + k) % 4]} ${i + k}`,
              location: {
                lat: 45.56 + ((i + k) % 37) * 0.002,
                lng: 84.84 + ((i + k) % 41) * 0.002,
                address: `${['天山路', '胜利路', '昆仑路', '友谊路'][(i + k) % 4]} ${(i + k) % 200} 号`,
              },
            }),
          ),
        ),
      );
    }
    // One order received 45 minutes ago and never filed: overdue in 已受理 (limit 30 min).
    await server.api('POST', '/api/work-orders', workOrderIntake({ title: '无人立单的投诉', receivedAt: new Date(Date.now() - 45 * 60_000).toISOString() }));
    browser = await launchBrowser();
    const context = await contextWithCookie(browser, server.url, (await server.headersFor('lead', 'lead-shift')).cookie);
    context.setDefaultTimeout(20_000);
    page = await context.newPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto('/dispatch');
    await page.locator('[data-test=order-row]').first().waitFor();
  }, 300_000);
  afterAll(async () => {
    await releaseBrowser(browser);
    await server?.stop();
  });

  it('shows live counts per stage, a virtual list, and saves the 1920×1080 screenshots', async () => {
    const count = (tab: string) => page.locator(`[data-tab=${tab}] [data-test=tab-count]`).textContent();
    await expect.poll(async () => Number(await count('all')), { timeout: 20_000 }).toBeGreaterThan(1000);
    expect(Number(await count('to_accept'))).toBeGreaterThan(200); // WeChat reports
    expect(Number(await count('overdue'))).toBeGreaterThanOrEqual(1);
    // Virtual scrolling: a thousand orders, a few dozen rows in the DOM.
    expect(await page.locator('[data-test=order-row]').count()).toBeLessThan(100);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'board-1920x1080-zh-CN.png') });
    await page.click('[data-tab=overdue]');
    await page.locator('[data-test=order-row]', { hasText: '无人立单的投诉' }).waitFor();
    await page.click('[data-tab=all]');
  }, 120_000);

  it('a seat enters an order with the keyboard only; a duplicate is offered and can be merged', async () => {
    // A seat agent (坐席员) signed in on a board of their own: the seat's actions only.
    const seatContext = await contextWithCookie(browser, server.url, (await server.headersFor('seat', 'seat-li')).cookie);
    seatContext.setDefaultTimeout(20_000);
    const seat = await seatContext.newPage();
    await seat.setViewportSize({ width: 1920, height: 1080 });
    await seat.goto('/dispatch');
    await seat.locator('[data-test=order-row]').first().waitFor();
    await seat.keyboard.press('n');
    const form = seat.locator('[data-test=order-entry]');
    await form.waitFor();
    await seat.keyboard.press('Tab'); // channel → priority
    await seat.keyboard.press('Tab'); // → category
    await seat.keyboard.type('wsjg');
    await seat.locator('[data-test=category-results] [data-code=BJ0102]').waitFor();
    await seat.keyboard.press('Enter');
    await seat.keyboard.press('Tab'); // → title (filled from the category)
    await seat.keyboard.press('Tab'); // → description
    await seat.keyboard.type('井盖松动，车辆经过有响声');
    await seat.keyboard.press('Tab');
    await seat.keyboard.type('准噶尔路 12 号');
    await seat.keyboard.press('Tab');
    await seat.keyboard.type('45.6012');
    await seat.keyboard.press('Tab');
    await seat.keyboard.type('84.8801');
    await seat.keyboard.press('Tab'); // map-pick button
    await seat.keyboard.press('Tab');
    await seat.keyboard.type('孙女士');
    await seat.keyboard.press('Tab');
    await seat.keyboard.type('13600001234');
    // The caller sent a photo: attached before saving, uploaded at once (the one step with a file dialog).
    await seat.setInputFiles('[data-test=entry-photos]', { name: 'scene.jpg', mimeType: 'image/jpeg', buffer: jpegWithGps(45.6012, 84.8801) });
    await form.locator('label', { hasText: '已附 1 / 6' }).waitFor();
    await seat.screenshot({ path: join(SCREENSHOTS, 'board-order-entry.png') });
    await seat.keyboard.press('Control+Enter');
    await form.waitFor({ state: 'detached' });
    const found = (await server.api<WorkOrderPage>('GET', '/api/work-orders?q=13600001234')).body;
    expect(found.total).toBe(1);
    expect(found.items[0]).toMatchObject({ title: '污水井盖', category: { kind: 'component', subClass: '污水井盖' }, location: { address: '准噶尔路 12 号' } });
    const panel = seat.locator(`[data-test=order-panel][data-id="${found.items[0].id}"]`);
    await panel.waitFor();
    expect(found.items[0].reporter).toMatchObject({ phone: '13600001234' });
    expect(found.items[0].photos).toHaveLength(1);
    await panel.locator('[data-test=report-photo]').waitFor();
    // 立单 is the seat's; 派遣 and 督办 are the lead's and are not offered (nor on their keys).
    await panel.locator('[data-action=file]').waitFor();
    expect(await panel.locator('[data-action=dispatch], [data-action=supervise]').count()).toBe(0);
    await seat.keyboard.press('d');
    expect(await seat.locator('[data-test=order-form]').count()).toBe(0);

    // The same 小类 80 m away: offered before saving, and merged instead of a second order.
    await seat.keyboard.press('n');
    await seat.keyboard.press('Tab');
    await seat.keyboard.press('Tab');
    await seat.keyboard.type('污水井盖');
    await seat.locator('[data-test=category-results] [data-code=BJ0102]').waitFor();
    await seat.keyboard.press('Enter');
    await seat.fill('[data-test=order-entry] input[name=lat]', '45.6019');
    await seat.fill('[data-test=order-entry] input[name=lng]', '84.8801');
    const duplicate = seat.locator(`[data-test=duplicates] li[data-id="${found.items[0].id}"]`);
    await duplicate.waitFor();
    await duplicate.locator('[data-test=merge]').click();
    await seat.locator('[data-test=order-entry]').waitFor({ state: 'detached' });
    const timeline = (await server.api<{ events: EventEnvelope[] }>('GET', `/api/work-orders/${found.items[0].id}/events`)).body.events;
    expect(timeline.at(-1)?.type).toBe('workOrder.reportAdded');
    expect((await server.api<WorkOrderPage>('GET', '/api/work-orders?q=' + encodeURIComponent('污水井盖'))).body.total).toBe(1);
    expect(timeline.map((e: { actor: string }) => e.actor)).toEqual(['seat-li', 'seat-li']);
    await seatContext.close();
  }, 120_000);

  it('a lead takes the order through every state to 评价, one key and a confirm each, 返工 included', async () => {
    const id = (await server.api<WorkOrderPage>('GET', '/api/work-orders?q=13600001234')).body.items[0].id;
    await page.fill('[data-test=search]', id);
    await page.locator(`[data-test=order-row][data-id="${id}"]`).click();
    const panel = page.locator(`[data-test=order-panel][data-id="${id}"]`);
    await panel.waitFor();
    const confirm = async (key: string, state: string, fill?: () => Promise<void>) => {
      await page.keyboard.press(key);
      await page.locator('[data-test=order-form]').waitFor();
      if (fill) await fill();
      await page.locator('[data-test=order-form] button[type=submit]').click();
      await expect.poll(() => stateOf(id), { timeout: 10_000 }).toBe(state);
      await page.locator('[data-test=order-form]').waitFor({ state: 'detached' });
    };
    await confirm('f', 'filed');
    await confirm('d', 'dispatched', () => page.selectOption('[data-test=order-form] select[name=department]', '市政设施管理所').then(() => undefined));
    await confirm('b', 'in_progress');
    await confirm('h', 'handled', () => page.fill('[data-test=order-form] input[name=result]', '已更换井盖'));
    await confirm('c', 'called_back');
    // 返工: the citizen says the cover still rocks; w, a reason from the list and a note, back to 处置中.
    await confirm('w', 'in_progress', async () => {
      await page.selectOption('[data-test=order-form] select[name=reasonCode]', 'citizen_dissatisfied');
      await page.fill('[data-test=order-form] input[name=note]', '群众反映井盖仍松动');
    });
    await page.locator('[data-test=timeline-entry]', { hasText: '返工：群众不满意 — 群众反映井盖仍松动' }).waitFor();
    await confirm('h', 'handled');
    await confirm('c', 'called_back');
    await confirm('e', 'evaluated');
    expect((await server.api<WorkOrder>('GET', `/api/work-orders/${id}`)).body).toMatchObject({
      department: '市政设施管理所',
      satisfaction: 'satisfied',
      reopenCount: 1,
    });
  }, 120_000);

  it('挂起 then resume from the screen: the deadline moves by the suspended time', async () => {
    const order = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake({ title: '广告牌松动', priority: 'urgent' }))).body;
    const filed = await act(order.id, { action: 'file' });
    await page.fill('[data-test=search]', order.id);
    const row = page.locator(`[data-test=order-row][data-id="${order.id}"]`);
    await row.click();
    await page.keyboard.press('p');
    await page.fill('[data-test=order-form] input[name=reason]', '等待产权单位确认');
    await page.keyboard.press('Enter');
    await expect.poll(() => stateOf(order.id)).toBe('suspended');
    await page.locator('[data-test=order-deadline]', { hasText: '已暂停' }).waitFor();
    clock.advance(2 * 3_600_000);
    await page.keyboard.press('u');
    await page.locator('[data-test=order-form] button[type=submit]').click();
    await expect.poll(() => stateOf(order.id)).toBe('filed');
    const resumed = (await server.api<WorkOrder>('GET', `/api/work-orders/${order.id}`)).body;
    expect(Date.parse(resumed.handlingDeadline!) - Date.parse(filed.handlingDeadline!)).toBe(2 * 3_600_000);
    clock.set(new Date(Date.now()));
    await page.fill('[data-test=search]', '');
  }, 120_000);

  it('延期 from the screen: requested with y, approved with g, the deadline moves and the timeline says so', async () => {
    const order = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake({ title: '地下管网渗漏' }))).body;
    await act(order.id, { action: 'file' });
    const dispatched = await act(order.id, { action: 'dispatch', department: '环卫处' });
    await page.fill('[data-test=search]', order.id);
    await page.locator(`[data-test=order-row][data-id="${order.id}"]`).click();
    const panel = page.locator(`[data-test=order-panel][data-id="${order.id}"]`);
    // The confirm form opens on the next render and puts the focus in its days field: wait for
    // that, or under load the digit is typed before the field has the focus and is lost.
    const daysFocused = () => expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('days');
    await page.keyboard.press('y');
    await daysFocused();
    await page.keyboard.type('3');
    await page.fill('[data-test=order-form] input[name=reason]', '需更换整段管道');
    await page.keyboard.press('Enter');
    await panel.locator('[data-test=extension-pending]').waitFor();
    await page.keyboard.press('g');
    await daysFocused();
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await panel.locator('[data-test=extension-pending]').waitFor({ state: 'detached' });
    const extended = (await server.api<WorkOrder>('GET', `/api/work-orders/${order.id}`)).body;
    expect(Date.parse(extended.handlingDeadline!) - Date.parse(dispatched.handlingDeadline!)).toBeGreaterThanOrEqual(2 * 86_400_000);
    await page.locator('[data-test=timeline-entry]', { hasText: '批准延期 2 个工作日' }).waitFor();
    await page.locator('[data-test=timeline-entry]', { hasText: '延期申请 3 个工作日' }).waitFor();
    await page.fill('[data-test=search]', '');
  }, 120_000);

  it('a search finds yesterday’s closed order by the caller’s phone', async () => {
    await page.fill('[data-test=search]', YESTERDAY_PHONE);
    await page.click('[data-test=search-all]');
    await page.locator('[data-test=search-results]').waitFor();
    await page.locator(`[data-test=order-row][data-id="${yesterdayOrder.id}"]`).waitFor();
    await page.locator(`[data-test=order-panel][data-id="${yesterdayOrder.id}"] [data-test=order-state]`, { hasText: '已回访' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'board-search-closed.png') });
  }, 120_000);

  it('the wall lists the order overdue in 已受理', async () => {
    const kiosk = await server.api<CreatedApiKey>('POST', '/api/api-keys', { name: 'wall-board-e2e', role: 'wall' });
    const wall = await (await contextWithCookie(browser, server.url, undefined)).newPage();
    wall.setDefaultTimeout(30_000);
    await wall.goto(kiosk.body.kioskPath!);
    await wall.locator('[data-testid=order-deadlines] li', { hasText: '无人立单的投诉' }).waitFor();
    expect(await wall.locator('[data-testid=order-deadlines] li', { hasText: '无人立单的投诉' }).textContent()).toContain('待立单');
  }, 120_000);
});
