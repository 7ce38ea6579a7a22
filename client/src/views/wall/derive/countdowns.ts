import type { Incident, IncidentKind } from '../../../../../shared/domain/incident';
import type { WorkOrder } from '../../../../../shared/domain/work-order';
import { isWorkOrderOpen } from '../../../../../shared/domain/work-order';
import { deadlineUrgency } from '../../../components/map/deadline-urgency';
import type { Urgency } from '../../../components/map/map-colors';

export interface IncidentCountdown {
  id: string;
  kind: IncidentKind;
  title: string;
  /** Address, else the grid cell: where it is, for the room. */
  place: string;
  responderId: string | null;
  /** ms to the arrival deadline (negative once breached); null while nobody is dispatched. */
  msLeft: number | null;
  /** ms since it was reported, for the ones still waiting for a dispatch. */
  msWaiting: number;
  urgency: Urgency | 'waiting';
}

/**
 * Incidents that still have an arrival to make, worst first: breached (most overdue first),
 * then by time left; the ones nobody has been sent to yet follow, longest waiting first.
 * On-scene incidents have met or missed their deadline already and leave the list.
 */
export function incidentCountdowns(incidents: Iterable<Incident>, now: number): IncidentCountdown[] {
  const running: IncidentCountdown[] = [];
  const waiting: IncidentCountdown[] = [];
  for (const i of incidents) {
    const msWaiting = now - Date.parse(i.reportedAt);
    const base = { id: i.id, kind: i.kind, title: i.title, place: i.location.address ?? i.location.gridCell ?? '', responderId: i.responderId, msWaiting };
    if (i.state === 'en_route' && i.arrivalDeadline) {
      const msLeft = Date.parse(i.arrivalDeadline) - now;
      running.push({ ...base, msLeft, urgency: deadlineUrgency(msLeft) });
    } else if (i.state === 'reported') {
      waiting.push({ ...base, msLeft: null, urgency: 'waiting' });
    }
  }
  running.sort((a, b) => a.msLeft! - b.msLeft! || a.id.localeCompare(b.id));
  waiting.sort((a, b) => b.msWaiting - a.msWaiting || a.id.localeCompare(b.id));
  return [...running, ...waiting];
}

/** A work order is "near" its handling deadline in the last hour before it. */
export const ORDER_NEAR_MS = 60 * 60_000;

export interface OrderDeadline {
  id: string;
  title: string;
  msLeft: number;
  urgency: Urgency;
  /** Still 已受理, past the 受理→立单 limit: nobody has filed it. */
  toFile: boolean;
}

/** Parked orders (suspended, difficult) have their clock stopped and are not shown as late. */
const PARKED = new Set(['suspended', 'difficult']);

/**
 * Open orders past or within an hour of their handling deadline, and orders still 已受理 past the
 * 受理→立单 limit (`fileWithinMinutes`, a setting), most overdue first.
 */
export function orderDeadlines(orders: Iterable<WorkOrder>, now: number, fileWithinMinutes: number): OrderDeadline[] {
  const rows: OrderDeadline[] = [];
  for (const o of orders) {
    if (o.state === 'received') {
      const msLeft = Date.parse(o.createdAt) + fileWithinMinutes * 60_000 - now;
      if (msLeft < 0) rows.push({ id: o.id, title: o.title, msLeft, urgency: 'breached', toFile: true });
      continue;
    }
    if (!o.handlingDeadline || !isWorkOrderOpen(o) || PARKED.has(o.state) || o.state === 'handled') continue;
    const msLeft = Date.parse(o.handlingDeadline) - now;
    if (msLeft >= ORDER_NEAR_MS) continue;
    rows.push({ id: o.id, title: o.title, msLeft, urgency: deadlineUrgency(msLeft, ORDER_NEAR_MS), toFile: false });
  }
  return rows.sort((a, b) => a.msLeft - b.msLeft || a.id.localeCompare(b.id));
}

/**
 * The orders that can be on `orderDeadlines`' list at any time up to `horizon`: an order only
 * comes closer to its deadlines as time passes, so the list at any earlier moment is drawn from
 * these. The wall picks them once a minute (with the next minute as horizon) and runs the
 * per-second countdown over them alone, not over every open order (50,000 after a storm).
 */
export function ordersDueBy(orders: Iterable<WorkOrder>, horizon: number, fileWithinMinutes: number): WorkOrder[] {
  const list = [...orders];
  const due = new Set(orderDeadlines(list, horizon, fileWithinMinutes).map((row) => row.id));
  return list.filter((o) => due.has(o.id));
}

/** '03:12', '-02:05' past the deadline, '1:02:33' beyond an hour. */
export function formatCountdown(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}
