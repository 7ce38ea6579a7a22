import type { Incident } from '../domain/incident';
import type { Channel, WorkOrder } from '../domain/work-order';
import { fileDeadline } from '../sla';
import type { ContractSettings } from '../settings';

/**
 * Where an open order stands in the shift's work, as the board's tabs and the wall's backlog count
 * it. One function, so the board and the wall can never disagree:
 * - 待受理 `to_accept`: a citizen's self-service report (WeChat mini-program, APP) that no seat has
 *   accepted yet; hotline calls, patrols, evaluators, inspections and leaders' instructions are
 *   accepted by a person at the source, so they start at 待立单.
 * - 待立单 `to_file`: received, to be filed (立单) or screened out (不予立案).
 * - 待派遣 `to_dispatch`: filed, no department yet.
 * - 处置中 `in_hand`: dispatched, in progress, suspended or difficult.
 * - 待回访 `to_call_back`: handled, waiting for the citizen's call-back.
 * - 已回访 `closed`: rejected, called back or evaluated (not on the board's open lists).
 */
export const ORDER_STAGES = ['to_accept', 'to_file', 'to_dispatch', 'in_hand', 'to_call_back', 'closed'] as const;
export type OrderStage = (typeof ORDER_STAGES)[number];

const SELF_SERVICE: readonly Channel[] = ['wechat', 'app'];

export function orderStage(order: Pick<WorkOrder, 'state' | 'channel'>): OrderStage {
  switch (order.state) {
    case 'received':
      return SELF_SERVICE.includes(order.channel) ? 'to_accept' : 'to_file';
    case 'filed':
      return 'to_dispatch';
    case 'dispatched':
    case 'in_progress':
    case 'suspended':
    case 'difficult':
      return 'in_hand';
    case 'handled':
      return 'to_call_back';
    default:
      return 'closed';
  }
}

/** The running limit of an order: 受理→立单 while received, the handling deadline after; none when paused or done. */
export function orderDueAt(
  order: Pick<WorkOrder, 'state' | 'createdAt' | 'handlingDeadline'>,
  handling: Pick<ContractSettings['handling'], 'fileWithinMinutes'>,
): number | null {
  if (order.state === 'received') return fileDeadline(order.createdAt, handling).getTime();
  if (order.state === 'filed' || order.state === 'dispatched' || order.state === 'in_progress') {
    return order.handlingDeadline ? Date.parse(order.handlingDeadline) : null;
  }
  return null;
}

export type DueLevel = 'ok' | 'due_soon' | 'overdue';

/**
 * 临期 within `dueSoonMinutes` of the handling deadline (in the last third of the 受理→立单 limit
 * for a received order: that limit is minutes, not days), 超期 past it.
 */
export function orderDueLevel(
  order: Pick<WorkOrder, 'state' | 'createdAt' | 'handlingDeadline'>,
  now: number,
  settings: { handling: Pick<ContractSettings['handling'], 'fileWithinMinutes'>; alerts: Pick<ContractSettings['alerts'], 'dueSoonMinutes'> },
): DueLevel {
  const due = orderDueAt(order, settings.handling);
  if (due === null) return 'ok';
  if (now > due) return 'overdue';
  const window = order.state === 'received' ? (settings.handling.fileWithinMinutes * 60_000) / 3 : settings.alerts.dueSoonMinutes * 60_000;
  return due - now <= window ? 'due_soon' : 'ok';
}

/** An incident waiting undispatched longer than the alert limit. */
export function incidentWaitingTooLong(
  incident: Pick<Incident, 'state' | 'reportedAt'>,
  now: number,
  alerts: Pick<ContractSettings['alerts'], 'undispatchedMinutes'>,
): boolean {
  return incident.state === 'reported' && now - Date.parse(incident.reportedAt) > alerts.undispatchedMinutes * 60_000;
}

/** A responder not on scene after the arrival deadline. */
export function incidentArrivalLate(incident: Pick<Incident, 'state' | 'arrivalDeadline'>, now: number): boolean {
  return incident.state === 'en_route' && incident.arrivalDeadline !== null && now > Date.parse(incident.arrivalDeadline);
}
