import { z } from 'zod';
import { apiKeyCreateSchema, emptyCommandSchema, loginSchema, passwordResetSchema, userCreateSchema } from '../auth/accounts';
import type { ApiKeyView, CreatedApiKey, Me, UserView } from '../auth/accounts';
import type { Snapshot } from '../board/state';
import type { WorkOrderPage } from '../board/work-order-query';
import {
  replacementFulfilSchema,
  replacementRequestSchema,
  rotationRequestSchema,
  scheduleImportSchema,
  shiftCreateSchema,
  shiftDeleteSchema,
  shiftEditSchema,
  type Shift,
  type StaffProfileRecord,
} from '../coverage/shift';
import { dayKeySchema, staffProfileEditSchema } from '../coverage/staff-profile';
import type { StaffingDay } from '../coverage/team-headcount';
import type { CoverageNowView, RosterWeekView } from '../coverage/views';
import { incidentActionSchema, incidentIntakeSchema, type Incident } from '../domain/incident';
import { dutySchema, positionInputSchema, staffCreateSchema, type ResponderPosition, type Staff } from '../domain/staff';
import { workOrderActionSchema, workOrderIntakeSchema, type WorkOrder } from '../domain/work-order';
import type { EventEnvelope } from '../events';
import { evaluatorReportSchema, fieldArriveSchema, fieldDutySchema, fieldPositionSchema, fieldReportSchema } from '../field/field-commands';
import type { EvaluatorReportView, FieldHome, PositionAck } from '../field/field-views';
import { DEFAULT_SERVICE_TARGET, type SeatDemandHour } from '../planning/seat-demand';
import type { OperationsAnalysis } from '../reports/operations-analysis';
import type { Role } from '../roles';
import {
  closeMonthSchema,
  faultRepairSchema,
  faultReportSchema,
  judgeDispatchSchema,
  manualDeductionSchema,
  manualRevisionSchema,
  monthParamSchema,
  qualityCheckSchema,
  reopenMonthSchema,
  settingsChangeSchema,
  verifyReportSchema,
} from '../scoring/commands';
import type { EquipmentFault, EvaluatorVerification, ManualDeduction, QualityCheck } from '../scoring/score-events';
import type { MonthScore } from '../scoring/types';
import type { WhatIfView } from '../scoring/what-if-kinds';
import type { ContractSettings } from '../settings';

/*
 * The REST routes, once, as shared/realtime/commands.ts has the socket commands: for each
 * `METHOD /api/path` the role it needs, the schema its body is checked with (by the command the
 * route runs, as on the socket), the schema of its query string (checked by the router), and — in
 * RestResults below — what it answers. The server registers each route from this table
 * (server/http/rest-route.ts) and the client's `api()` (client/src/api.ts) derives its types from
 * it, so a misspelled route, a wrong body or a wrong result type is a compile error on both sides.
 * A refusal is always `{ error: ApiError }` (protocol.ts).
 *
 * Not here: file bodies and downloads (photo uploads, GET /api/photos/:id, the report workbooks and
 * PDF, the audit CSV/XLSX export), the audit search that shares its URL with that export, the
 * month-report archive (a server file), and Open311 (its own published contract, /open311/v2).
 */

/** Query strings the router checks before a read runs. */
export const eventsQuerySchema = z.strictObject({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});
/** Other keys are let through on the score (screens add their own, e.g. `lang`); what-if takes only `month`. */
export const scoreQuerySchema = z.object({ month: monthParamSchema.optional() });
export const whatIfQuerySchema = z.strictObject({ month: monthParamSchema.optional() });
export const rosterWeekQuerySchema = z.strictObject({
  from: dayKeySchema.optional(),
  days: z.coerce.number().int().min(1).max(31).default(7),
});
/** Whole days from `from` to `to`, both counted. */
export function daysBetweenCount(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}
export const coverageDaysQuerySchema = z
  .strictObject({ from: dayKeySchema, to: dayKeySchema })
  .refine((q) => q.from <= q.to, { message: 'must not be before from', path: ['to'] })
  .refine((q) => daysBetweenCount(q.from, q.to) <= 366, { message: 'at most 366 days', path: ['to'] });
