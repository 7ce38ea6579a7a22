import type { Snapshot } from './state';
import type { WorkOrder } from '../domain/work-order';
import type { EventEnvelope } from '../events';
import type { StaffProfileRecord } from '../coverage/shift';

/** Reporters' names and phone numbers never reach the wall role (it runs on a public screen). */
export const redactWorkOrder = (o: WorkOrder): WorkOrder => (o.reporter ? { ...o, reporter: null } : o);

/** Nor do staff qualifications (birth date, gender, education): the wall needs only the dates. */
const redactProfile = (p: StaffProfileRecord): StaffProfileRecord => ({
  ...p,
  education: null,
  lawDegree: false,
  birthDate: null,
  drivingLicence: false,
  gender: null,
});

export function redactEvent(event: EventEnvelope): EventEnvelope {
  if (event.entityType === 'staffProfile') {
    const { profile } = event.payload as { profile: StaffProfileRecord };
    return { ...event, payload: { profile: redactProfile(profile) } } as EventEnvelope;
  }
  const payload = event.payload as { workOrder?: WorkOrder };
  if (!payload.workOrder) return event;
  return { ...event, payload: { ...payload, workOrder: redactWorkOrder(payload.workOrder) } } as EventEnvelope;
}

export function redactSnapshot(snapshot: Snapshot): Snapshot {
  return { ...snapshot, workOrders: snapshot.workOrders.map(redactWorkOrder) };
}
