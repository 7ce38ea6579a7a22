/* eslint-disable @typescript-eslint/require-await -- synchronous better-sqlite3 behind the async store interface:
   `async` keeps a thrown database error a rejected promise, as callers of the interface expect. */
import { and, eq, gte, inArray, lt, lte, ne, or, sql, asc, desc, type SQL } from 'drizzle-orm';
import type { Connection } from '../../db/connection';
import { GroupCommitter } from './group-commit';
import { startWalCheckpointer, WRITER_CHECKPOINT_PAGES, type WalCheckpointer } from './wal-checkpointer';
import { rememberPayloadJson } from './event-json';
import { SnapshotReader, snapshotQueries } from './sqlite-snapshot-reader';
import * as schema from '../../db/schema';
import { DomainError } from '../../shared/domain/common';
import { type Channel } from '../../shared/domain/work-order';
import type { EntityType, EventEnvelope } from '../../shared/events';
import type { ResponderPosition } from '../../shared/domain/staff';
import { incidentFromRow, incidentToRow, staffFromRow, staffToRow, workOrderFromRow, workOrderToRow } from './sqlite-mappers';
import type { EntityWrite, NewEvent, Store, StoredScoreCheckpoint, WorkOrderQuery } from './store';
import type { OrderArrival } from '../../shared/planning/seat-demand';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { preparedWriter, type PreparedWriter } from './prepared-writes';
import { profileToRow, shiftToRow } from '../roster/roster.mappers';
import * as roster from '../roster/sqlite-roster.reads';
import { searchWorkOrders } from './sqlite-work-order-search';
import type { WorkOrderSearch } from '../../shared/board/work-order-query';
import { rememberIdempotencyKey } from '../field/sqlite-field.store';

/** Each entity kind: its table and row mapper. A new kind adds one line here. */
const TABLES = {
  workOrder: { table: schema.workOrders, toRow: workOrderToRow },
  incident: { table: schema.incidents, toRow: incidentToRow },
  staff: { table: schema.staff, toRow: staffToRow },
  staffProfile: { table: schema.staffProfiles, toRow: profileToRow },
  shift: { table: schema.shifts, toRow: shiftToRow },
} as const;

function envelopeFromRow(row: typeof schema.events.$inferSelect): EventEnvelope {
  return {
    seq: row.seq,
    type: row.type,
    payload: row.payload,
    actor: row.actor,
    at: row.at,
    entityType: row.entityType,
    entityId: row.entityId,
  } as EventEnvelope;
}

/** Commands committed before the WAL's checkpoints move to their own thread (a few WAL pages each). */
export const CHECKPOINTER_AFTER_COMMANDS = 500;

/** An event row as `eventsPage` reads it: seq, type, entity type, entity id, payload (JSON), actor, at. */
type EventRow = [number, string, string, string, string, string, string];

export class SqliteStore implements Store {
  private readonly db;
  private readonly writers = new Map<SQLiteTable, PreparedWriter>();
  private readonly appendEvent;
  /** Built once: wrapping a function in a transaction per call costs as much as the commit's own SQL. */
  /** Concurrent commands share one transaction, each in its own savepoint (group-commit.ts). */
  readonly committer: GroupCommitter;
  /** A second, read-only connection for paged snapshots (null for an in-memory db). */
  private readonly reader: SnapshotReader | null;
  /**
   * Checkpoints the WAL off the event loop: started once the store has committed
   * CHECKPOINTER_AFTER_COMMANDS commands (never for an in-memory db). A quiet store keeps SQLite's
   * own auto-checkpoint, which costs it nothing worth a thread; every test server is one.
   */
  private checkpointer: WalCheckpointer | null = null;
  private readonly findByExternalId;
  /**
   * Look-ups by key, prepared once: every command reads the row it changes, and building and
   * preparing the SELECT each time cost more than SQLite's read of it.
   */
  private readonly byId;
  /**
   * The log a page at a time, as raw rows: the score service's start and every resync read through
   * here, and drizzle's row mapping cost as much as SQLite's own read (1.5 million events: 6.2 s of
   * CPU through the query builder, 3.2 s like this).
   */
  private readonly eventsPage;