export const seatDemandQuerySchema = z.strictObject({
  from: dayKeySchema.optional(),
  days: z.coerce.number().int().min(1).max(14).default(7),
  serviceLevel: z.coerce.number().gt(0).lt(1).default(DEFAULT_SERVICE_TARGET.serviceLevel),
  answerSeconds: z.coerce.number().int().min(0).max(600).default(DEFAULT_SERVICE_TARGET.answerSeconds),
});

/**
 * `role`: the least role that may call (roles.ts ranks them); a list: exactly one of these roles
 * (the phone's routes: no office role includes them); null: anyone (the route checks for itself).
 */
export interface RestRouteSpec {
  role: Role | readonly Role[] | null;
  body?: z.ZodType;
  query?: z.ZodType;
}

const FIELD_PERSON = ['responder', 'evaluator'] as const;

export const REST_ROUTES = {
  'GET /api/health': { role: null },
  'POST /api/login': { role: null, body: loginSchema },
  'POST /api/logout': { role: null },
  'GET /api/me': { role: null },

  'GET /api/snapshot': { role: 'wall' },
  'GET /api/events': { role: 'lead', query: eventsQuerySchema },
  'GET /api/settings': { role: 'wall' },
  'POST /api/settings': { role: 'manager', body: settingsChangeSchema },

  // Board: work orders and incidents. The search and duplicate queries are parsed by their services
  // (work-order-query.ts, work-order.duplicates.ts): the client sends them as plain strings.
  'POST /api/work-orders': { role: 'intake', body: workOrderIntakeSchema },
  'GET /api/work-orders': { role: 'seat' },
  'GET /api/work-orders/duplicates': { role: 'seat' },
  'GET /api/work-orders/:id': { role: 'seat' },
  'POST /api/work-orders/:id/actions': { role: 'seat', body: workOrderActionSchema },
  'GET /api/work-orders/:id/events': { role: 'seat' },
  'POST /api/incidents': { role: 'lead', body: incidentIntakeSchema },
  'GET /api/incidents/:id': { role: 'lead' },
  'POST /api/incidents/:id/actions': { role: 'lead', body: incidentActionSchema },
  'GET /api/incidents/:id/events': { role: 'lead' },
  'GET /api/staff': { role: 'wall' },
  'POST /api/staff': { role: 'manager', body: staffCreateSchema },
  'POST /api/staff/:id/duty': { role: 'lead', body: dutySchema },
  'POST /api/responders/:id/position': { role: 'lead', body: positionInputSchema },

  // Score: reading is open to every screen; judgments and deductions need a manager, checks and faults a lead.
  'GET /api/score': { role: 'wall', query: scoreQuerySchema },
  'GET /api/score/what-if': { role: 'wall', query: whatIfQuerySchema },
  'POST /api/score/:month/close': { role: 'manager', body: closeMonthSchema },
  'POST /api/score/:month/reopen': { role: 'manager', body: reopenMonthSchema },
  'POST /api/work-orders/:id/quality-check': { role: 'lead', body: qualityCheckSchema },
  'POST /api/work-orders/:id/judge-dispatch': { role: 'manager', body: judgeDispatchSchema },
  'POST /api/evaluator-reports/:id/verify': { role: 'manager', body: verifyReportSchema },
  'GET /api/equipment-faults': { role: 'lead' },
  'POST /api/equipment-faults': { role: 'lead', body: faultReportSchema },
  'POST /api/equipment-faults/:id/repair': { role: 'lead', body: faultRepairSchema },
  'GET /api/score/deductions': { role: 'manager' },
  'POST /api/score/deductions': { role: 'manager', body: manualDeductionSchema },
  'POST /api/score/deductions/:id/revise': { role: 'manager', body: manualRevisionSchema },

  // Roster, coverage and planning.
  'GET /api/coverage/now': { role: 'wall' },
  'GET /api/coverage/days': { role: 'lead', query: coverageDaysQuerySchema },
  'GET /api/roster/week': { role: 'lead', query: rosterWeekQuerySchema },
  'POST /api/shifts': { role: 'lead', body: shiftCreateSchema },
  'POST /api/shifts/:id/edit': { role: 'lead', body: shiftEditSchema },
  'POST /api/shifts/:id/delete': { role: 'lead', body: shiftDeleteSchema },
  'POST /api/roster/rotation': { role: 'lead', body: rotationRequestSchema },
  /** 422 `invalid_rows` when any row is bad: the error carries `rows`. */
  'POST /api/roster/import': { role: 'lead', body: scheduleImportSchema },
  'POST /api/roster/profiles/:id': { role: 'manager', body: staffProfileEditSchema },
  'POST /api/roster/profiles/:id/replacement-request': { role: 'manager', body: replacementRequestSchema },
  'POST /api/roster/profiles/:id/replacement-fulfilled': { role: 'manager', body: replacementFulfilSchema },
  'GET /api/planning/seat-demand': { role: 'lead', query: seatDemandQuerySchema },
  // The operations analysis's query is parsed by the report (server/reports/operations-report.ts).
  'GET /api/reports/operations': { role: 'manager' },

  // People and machine keys (admin).
  'GET /api/users': { role: 'admin' },
  'POST /api/users': { role: 'admin', body: userCreateSchema },
  'POST /api/users/:username/disable': { role: 'admin', body: emptyCommandSchema },
  'POST /api/users/:username/enable': { role: 'admin', body: emptyCommandSchema },
  'POST /api/users/:username/password': { role: 'admin', body: passwordResetSchema },
  'GET /api/api-keys': { role: 'admin' },
  'POST /api/api-keys': { role: 'admin', body: apiKeyCreateSchema },
  'POST /api/api-keys/:id/revoke': { role: 'admin' },

  // The phone (responders and evaluators); writes carry an Idempotency-Key header.
  'GET /api/field/me': { role: FIELD_PERSON },
  'POST /api/field/duty': { role: FIELD_PERSON, body: fieldDutySchema },
  'POST /api/field/position': { role: 'responder', body: fieldPositionSchema },
  'POST /api/field/incidents/:id/arrive': { role: 'responder', body: fieldArriveSchema },
  'POST /api/field/incidents/:id/report': { role: 'responder', body: fieldReportSchema },
  'GET /api/field/evaluator-reports': { role: 'evaluator' },
  'POST /api/field/evaluator-reports': { role: 'evaluator', body: evaluatorReportSchema },
} as const satisfies Record<string, RestRouteSpec>;

