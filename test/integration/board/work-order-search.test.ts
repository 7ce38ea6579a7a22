import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/clock';
import { workOrderIntake } from '../../support/factories';
import { startTestServer, type TestServer, type ErrorBody } from '../../support/server';
import type { Snapshot } from '../../../shared/board/state';
import type { WorkOrder } from '../../../shared/domain/work-order';
import type { WorkOrderPage } from '../../../shared/board/work-order-query';

/**
 * The board's search over ALL orders: yesterday's closed order is found by the caller's phone,
 * pages are stable while new orders arrive, and a bad query names its field.
 */
describe('GET /api/work-orders: search every order, closed ones included', () => {
  let server: TestServer;
  const clock = new FakeClock(new Date('2025-03-13T02:00:00Z')); // 10:00 Beijing, Thursday
  let closedYesterday: { id: string };

  const act = async (id: string, body: Record<string, unknown>) => {
    const current = (await server.api<WorkOrder>('GET', `/api/work-orders/${id}`)).body;
    const res = await server.api<WorkOrder>('POST', `/api/work-orders/${id}/actions`, { ...body, expectedVersion: current.version });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    server = await startTestServer({ clock });
    closedYesterday = (
      await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake({ reporter: { name: '李女士', phone: '13812345678' }, title: '路灯不亮' }))
    ).body;
    for (const action of [{ action: 'file' }, { action: 'dispatch', department: '城管局' }, { action: 'handle' }, { action: 'callback' }]) {
      await act(closedYesterday.id, action);
    }
    clock.set(new Date('2025-03-14T03:00:00Z')); // the next day
    for (let i = 0; i < 7; i++) {
      clock.advance(60_000);
      await server.api(
        'POST',
        '/api/work-orders',
        workOrderIntake({ channel: i % 2 ? 'wechat' : 'hotline_12345', location: { lat: 45.59, lng: 84.87, address: `友谊路 ${i} 号` } }),
      );
    }
  });
  afterAll(() => server.stop());

  it('finds yesterday’s closed order by the phone number, typed with spaces', async () => {
    const res = await server.api<WorkOrderPage>('GET', `/api/work-orders?q=${encodeURIComponent('138 1234 5678')}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({ id: closedYesterday.id, state: 'called_back' });
    // Today's snapshot no longer holds it: only the search does.
    const snapshot = (await server.api<Snapshot>('GET', '/api/snapshot')).body;
    expect(snapshot.workOrders.some((o: { id: string }) => o.id === closedYesterday.id)).toBe(false);
  });

  it('filters by state, channel, address text and the Center’s day', async () => {
    expect((await server.api<WorkOrderPage>('GET', '/api/work-orders?state=called_back,evaluated')).body.total).toBe(1);
    expect((await server.api<WorkOrderPage>('GET', '/api/work-orders?channel=wechat')).body.total).toBe(3);
    expect((await server.api<WorkOrderPage>('GET', `/api/work-orders?q=${encodeURIComponent('友谊路 3')}`)).body.total).toBe(1);
    expect((await server.api<WorkOrderPage>('GET', '/api/work-orders?from=2025-03-13&to=2025-03-13')).body.items.map((o: { id: string }) => o.id)).toEqual([
      closedYesterday.id,
    ]);
    expect((await server.api<WorkOrderPage>('GET', '/api/work-orders?from=2025-03-14')).body.total).toBe(7);
  });

  it('pages newest first with a cursor, and a new order does not shift the next page', async () => {
    const first = (await server.api<WorkOrderPage>('GET', '/api/work-orders?limit=3')).body;
    expect(first.total).toBe(8);
    expect(first.items).toHaveLength(3);
    clock.advance(60_000);
    await server.api('POST', '/api/work-orders', workOrderIntake());
    const seen = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = (await server.api<WorkOrderPage>('GET', `/api/work-orders?limit=3&cursor=${encodeURIComponent(cursor)}`)).body;
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    const ids = seen.map((o: { id: string }) => o.id);
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
    const created = seen.map((o: { createdAt: string }) => o.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
  });

  it('a bad query names its field; the wall may not search', async () => {
    const bad = await server.api<ErrorBody>('GET', '/api/work-orders?state=lost');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toMatch(/^state/);
    expect(bad.body.error.message).toContain('state');
    expect((await server.api<ErrorBody>('GET', '/api/work-orders?limit=1000')).body.error.field).toBe('limit');
    expect((await server.api<ErrorBody>('GET', '/api/work-orders?cursor=nonsense')).body.error.field).toBe('cursor');
    const wall = await server.api('GET', '/api/work-orders', undefined, await server.headersFor('wall'));
    expect(wall.status).toBe(403);
  });
});
