import type { Snapshot } from './state';
import type { Incident } from '../domain/incident';
import type { Staff } from '../domain/staff';
import type { WorkOrder } from '../domain/work-order';
import type { EventEnvelope } from '../events';
import type { Shift, StaffProfileRecord } from '../coverage/shift';
import type { MonthScore } from '../scoring/types';
import { scoreForWall } from '../scoring/redact-score';

/*
 * What the wall role may see: an allow-list, field by field. The wall runs on a public screen in
 * the control room, so it gets no user names (actors, who reported), no text a person typed
 * (descriptions, reports, reasons, notes, results) and no reporter data. Each function below
 * builds a NEW object naming every field it copies; a field not named here never reaches the wall
 * (a field added to an entity later is blank on the wall until someone decides otherwise here).
 */

export const wallWorkOrder = (o: WorkOrder): WorkOrder => ({
  id: o.id,
  channel: o.channel,
  externalId: o.externalId,
  category: o.category,
  title: o.title,
  description: '',
  location: {
    lat: o.location.lat,
    lng: o.location.lng,
    ...(o.location.address !== undefined ? { address: o.location.address } : {}),
    ...(o.location.gridCell !== undefined ? { gridCell: o.location.gridCell } : {}),
  },
  reporter: null,
  priority: o.priority,
  state: o.state,
  resumeState: o.resumeState,
  handlingDeadline: o.handlingDeadline,
  department: o.department,
  dispatchCount: o.dispatchCount,
  wrongDispatchCount: o.wrongDispatchCount,
  reopenCount: o.reopenCount,
  supervised: o.supervised,
  satisfaction: o.satisfaction,
  timestamps: { ...o.timestamps },
  createdAt: o.createdAt,
  updatedAt: o.updatedAt,
  version: o.version,
});

/** Reports keep their kind and time (首报 arrived at …), not their text or who wrote them. */
export const wallIncident = (i: Incident): Incident => ({
  id: i.id,
  kind: i.kind,
  title: i.title,
  location: {
    lat: i.location.lat,
    lng: i.location.lng,
    ...(i.location.address !== undefined ? { address: i.location.address } : {}),
    ...(i.location.gridCell !== undefined ? { gridCell: i.location.gridCell } : {}),
  },
  severity: i.severity,
  state: i.state,
  reportedAt: i.reportedAt,
  responderId: i.responderId,
  dispatchedAt: i.dispatchedAt,
  dispatchPosition: i.dispatchPosition ? { lat: i.dispatchPosition.lat, lng: i.dispatchPosition.lng } : null,
  distanceKm: i.distanceKm,
  arrivalDeadline: i.arrivalDeadline,
  arrivedAt: i.arrivedAt,
  late: i.late,
  // How the arrival was recorded (geofence, button, lead): not where the phone was.
  ...(i.arrivalSource !== undefined ? { arrivalSource: i.arrivalSource } : {}),
  // Photos never reach the wall, not even their ids.
  reports: i.reports.map((r) => ({ kind: r.kind, at: r.at, text: '', by: '' })),
  closedAt: i.closedAt,
  updatedAt: i.updatedAt,
  version: i.version,
});

/** Staff as the wall draws them: the responder's display name beside the incident, post and duty. */
export const wallStaff = (s: Staff): Staff => ({
  id: s.id,
  name: s.name,
  post: s.post,
  onDuty: s.onDuty,
  active: s.active,
  updatedAt: s.updatedAt,
  version: s.version,
});

export const wallShift = (s: Shift): Shift => ({
  id: s.id,
  staffId: s.staffId,
  start: s.start,
  end: s.end,
  source: s.source,
  updatedAt: s.updatedAt,
  version: s.version,
});

/** The team-headcount dates only; qualifications (birth date, gender, education) stay blank. */
export const wallProfile = (p: StaffProfileRecord): StaffProfileRecord => ({
  id: p.id,
  hireDate: p.hireDate,
  leaveDate: p.leaveDate,
  status: p.status,
  replacementRequestedOn: p.replacementRequestedOn,
  replacementFulfilledOn: p.replacementFulfilledOn,
  education: null,
  lawDegree: false,
  birthDate: null,
  drivingLicence: false,
  gender: null,
  updatedAt: p.updatedAt,
  version: p.version,
});

/**
 * An event as the wall receives it. Its envelope (seq, type, time, entity) always arrives, so the
 * wall's stream has no gap; the actor never does. Of the payload, only the entity keys below are
 * copied, each through its allow-list; anything else (reasons, notes, results, quality checks,
 * faults, manual deductions) arrives as nothing.
 */
export function redactEvent(event: EventEnvelope): EventEnvelope {
  const source = event.payload as Record<string, unknown>;
  const payload: Record<string, unknown> = {};
  if (source.workOrder) payload.workOrder = wallWorkOrder(source.workOrder as WorkOrder);
  if (source.incident) payload.incident = wallIncident(source.incident as Incident);
  if (typeof source.previousResponderId === 'string' || source.previousResponderId === null) payload.previousResponderId = source.previousResponderId;
  if (source.staff) payload.staff = wallStaff(source.staff as Staff);
  if (source.shift) payload.shift = wallShift(source.shift as Shift);
  if (source.profile) payload.profile = wallProfile(source.profile as StaffProfileRecord);
  if (event.type === 'settings.changed') payload.settings = source.settings;
  if (event.type === 'score.monthClosed') {
    payload.score = scoreForWall(source.score as MonthScore);
    if (typeof source.revision === 'number') payload.revision = source.revision;
    payload.auto = source.auto === true;
  }
  if (event.type === 'score.monthReopened') {
    // The reason is typed text: the wall learns that the month reopened, not why.
    payload.month = source.month;
    payload.revision = source.revision;
  }
  return { seq: event.seq, type: event.type, at: event.at, actor: '', entityType: event.entityType, entityId: event.entityId, payload } as EventEnvelope;
}

export function redactSnapshot(snapshot: Snapshot): Snapshot {
  return {
    seq: snapshot.seq,
    serverTime: snapshot.serverTime,
    workOrders: snapshot.workOrders.map(wallWorkOrder),
    incidents: snapshot.incidents.map(wallIncident),
    staff: snapshot.staff.map(wallStaff),
    responders: snapshot.responders.map((p) => ({ responderId: p.responderId, lat: p.lat, lng: p.lng, at: p.at })),
  };
}
