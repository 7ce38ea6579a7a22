import type { Snapshot } from './state';
import type { WorkOrder } from '../domain/work-order';
import type { EventEnvelope } from '../events';

/** Reporters' names and phone numbers never reach the wall role (it runs on a public screen). */
export const redactWorkOrder = (o: WorkOrder): WorkOrder => (o.reporter ? { ...o, reporter: null } : o);

export function redactEvent(event: EventEnvelope): EventEnvelope {
  const payload = event.payload as { workOrder?: WorkOrder };
  if (!payload.workOrder) return event;
  return { ...event, payload: { ...payload, workOrder: redactWorkOrder(payload.workOrder) } } as EventEnvelope;
}

export function redactSnapshot(snapshot: Snapshot): Snapshot {
  return { ...snapshot, workOrders: snapshot.workOrders.map(redactWorkOrder) };
}
