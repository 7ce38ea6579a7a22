import type { OrderArrival } from '../../shared/planning/seat-demand';
import type { Snapshot } from '../../shared/board/state';
import type { Incident } from '../../shared/domain/incident';
import type { ResponderPosition, Staff } from '../../shared/domain/staff';
import type { Category } from '../../shared/domain/category';
import type { Channel, WorkOrder, WorkOrderState } from '../../shared/domain/work-order';
import type { WorkOrderPage, WorkOrderSearch } from '../../shared/board/work-order-query';
import type { EntityType, EventEnvelope } from '../../shared/events';
import type { Shift, StaffProfileRecord } from '../../shared/coverage/shift';

/**
 * A state-table write inside a commit. `expectedVersion: null` inserts; a number updates only if the
 * stored row still has that version (optimistic concurrency), else the whole commit is refused.
 */
export type EntityWrite =
  | { kind: 'workOrder'; entity: WorkOrder; expectedVersion: number | null }
  | { kind: 'incident'; entity: Incident; expectedVersion: number | null }
  | { kind: 'staff'; entity: Staff; expectedVersion: number | null }
  | { kind: 'staffProfile'; entity: StaffProfileRecord; expectedVersion: number | null }
  /** `remove`: delete the shift (still checked against expectedVersion). */
  | { kind: 'shift'; entity: Shift; expectedVersion: number | null; remove?: boolean };

/** A clock-in/out (or a new member's initial duty, `added`) as logged. */
export interface DutyChange {
  staffId: string;
  onDuty: boolean;
  at: string;
  added: boolean;
}

/** Filters for listing work orders (Open311's GET requests); every given filter must hold. */
export interface WorkOrderQuery {
  ids?: string[];
  /** ISO instants, inclusive: createdFrom ≤ createdAt ≤ createdTo. */
  createdFrom?: string;
  createdTo?: string;
  states?: WorkOrderState[];
  /** Any of these (kind, class, subClass). */
  categories?: Category[];
  limit: number;
}

/** An event before it is stored: everything but its `seq` (entityType tied to type, as in EventEnvelope). */
export type NewEvent = (EventEnvelope extends infer E ? (E extends EventEnvelope ? Omit<E, 'seq'> : never) : never) & {
  /**
   * A client's idempotency key (the field app's offline queue): stored in the same transaction as
   * the event, so a repeat of the same key by the same actor is refused with `duplicate` and
   * nothing is committed twice, even across a crash between commit and answer.
   */
  idempotencyKey?: string;
};

/**
 * Everything the command handlers need from storage. Async so a PostgreSQL implementation fits the
 * same handlers; the SQLite implementation is synchronous inside.
 */
export interface Store {
  /** In ONE transaction: apply the writes and append the event. Returns the stored event with its seq. */
  commit(writes: EntityWrite[], event: NewEvent): Promise<EventEnvelope>;
  /** Several commands in ONE transaction (an imported schedule): all are stored, or none. */
  commitMany(commits: Array<{ writes: EntityWrite[]; event: NewEvent }>): Promise<EventEnvelope[]>;

  getWorkOrder(id: string): Promise<WorkOrder | undefined>;
  findWorkOrderByExternalId(channel: Channel, externalId: string): Promise<WorkOrder | undefined>;
  /**
   * Orders not yet supervised that are past their limit at `now`: filed / dispatched / in progress
   * past the handling deadline, or still received since before `receivedBefore` (受理→立单).
   */
  listOverdueUnsupervised(now: string, receivedBefore: string): Promise<WorkOrder[]>;
  /** Every order, closed ones included, newest first, one keyset page (the board's search). */
  searchWorkOrders(search: WorkOrderSearch): Promise<WorkOrderPage>;
  /** Work orders matching the query, newest first, at most `limit`. */
  listWorkOrders(query: WorkOrderQuery): Promise<WorkOrder[]>;
  getIncident(id: string): Promise<Incident | undefined>;
  /** Open incidents a responder is sent to (en route or on scene): a busy responder. */
  activeIncidentsOf(responderId: string): Promise<Incident[]>;
  getStaff(id: string): Promise<Staff | undefined>;
  listStaff(): Promise<Staff[]>;
  listProfiles(): Promise<StaffProfileRecord[]>;
  getProfile(staffId: string): Promise<StaffProfileRecord | undefined>;
  /** Shifts overlapping [from, to) (ISO instants), optionally of one person. */
  listShifts(from: string, to: string, staffId?: string): Promise<Shift[]>;
  getShift(id: string): Promise<Shift | undefined>;
  /** Orders received in [from, to) (ISO): channel, received and filed times (seat demand planning). */
  listOrderArrivals(from: string, to: string): Promise<OrderArrival[]>;
  /** Clock-in/out from the event log since `from` (ISO), oldest first: the actual duty, for coverage. */
  listDutyChanges(from: string): Promise<DutyChange[]>;

  setPosition(position: ResponderPosition): Promise<void>;
  getPosition(responderId: string): Promise<ResponderPosition | undefined>;

  /** Open items plus the ones closed since `closedSince`, with the seq they reflect. */
  snapshot(closedSince: Date): Promise<Omit<Snapshot, 'serverTime'>>;
  eventsAfter(seq: number, limit: number): Promise<EventEnvelope[]>;
  /** One item's events, oldest first: its timeline on the dispatch board. */
  eventsOf(entityType: EntityType, entityId: string, limit: number): Promise<EventEnvelope[]>;
  lastSeq(): Promise<number>;
  countEvents(): Promise<number>;
  /** The newest score checkpoint of this version, or undefined (server/score/score.checkpoint.ts). */
  latestScoreCheckpoint(version: number): Promise<StoredScoreCheckpoint | undefined>;
  /**
   * Keeps a score checkpoint. One of the same version and seq is already the same state (any node
   * may have written it): it stays as it is. Older checkpoints and other versions are dropped.
   */
  saveScoreCheckpoint(checkpoint: StoredScoreCheckpoint): Promise<void>;
  close(): Promise<void>;
}

/** The score service's folded state at `seq`, packed (gzipped JSON). */
export interface StoredScoreCheckpoint {
  version: number;
  seq: number;
  state: Uint8Array;
  writtenAt: string;
}
