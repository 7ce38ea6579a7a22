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
  z.strictObject({ action: z.literal('report'), ...base, kind: z.enum(REPORT_KINDS), text: longText.pipe(z.string().trim().min(1)) }),
  z.strictObject({ action: z.literal('close'), ...base, text: z.string().max(4000).optional() }),
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
    case 'arrive':
      next.state = 'on_scene';
      next.arrivedAt = now;
      next.late = incident.arrivalDeadline !== null && at.getTime() > new Date(incident.arrivalDeadline).getTime();
      break;
    case 'report':
      if (command.kind === 'closure') {
        throw new DomainError('invalid', "a closure report is made with the 'close' action", { field: 'kind' });
      }
      next.reports.push({ kind: command.kind, text: command.text, at: now, by: actor });
      break;
    case 'close':
      next.state = 'closed';
      next.closedAt = now;
      next.reports.push({ kind: 'closure', text: command.text ?? '', at: now, by: actor });
      break;
  }
  return next;
}

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
    late: null,
    reports: [],
    closedAt: null,
    updatedAt: at.toISOString(),
    version: 1,
  };
}
