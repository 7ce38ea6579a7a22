import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/connection';
import { SqliteStore } from '../../../server/store/sqlite-store';
import { eventJson, payloadFieldJson } from '../../../server/store/event-json';
import { newWorkOrder, workOrderIntakeSchema } from '../../../shared/domain/work-order';
import { tempDbFile } from '../../support/server';
import { workOrderIntake } from '../../support/factories';

/**
 * The event's JSON is made once, by the store, and reused for the socket broadcast and the HTTP
 * reply: what goes out must be exactly what a fresh JSON.stringify of the stored event gives.
 */
describe('the shared JSON of a committed event', () => {
  it('reads back as the stored event, and cuts the work order out of it for the reply', async () => {
    const store = new SqliteStore(openDatabase(tempDbFile()));
    const intake = workOrderIntakeSchema.parse(workOrderIntake({ reporter: { name: '李四' } }));
    const order = newWorkOrder('WO-1', intake, { lat: 45.6, lng: 84.87 }, new Date('2026-11-30T08:00:00Z'));
    const event = await store.commit([{ kind: 'workOrder', entity: order, expectedVersion: null }], {
      type: 'workOrder.received',
      payload: { workOrder: order },
      entityType: 'workOrder',
      entityId: order.id,
      actor: 'seat-1',
      at: '2026-11-30T08:00:00.000Z',
    });
    expect(JSON.parse(eventJson(event))).toEqual(JSON.parse(JSON.stringify(event)));
    expect(eventJson(event)).toBe(eventJson(event));
    expect(payloadFieldJson(event, 'workOrder')).toBe(JSON.stringify((event.payload as { workOrder: unknown }).workOrder));
    const [fromLog] = await store.eventsAfter(event.seq - 1, 1);
    expect(JSON.parse(eventJson(event))).toEqual(JSON.parse(JSON.stringify(fromLog)));
    await store.close();
  });

  it('falls back to JSON.stringify for an event the store did not make', () => {
    const event = {
      seq: 7,
      type: 'workOrder.received',
      entityType: 'workOrder',
      entityId: 'WO-2',
      actor: 'a',
      at: '2026-11-30T08:00:00.000Z',
      payload: { workOrder: { id: 'WO-2' }, note: 'x' },
    } as never;
    expect(eventJson(event)).toBe(JSON.stringify(event));
    expect(payloadFieldJson(event, 'workOrder')).toBe('{"id":"WO-2"}');
  });
});
