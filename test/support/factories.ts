import type { Store } from '../../server/store/store';
import { newWorkOrder, type WorkOrderIntake } from '../../shared/domain/work-order';

let counter = 0;

/** A valid intake body near the Karamay centre; override any field. */
export function workOrderIntake(overrides: Partial<WorkOrderIntake> & Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    channel: 'hotline_12345',
    externalId: `test-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    category: { kind: 'component', class: 'public_facilities', subClass: '井盖破损' },
    title: `井盖破损 ${counter}`,
    description: '天山路井盖破损',
    location: { lat: 45.5954, lng: 84.8731, address: '天山路 1 号' },
    reporter: { name: '张三', phone: '13899990000' },
    priority: 'normal',
    ...overrides,
  };
}

export function incidentIntake(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'waterlogging',
    title: '路面积水',
    severity: 'major',
    location: { lat: 45.6, lng: 84.88, address: '准噶尔路' },
    ...overrides,
  };
}

/** Adds an on-duty responder at a position and returns its id. */
export async function onDutyResponder(
  api: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>,
  id: string,
  at: { lat: number; lng: number } = { lat: 45.5954, lng: 84.8731 },
): Promise<string> {
  const created = await api('POST', '/api/staff', { id, name: `应急员${id}`, post: 'responder', onDuty: true });
  if (created.status !== 201) throw new Error(`responder ${id}: ${JSON.stringify(created.body)}`);
  const moved = await api('POST', `/api/responders/${id}/position`, at);
  if (moved.status !== 200) throw new Error(`position ${id}: ${JSON.stringify(moved.body)}`);
  return id;
}

/**
 * A work order received straight into a store, as the server commits one (the row and its event):
 * for tests and benches that fill a store without a server.
 */
export function commitReceivedOrder(
  store: Store,
  id: string,
  at: Date,
  actor: string,
  location: Parameters<typeof newWorkOrder>[2] = { lat: 45.6, lng: 84.87 },
) {
  const order = newWorkOrder(id, workOrderIntake() as never, location, at);
  return store.commit([{ kind: 'workOrder', entity: order, expectedVersion: null }], {
    type: 'workOrder.received',
    payload: { workOrder: order },
    entityType: 'workOrder',
    entityId: order.id,
    actor,
    at: at.toISOString(),
  });
}
