import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workOrderIntake } from '../../support/factories';
import { connectClient, startTestServer, type TestServer, type ErrorBody } from '../../support/server';
import type { WorkOrder } from '../../../shared/domain/work-order';
import type { EventEnvelope } from '../../../shared/events';

/** Possible duplicates at order entry: same 小类 nearby and recent; a repeat report merges into the order. */
describe('duplicates and merging a repeat report', () => {
  let server: TestServer;
  const manhole = { kind: 'component', class: 'public_facilities', subClass: '污水井盖' } as const;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('finds the open order of the same 小类 within 200 m, not one farther away or of another 小类', async () => {
    const near = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake({ category: manhole, location: { lat: 45.5954, lng: 84.8731 } })))
      .body;
    await server.api('POST', '/api/work-orders', workOrderIntake({ category: manhole, location: { lat: 45.6054, lng: 84.8731 } })); // ~1.1 km
    await server.api('POST', '/api/work-orders', workOrderIntake({ category: { ...manhole, subClass: '雨水井盖' }, location: { lat: 45.5955, lng: 84.8731 } }));
    const res = await server.api<{ items: Array<WorkOrder & { distanceM: number }> }>(
      'GET',
      '/api/work-orders/duplicates?kind=component&class=public_facilities&subClass=' + encodeURIComponent('污水井盖') + '&lat=45.5960&lng=84.8731',
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.map((o: { id: string }) => o.id)).toEqual([near.id]);
    expect(res.body.items[0].distanceM).toBeGreaterThan(50);
    expect(res.body.items[0].distanceM).toBeLessThan(80);
    const bad = await server.api<ErrorBody>('GET', '/api/work-orders/duplicates?kind=component&class=public_facilities&subClass=x&lat=99&lng=84');
    expect(bad.body.error.field).toBe('lat');
  });

  it('a merged repeat report is kept in the order’s timeline and never reaches the wall', async () => {
    const order = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake({ category: manhole }))).body;
    const wall = await connectClient({ url: server.url, headers: await server.headersFor('wall') });
    try {
      const merged = await server.api<WorkOrder>('POST', `/api/work-orders/${order.id}/actions`, {
        action: 'add-report',
        expectedVersion: order.version,
        channel: 'hotline_12345',
        description: '又有市民来电反映',
        reporter: { name: '赵六', phone: '13900001111' },
      });
      expect(merged.status, JSON.stringify(merged.body)).toBe(200);
      expect(merged.body.state).toBe('received');
      const timeline = (await server.api<{ events: EventEnvelope[] }>('GET', `/api/work-orders/${order.id}/events`)).body.events;
      expect(timeline.at(-1)).toMatchObject({ type: 'workOrder.reportAdded', payload: { report: { reporter: { phone: '13900001111' } } } });
      await expect.poll(() => wall.received.some((e) => e.type === 'workOrder.reportAdded')).toBe(true);
      expect(JSON.stringify(wall.received)).not.toContain('13900001111');
    } finally {
      wall.close();
    }
  });
});