/** `GET /api/health`: up, the last committed seq, the client build being served, and which node answered. */
export interface Health {
  ok: true;
  seq: number;
  build: string | null;
  /** GRIDOPS_NODE_ID of the node that answered, behind a proxy; null on a single node. */
  node: string | null;
}

/** One item's events, oldest first (the dispatch board's timeline). */
export interface Timeline {
  events: EventEnvelope[];
}

/** What each route answers on success. */
export interface RestResults {
  'GET /api/health': Health;
  'POST /api/login': Me;
  'POST /api/logout': { ok: true };
  'GET /api/me': Me;
  'GET /api/snapshot': Snapshot;
  'GET /api/events': { events: EventEnvelope[] };
  'GET /api/settings': ContractSettings;
  'POST /api/settings': ContractSettings;
  'POST /api/work-orders': WorkOrder;
  'GET /api/work-orders': WorkOrderPage;
  'GET /api/work-orders/duplicates': { items: Array<WorkOrder & { distanceM: number }> };
  'GET /api/work-orders/:id': WorkOrder;
  'POST /api/work-orders/:id/actions': WorkOrder;
  'GET /api/work-orders/:id/events': Timeline;
  'POST /api/incidents': Incident;
  'GET /api/incidents/:id': Incident;
  'POST /api/incidents/:id/actions': Incident;
  'GET /api/incidents/:id/events': Timeline;
  'GET /api/staff': Staff[];
  'POST /api/staff': Staff;
  'POST /api/staff/:id/duty': Staff;
  'POST /api/responders/:id/position': ResponderPosition;
  'GET /api/score': MonthScore;
  'GET /api/score/what-if': WhatIfView;
  'POST /api/score/:month/close': MonthScore;
  'POST /api/score/:month/reopen': MonthScore;
  'POST /api/work-orders/:id/quality-check': QualityCheck;
  'POST /api/work-orders/:id/judge-dispatch': WorkOrder;
  'POST /api/evaluator-reports/:id/verify': EvaluatorVerification;
  'GET /api/equipment-faults': EquipmentFault[];
  'POST /api/equipment-faults': EquipmentFault;
  'POST /api/equipment-faults/:id/repair': EquipmentFault;
  /** Each deduction as it stands, with every revision entered (oldest first). */
  'GET /api/score/deductions': Array<ManualDeduction & { history: ManualDeduction[] }>;
  'POST /api/score/deductions': ManualDeduction;
  'POST /api/score/deductions/:id/revise': ManualDeduction;
  'GET /api/coverage/now': CoverageNowView;
  'GET /api/coverage/days': StaffingDay[];
  'GET /api/roster/week': RosterWeekView;
  'POST /api/shifts': Shift;
  'POST /api/shifts/:id/edit': Shift;
  'POST /api/shifts/:id/delete': Shift;
  'POST /api/roster/rotation': Shift[];
  'POST /api/roster/import': Shift[];
  'POST /api/roster/profiles/:id': StaffProfileRecord;
  'POST /api/roster/profiles/:id/replacement-request': StaffProfileRecord;
  'POST /api/roster/profiles/:id/replacement-fulfilled': StaffProfileRecord;
  'GET /api/planning/seat-demand': SeatDemandHour[];
  'GET /api/reports/operations': OperationsAnalysis;
  'GET /api/users': UserView[];
  'POST /api/users': UserView;
  'POST /api/users/:username/disable': UserView;
  'POST /api/users/:username/enable': UserView;
  'POST /api/users/:username/password': UserView;
  'GET /api/api-keys': ApiKeyView[];
  'POST /api/api-keys': CreatedApiKey;
  'POST /api/api-keys/:id/revoke': { ok: true };
  'GET /api/field/me': FieldHome;
  'POST /api/field/duty': Staff;
  'POST /api/field/position': PositionAck;
  'POST /api/field/incidents/:id/arrive': Incident;
  'POST /api/field/incidents/:id/report': Incident;
  'GET /api/field/evaluator-reports': EvaluatorReportView[];
  'POST /api/field/evaluator-reports': WorkOrder;
}

