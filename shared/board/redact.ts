import type { Snapshot } from './state';
import type { WorkOrder } from '../domain/work-order';
import type { Incident } from '../domain/incident';
import type { EventEnvelope } from '../events';
import type { StaffProfileRecord } from '../coverage/shift';
import { scoreForWall } from '../scoring/redact-score';

/**
 * Reporters' names and phone numbers never reach the wall role (it runs on a public screen),
 * nor do photos from the field (not even their ids).
 */
export function redactWorkOrder(o: WorkOrder): WorkOrder {
  if (!o.reporter && !o.photos) return o;
  const { photos: _photos, ...rest } = o;
  return { ...rest, reporter: null };
}

/** An incident's reports without their photo ids: the wall shows no photo. */
export function redactIncident(i: Incident): Incident {
  if (!i.reports.some((r) => r.photos)) return i;
  return { ...i, reports: i.reports.map(({ photos: _photos, ...report }) => report) };
}

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
      const payload = event.payload;
      return { ...anonymous, payload: { ...payload, workOrder: redactWorkOrder(payload.workOrder) } } as EventEnvelope;
    }
    case 'staffProfile': {
      const { profile } = event.payload;
      return { ...anonymous, payload: { profile: redactProfile(profile) } } as EventEnvelope;
    }
    case 'incident': {
      const payload = event.payload as { incident: Incident };
      return { ...anonymous, payload: { ...payload, incident: redactIncident(payload.incident) } } as EventEnvelope;
    }
    case 'staff':
    case 'shift':
    case 'settings':
      return anonymous as EventEnvelope;
    default:
      if (event.type === 'score.monthClosed') {
        const { score, recomputed } = event.payload;
        return { ...anonymous, payload: { score: scoreForWall(score), recomputed } } as EventEnvelope;
      }
      return { ...anonymous, payload: {} } as EventEnvelope;
  }
}

export function redactSnapshot(snapshot: Snapshot): Snapshot {
  return { ...snapshot, workOrders: snapshot.workOrders.map(redactWorkOrder), incidents: snapshot.incidents.map(redactIncident) };
}
