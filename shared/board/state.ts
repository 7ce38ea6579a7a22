import { isIncidentOpen, type Incident } from '../domain/incident';
import type { ResponderPosition, Staff } from '../domain/staff';
import { isWorkOrderOpen, type WorkOrder } from '../domain/work-order';
import type { EventEnvelope } from '../events';

/** What a client needs to draw the board, stamped with the `seq` it reflects. */
export interface Snapshot {
  seq: number;
  serverTime: string;
  workOrders: WorkOrder[];
  incidents: Incident[];
  staff: Staff[];
  responders: ResponderPosition[];
}

export interface BoardState {
  seq: number;
  workOrders: Record<string, WorkOrder>;
  incidents: Record<string, Incident>;
  staff: Record<string, Staff>;
  positions: Record<string, ResponderPosition>;
}

const byId = <T extends { id: string }>(items: T[]) => Object.fromEntries(items.map((i) => [i.id, i]));

export function stateFromSnapshot(snapshot: Snapshot): BoardState {
  return {
    seq: snapshot.seq,
    workOrders: byId(snapshot.workOrders),
    incidents: byId(snapshot.incidents),
    staff: byId(snapshot.staff),
    positions: Object.fromEntries(snapshot.responders.map((p) => [p.responderId, p])),
  };
}

export function emptyState(): BoardState {
  return { seq: 0, workOrders: {}, incidents: {}, staff: {}, positions: {} };
}

/**
 * Folds one event into the state, in place (so a reactive store re-renders only what changed).
 * Events at or below the state's seq are ignored: applying twice is harmless.
 * Returns false for such a duplicate.
 */
export function applyEvent(state: BoardState, event: EventEnvelope): boolean {
  if (event.seq <= state.seq) return false;
  switch (event.entityType) {
    case 'workOrder': {
      const { workOrder } = event.payload;
      state.workOrders[workOrder.id] = workOrder;
      break;
    }
    case 'incident': {
      const { incident } = event.payload;
      state.incidents[incident.id] = incident;
      break;
    }
    case 'staff': {
      const { staff } = event.payload;
      state.staff[staff.id] = staff;
      break;
    }
    default:
      // Settings, score facts, …: no board entity to update; other stores listen for them.
      break;
  }
  state.seq = event.seq;
  return true;
}

/**
 * Drops the items a snapshot taken now would not hold: work orders and incidents closed before
 * `closedSince` (the start of the Center's day; the server's snapshot uses the same rule:
 * open items + the ones closed since). A screen that runs for weeks calls it as the day turns,
 * so yesterday's closed items leave memory at once, not at the next hourly snapshot.
 * Returns how many items were dropped.
 */
export function pruneClosedBefore(state: BoardState, closedSince: number): number {
  let dropped = 0;
  for (const id in state.workOrders) {
    const o = state.workOrders[id];
    if (!isWorkOrderOpen(o) && Date.parse(o.updatedAt) < closedSince) {
      delete state.workOrders[id];
      dropped++;
    }
  }
  for (const id in state.incidents) {
    const i = state.incidents[id];
    if (!isIncidentOpen(i) && i.closedAt !== null && Date.parse(i.closedAt) < closedSince) {
      delete state.incidents[id];
      dropped++;
    }
  }
  return dropped;
}

/** The state as a snapshot-shaped value (sorted by id), for comparing a folded client with the server. */
export function comparableState(state: BoardState) {
  const sorted = <T>(items: T[], key: (t: T) => string) => [...items].sort((a, b) => key(a).localeCompare(key(b)));
  return {
    seq: state.seq,
    workOrders: sorted(Object.values(state.workOrders), (o) => o.id),
    incidents: sorted(Object.values(state.incidents), (i) => i.id),
    staff: sorted(Object.values(state.staff), (s) => s.id),
    responders: sorted(Object.values(state.positions), (p) => p.responderId),
  };
}