export type RouteKey = keyof typeof REST_ROUTES & keyof RestResults;
type Spec<K extends RouteKey> = (typeof REST_ROUTES)[K];

export type RouteMethod<K extends RouteKey> = K extends `${infer M} ${string}` ? M : never;
type PathOf<K extends RouteKey> = K extends `${string} ${infer P}` ? P : never;
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** The `:name` segments of a route's path, as strings. */
export type RouteParams<K extends RouteKey> = { [N in ParamNames<PathOf<K>>]: string };
/** The body a client sends (the schema's input); routes without a body schema take none. */
export type RouteBody<K extends RouteKey> = Spec<K> extends { body: z.ZodType } ? z.input<Spec<K>['body']> : never;
/** The query a client sends: the schema's input, or plain strings for a query the service parses. */
export type RouteQuery<K extends RouteKey> = Spec<K> extends { query: z.ZodType } ? z.input<Spec<K>['query']> : Record<string, string | number | undefined>;
/** The query as the router hands it to the route, checked. */
export type RouteQueryChecked<K extends RouteKey> = Spec<K> extends { query: z.ZodType } ? z.output<Spec<K>['query']> : undefined;
export type RouteResult<K extends RouteKey> = RestResults[K];

/** `/api/work-orders/:id/actions` with `{ id: 'WO 1' }` → `/api/work-orders/WO%201/actions`. */
export function routePath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${path}: no value for :${name}`);
    return encodeURIComponent(value);
  });
}

/** `METHOD /path` → its two halves. */
export function splitRouteKey(key: RouteKey): { method: 'GET' | 'POST'; path: string } {
  const [method, path] = key.split(' ') as ['GET' | 'POST', string];
  return { method, path };
}