  constructor(private readonly connection: Connection) {
    this.db = connection.db;
    this.committer = new GroupCommitter(connection.sqlite);
    this.reader = connection.sqlite.memory ? null : new SnapshotReader(connection.sqlite.name);
    this.appendEvent = connection.sqlite.prepare('INSERT INTO events (type, entity_type, entity_id, payload, actor, at) VALUES (?, ?, ?, ?, ?, ?)');
    this.eventsPage = connection.sqlite
      .prepare<[number, number], EventRow>('SELECT seq, type, entity_type, entity_id, payload, actor, at FROM events WHERE seq > ? ORDER BY seq LIMIT ?')
      .raw(true);
    this.findByExternalId = this.db
      .select()
      .from(schema.workOrders)
      .where(and(eq(schema.workOrders.channel, sql.placeholder('channel')), eq(schema.workOrders.externalId, sql.placeholder('externalId'))))
      .prepare();
    const id = sql.placeholder('id');
    this.byId = {
      workOrder: this.db.select().from(schema.workOrders).where(eq(schema.workOrders.id, id)).prepare(),
      incident: this.db.select().from(schema.incidents).where(eq(schema.incidents.id, id)).prepare(),
      staff: this.db.select().from(schema.staff).where(eq(schema.staff.id, id)).prepare(),
      position: this.db.select().from(schema.responderPositions).where(eq(schema.responderPositions.responderId, id)).prepare(),
    };
  }

  private writerFor(table: SQLiteTable): PreparedWriter {
    let writer = this.writers.get(table);
    if (!writer) this.writers.set(table, (writer = preparedWriter(this.connection.sqlite, table)));
    return writer;
  }

  /** The writes and the event in one savepoint of the next group transaction; resolves after its COMMIT. */
  commit(writes: EntityWrite[], event: NewEvent): Promise<EventEnvelope> {
    this.checkpointWhenBusy();
    return this.committer.commit(() => this.commitOne(writes, event));
  }

  /** All of them in one savepoint: stored together, or none. */
  commitMany(commits: Array<{ writes: EntityWrite[]; event: NewEvent }>): Promise<EventEnvelope[]> {
    this.checkpointWhenBusy();
    return this.committer.commit(() => commits.map((c) => this.commitOne(c.writes, c.event)));
  }

  /**
   * Hands the WAL's checkpoints to a worker thread once the store is busy (wal-checkpointer.ts says
   * why). Before that, SQLite's auto-checkpoint every 1,000 pages is rare enough: a thread with its
   * own V8 and connection for each short-lived store cost the test suite more than it saved.
   */
  private checkpointWhenBusy() {
    if (this.checkpointer || this.connection.sqlite.memory || this.committer.stats.commands < CHECKPOINTER_AFTER_COMMANDS) return;
    this.checkpointer = startWalCheckpointer(this.connection.sqlite.name);
    this.connection.sqlite.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
  }

  private commitOne(writes: EntityWrite[], event: NewEvent): EventEnvelope {
    for (const write of writes) this.write(write);
    const payload = JSON.stringify(event.payload);
    // seq is the rowid: run()'s lastInsertRowid, 4–5 µs cheaper per event than RETURNING.
    const seq = Number(this.appendEvent.run(event.type, event.entityType, event.entityId, payload, event.actor, event.at).lastInsertRowid);
    const { idempotencyKey } = event;
    if (idempotencyKey !== undefined) rememberIdempotencyKey(this.connection.sqlite, { ...event, key: idempotencyKey, seq });
    // The payload goes out as stored: the JSON round-trip drops undefined fields exactly as a reader would see them.
    // The envelope is built in one go from the event's fields (no intermediate copies of the event).
    const { type, entityType, entityId, actor, at } = event;
    return rememberPayloadJson(envelopeFromRow({ seq, type, entityType, entityId, payload: JSON.parse(payload) as unknown, actor, at }), payload);
  }

