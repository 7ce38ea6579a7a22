import { z } from 'zod';
import { DomainError, idSchema, locationInputSchema, longText, shortText, type Location } from './common';
import type { LatLng } from '../geo/distance';

export const INCIDENT_KINDS = [
  'waterlogging', // 积水
  'manhole', // 井盖
  'fallen_tree', // 树木倒伏
  'fire', // 火情
  'gas_leak', // 燃气泄漏
  'road_damage', // 道路塌陷
  'pipe_burst', // 管道爆裂
  'other', // 其他
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const SEVERITIES = ['minor', 'major', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const INCIDENT_STATES = [
  'reported', // 待派遣
  'en_route', // 赶赴中
  'on_scene', // 已到场
  'closed', // 已结案
] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

export const REPORT_KINDS = ['first', 'follow-up', 'closure'] as const; // 首报 / 续报 / 结案
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface IncidentReport {
  kind: ReportKind;
  text: string;
  at: string;
  by: string;
  /** Photo ids (GET /api/photos/:id); absent on reports without photos. Never sent to the wall. */
  photos?: string[];
}

/**
 * How an arrival was recorded — the evidence behind the time the contract pays on:
 * geofence: the responder's phone reported a fix inside the site's radius (automatic);
 * button: the responder pressed 到场 and the phone's position at that moment was stored;
 * lead: a shift lead entered it on the dispatch board (hearsay, no position).
 */
export const ARRIVAL_SOURCES = ['geofence', 'button', 'lead'] as const;
export type ArrivalSource = (typeof ARRIVAL_SOURCES)[number];

/** What the caller knows about an arrival beyond its time; a lead's arrival has no position. */
export interface ArrivalEvidence {
  source: ArrivalSource;
  position: LatLng | null;
  /** When it happened, if not now (a button pressed while offline, a geofence fix). */
  at?: Date;
}

export interface Incident {
  id: string;
  kind: IncidentKind;
  title: string;
  location: Location;
  severity: Severity;
  state: IncidentState;
  reportedAt: string;
  responderId: string | null;
  dispatchedAt: string | null;
  /** Where the responder was when dispatched: the distance and deadline are measured from here. */
  dispatchPosition: LatLng | null;
  distanceKm: number | null;
  arrivalDeadline: string | null;
  arrivedAt: string | null;
  /** Optional so older stored events still fold; null/absent until arrival. */
  arrivalSource?: ArrivalSource | null;
  /** Where the phone was when the arrival was recorded (geofence fix or button press). */
  arrivalPosition?: LatLng | null;
  /** Arrived after the deadline (协调不及时); null until arrival. */
  late: boolean | null;
  reports: IncidentReport[];
  closedAt: string | null;
  updatedAt: string;
  version: number;
}

export const isIncidentOpen = (i: { state: IncidentState }) => i.state !== 'closed';

export const incidentIntakeSchema = z.strictObject({
  kind: z.enum(INCIDENT_KINDS),
  title: shortText,
  location: locationInputSchema,
  severity: z.enum(SEVERITIES).default('major'),
  reportedAt: z.iso.datetime({ offset: true }).optional(),
});
export type IncidentIntake = z.infer<typeof incidentIntakeSchema>;

export const MAX_PHOTOS_PER_REPORT = 6;

const base = { expectedVersion: z.number().int().nonnegative() };
export const incidentActionSchema = z.discriminatedUnion('action', [
  /** First dispatch, or a reassignment to another responder (the deadline restarts from the new responder). */
  z.strictObject({
    action: z.literal('dispatch'),
    ...base,
    responderId: idSchema,
    /**
     * Sending a responder who is busy on another incident or off duty needs this: the lead's
     * confirmation and why, recorded in the dispatch event.
     */
    busyReason: shortText.optional(),
  }),
  z.strictObject({ action: z.literal('arrive'), ...base }),
  z.strictObject({
    action: z.literal('report'),
    ...base,
    kind: z.enum(REPORT_KINDS),
    text: longText.pipe(z.string().trim().min(1)),
    photos: z.array(idSchema).max(MAX_PHOTOS_PER_REPORT).optional(),
  }),
  z.strictObject({
    action: z.literal('close'),
    ...base,
    text: z.string().max(4000).optional(),
    photos: z.array(idSchema).max(MAX_PHOTOS_PER_REPORT).optional(),
  }),
]);
export type IncidentAction = z.infer<typeof incidentActionSchema>;
export type IncidentActionName = IncidentAction['action'];

const ALLOWED_FROM: Record<IncidentActionName, readonly IncidentState[]> = {
  dispatch: ['reported', 'en_route'],
  arrive: ['en_route'],
  report: ['en_route', 'on_scene'],
  close: ['on_scene'],
};

export const INCIDENT_EVENT_OF = {
  dispatch: 'dispatched',
  arrive: 'arrived',
  report: 'reported',
  close: 'closed',
} as const satisfies Record<IncidentActionName, string>;

export function canApplyIncidentAction(incident: Pick<Incident, 'state'>, action: IncidentActionName): boolean {
  return ALLOWED_FROM[action].includes(incident.state);
}

export interface DispatchContext {
  responderPosition: LatLng;
  distanceKm: number;
  deadline: Date;
}

/**
 * Applies an action to an incident. `dispatch` needs the context (responder position, distance,
 * deadline), computed by the caller from the responder's last position and the SLA bands.
 */
export function applyIncidentAction(
  incident: Incident,
  command: IncidentAction,
  at: Date,
  actor: string,
  dispatch?: DispatchContext,
  arrival: ArrivalEvidence = { source: 'lead', position: null },
): Incident {
  if (!canApplyIncidentAction(incident, command.action)) {
    throw new DomainError('illegal_transition', `cannot ${command.action} an incident in state '${incident.state}'`, {
      field: 'action',
      currentState: incident.state,
    });
  }
  const now = at.toISOString();
  const next: Incident = { ...incident, reports: [...incident.reports], updatedAt: now, version: incident.version + 1 };
  switch (command.action) {
    case 'dispatch':
      if (!dispatch) throw new DomainError('invalid', 'dispatch needs the responder position', { field: 'responderId' });
      next.state = 'en_route';
      next.responderId = command.responderId;
      next.dispatchedAt = now;
      next.dispatchPosition = dispatch.responderPosition;
      next.distanceKm = Math.round(dispatch.distanceKm * 1000) / 1000;
      next.arrivalDeadline = dispatch.deadline.toISOString();
      break;
    case 'arrive': {
      const arrivedAt = arrival.at ?? at;
      next.state = 'on_scene';
      next.arrivedAt = arrivedAt.toISOString();
      next.arrivalSource = arrival.source;
      next.arrivalPosition = arrival.position;
      next.late = incident.arrivalDeadline !== null && arrivedAt.getTime() > new Date(incident.arrivalDeadline).getTime();
      break;
    }
    case 'report':
      if (command.kind === 'closure') {
        throw new DomainError('invalid', "a closure report is made with the 'close' action", { field: 'kind' });
      }
      next.reports.push({ kind: command.kind, text: command.text, at: now, by: actor, ...photosOf(command) });
      break;
    case 'close':
      next.state = 'closed';
      next.closedAt = now;
      next.reports.push({ kind: 'closure', text: command.text ?? '', at: now, by: actor, ...photosOf(command) });
      break;
  }
  return next;
}

const photosOf = (command: { photos?: string[] }) => (command.photos?.length ? { photos: command.photos } : {});

export function newIncident(id: string, intake: IncidentIntake, location: Location, at: Date): Incident {
  return {
    id,
    kind: intake.kind,
    title: intake.title,
    location,
    severity: intake.severity ?? 'major',
    state: 'reported',
    reportedAt: (intake.reportedAt ? new Date(intake.reportedAt) : at).toISOString(),
    responderId: null,
    dispatchedAt: null,
    dispatchPosition: null,
    distanceKm: null,
    arrivalDeadline: null,
    arrivedAt: null,
    arrivalSource: null,
    arrivalPosition: null,
    late: null,
    reports: [],
    closedAt: null,
    updatedAt: at.toISOString(),
    version: 1,
  };
}
