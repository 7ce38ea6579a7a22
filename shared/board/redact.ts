import type { Snapshot } from './state';
import type { WorkOrder } from '../domain/work-order';
import type { EventEnvelope } from '../events';
import type { StaffProfileRecord } from '../coverage/shift';
import type { MonthScore } from '../scoring/types';
import { scoreForWall } from '../scoring/redact-score';

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

/**
 * What the wall role may see of an event. An allow-list: board entities (orders without their
 * reporter, incidents, staff, shifts, settings), a closed month's score without names and reasons.
 * Any other event (score facts: deductions, faults, checks) reaches the wall with an empty payload,
 * so its seq still arrives and the stream has no gap. Nobody's user name (the actor) is sent.
 */
export function redactEvent(event: EventEnvelope): EventEnvelope {
  const anonymous = { ...event, actor: '' };
  switch (event.entityType) {
    case 'workOrder': {
      // The order alone: typed reasons and notes stay off the wall.
      const payload = event.payload as { workOrder: WorkOrder };
      return { ...anonymous, payload: { workOrder: redactWorkOrder(payload.workOrder) } } as EventEnvelope;
    }
    case 'incident': {
      // The incident alone: a lead's reason for sending a busy responder stays off the wall.
      const { incident } = event.payload as { incident: unknown };
      return { ...anonymous, payload: { incident } } as EventEnvelope;
    }
    case 'staffProfile': {
      const { profile } = event.payload as { profile: StaffProfileRecord };
      return { ...anonymous, payload: { profile: redactProfile(profile) } } as EventEnvelope;
    }
    case 'staff':
    case 'shift':
    case 'settings':
      return anonymous as EventEnvelope;
    default:
      if (event.type === 'score.monthClosed') {
        const { score, recomputed } = event.payload as { score: MonthScore; recomputed: boolean };
        return { ...anonymous, payload: { score: scoreForWall(score), recomputed } } as EventEnvelope;
      }
      return { ...anonymous, payload: {} } as EventEnvelope;
  }
}

export function redactSnapshot(snapshot: Snapshot): Snapshot {
  return { ...snapshot, workOrders: snapshot.workOrders.map(redactWorkOrder) };
}