  private write(write: EntityWrite) {
    const { table, toRow } = TABLES[write.kind];
    const row = (toRow as (e: typeof write.entity) => Record<string, unknown>)(write.entity);
    if (write.kind === 'shift' && write.remove) {
      const removed = this.db
        .delete(schema.shifts)
        .where(and(eq(schema.shifts.id, write.entity.id), eq(schema.shifts.version, write.expectedVersion ?? -1)))
        .run();
      if (removed.changes === 0) throw new DomainError('stale_version', `shift ${write.entity.id} changed`, { field: 'expectedVersion' });
      return;
    }
    if (write.expectedVersion === null) {
      try {
        this.writerFor(table).insert(row);
      } catch (error) {
        if (String((error as Error).message).includes('UNIQUE')) {
          throw new DomainError('conflict', `${write.kind} ${write.entity.id} already exists`, { field: 'id' });
        }
        throw error;
      }
      return;
    }
    if (this.writerFor(table).update(row, write.expectedVersion) === 0) {
      const current = this.db.select({ version: table.version }).from(table).where(eq(table.id, write.entity.id)).get();
      throw new DomainError('stale_version', `${write.kind} ${write.entity.id} changed since version ${write.expectedVersion}`, {
        field: 'expectedVersion',
        currentVersion: current?.version,
      });
    }
  }

  async getWorkOrder(id: string) {
    const row = this.byId.workOrder.get({ id });
    return row && workOrderFromRow(row);
  }

  async findWorkOrderByExternalId(channel: Channel, externalId: string) {
    const row = this.findByExternalId.get({ channel, externalId });
    return row && workOrderFromRow(row);
  }

  async listOverdueUnsupervised(now: string, receivedBefore: string) {
    const wo = schema.workOrders;
    return this.db
      .select()
      .from(wo)
      .where(
        and(
          eq(wo.supervised, false),
          or(
            and(inArray(wo.state, ['filed', 'dispatched', 'in_progress']), sql`${wo.handlingDeadline} < ${now}`),
            and(eq(wo.state, 'received'), sql`${wo.createdAt} < ${receivedBefore}`),
          ),
        ),
      )
      .orderBy(asc(wo.id))
      .all()
      .map(workOrderFromRow);
  }

  async searchWorkOrders(search: WorkOrderSearch) {
    return searchWorkOrders(this.db, search);
  }

  async listWorkOrders(query: WorkOrderQuery) {
    const t = schema.workOrders;
    const where: (SQL | undefined)[] = [];
    if (query.ids) where.push(inArray(t.id, query.ids));
    if (query.createdFrom) where.push(gte(t.createdAt, query.createdFrom));
    if (query.createdTo) where.push(lte(t.createdAt, query.createdTo));
    if (query.states) where.push(inArray(t.state, query.states));
    if (query.categories) {
      where.push(or(...query.categories.map((c) => and(eq(t.categoryKind, c.kind), eq(t.categoryClass, c.class), eq(t.categorySubClass, c.subClass)))));
    }
    const rows = this.db
      .select()
      .from(t)
      .where(and(...where))
      .orderBy(desc(t.createdAt), desc(t.id))
      .limit(query.limit)
      .all();
    return rows.map(workOrderFromRow);
  }

  async getIncident(id: string) {
    const row = this.byId.incident.get({ id });
    return row && incidentFromRow(row);
  }

  async activeIncidentsOf(responderId: string) {
    const inc = schema.incidents;
    return this.db
      .select()
      .from(inc)
      .where(and(eq(inc.responderId, responderId), inArray(inc.state, ['en_route', 'on_scene'])))
      .all()
      .map(incidentFromRow);
  }

  async getStaff(id: string) {
    const row = this.byId.staff.get({ id });
    return row && staffFromRow(row);
  }

  async listStaff() {
    return this.db.select().from(schema.staff).orderBy(asc(schema.staff.id)).all().map(staffFromRow);
  }

  async listProfiles() {
    return roster.listProfiles(this.db);
  }

  async getProfile(staffId: string) {
    return roster.getProfile(this.db, staffId);
  }

  async listShifts(from: string, to: string, staffId?: string) {
    return roster.listShifts(this.db, from, to, staffId);
  }

  async getShift(id: string) {
    return roster.getShift(this.db, id);
  }

  async listOrderArrivals(from: string, to: string): Promise<OrderArrival[]> {
    const rows = this.connection.sqlite
      .prepare(
        `SELECT channel, json_extract(timestamps, '$.received') AS received, json_extract(timestamps, '$.filed') AS filed
         FROM work_orders WHERE created_at >= ? AND created_at < ?`,
      )
      .all(from, to) as Array<{ channel: Channel; received: string | null; filed: string | null }>;
    return rows.flatMap((r) =>
      r.received === null ? [] : [{ channel: r.channel, receivedAt: Date.parse(r.received), filedAt: r.filed === null ? null : Date.parse(r.filed) }],
    );
  }

  async listDutyChanges(from: string) {
    return roster.dutyChangesSince(this.db, from);
  }

  async setPosition(p: ResponderPosition) {
    this.db
      .insert(schema.responderPositions)
      .values(p)
      .onConflictDoUpdate({ target: schema.responderPositions.responderId, set: { lat: p.lat, lng: p.lng, at: p.at } })
      .run();
  }

  async getPosition(responderId: string) {
    return this.byId.position.get({ id: responderId });
  }

  /** Open work (and what closed since `closedSince`) at one seq: paged from a reader connection when the db is a file. */
  async snapshot(closedSince: Date) {
    if (this.reader) return this.reader.read(closedSince);
    // In memory there is one connection: one read transaction, unpaged, so the lists and the seq agree.
    const q = snapshotQueries(this.db);
    const since = closedSince.toISOString();
    return this.connection.sqlite.transaction(() => ({
      seq: q.seq(),
      workOrders: q.workOrders(since, '', -1),
      incidents: q.incidents(since, '', -1),
      staff: q.staff(),
      responders: q.responders(),
    }))();
  }

  async eventsAfter(seq: number, limit: number) {
    const rows = this.eventsPage.all(seq, limit);
    const events: EventEnvelope[] = [];
    for (const [seq, type, entityType, entityId, payload, actor, at] of rows) {
      events.push(envelopeFromRow({ seq, type, entityType, entityId, payload: JSON.parse(payload) as unknown, actor, at }));
    }
    return events;
  }

  async eventsOf(entityType: EntityType, entityId: string, limit: number) {
    return this.db
      .select()
      .from(schema.events)
      .where(and(eq(schema.events.entityType, entityType), eq(schema.events.entityId, entityId)))
      .orderBy(asc(schema.events.seq))
      .limit(limit)
      .all()
      .map(envelopeFromRow);
  }

  async lastSeq() {
    return this.db
      .select({ seq: sql<number>`coalesce(max(${schema.events.seq}), 0)` })
      .from(schema.events)
      .get()!.seq;
  }

  async countEvents() {
    return this.db
      .select({ n: sql<number>`count(*)` })
      .from(schema.events)
      .get()!.n;
  }

  async latestScoreCheckpoint(version: number) {
    const t = schema.scoreCheckpoints;
    return this.db.select().from(t).where(eq(t.version, version)).orderBy(desc(t.seq)).limit(1).get();
  }

  async saveScoreCheckpoint(checkpoint: StoredScoreCheckpoint) {
    const t = schema.scoreCheckpoints;
    this.connection.sqlite.transaction(() => {
      this.db
        .insert(t)
        .values({ ...checkpoint, state: Buffer.from(checkpoint.state) })
        .onConflictDoNothing()
        .run();
      // The newest one is all a start needs; one older stays in case the newest cannot be read.
      const kept = this.db.select({ seq: t.seq }).from(t).where(eq(t.version, checkpoint.version)).orderBy(desc(t.seq)).limit(2).all();
      this.db
        .delete(t)
        .where(or(ne(t.version, checkpoint.version), lt(t.seq, kept[kept.length - 1].seq)))
        .run();
    })();
  }

  async close() {
    this.committer.flush();
    this.reader?.close();
    // Its connection first: the writer's, closed last, then folds the WAL into the file and removes it.
    await this.checkpointer?.close();
    this.connection.close();
  }
}
