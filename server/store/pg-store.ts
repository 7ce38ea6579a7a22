import { and, asc, desc, eq, gt, gte, inArray, lt, lte, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { PgConnection, PgDb } from '../../db/pg/connection';
import { rememberPayloadJson } from './event-json';
import * as schema from '../../db/pg/schema';
import { DomainError } from '../../shared/domain/common';
import type { ResponderPosition } from '../../shared/domain/staff';
import { CLOSED_WORK_ORDER_STATES, type Channel } from '../../shared/domain/work-order';
import type { EntityType, EventEnvelope } from '../../shared/events';
import { profileFromRow, profileToRow, shiftFromRow, shiftToRow } from '../roster/roster.mappers';
import { incidentFromRow, incidentToRow, staffFromRow, staffToRow, workOrderFromRow, workOrderToRow } from './sqlite-mappers';
import type { DutyChange, EntityWrite, NewEvent, Store, StoredScoreCheckpoint, WorkOrderQuery } from './store';
import type { OrderArrival } from '../../shared/planning/seat-demand';
import type { WorkOrderSearch } from '../../shared/board/work-order-query';
import { searchWorkOrdersPg } from './pg-work-order-search';
import { sharedRead } from './shared-read';
import { PgGroupCommitter, PLACEHOLDER_SEQ, type StagedEvent } from './pg-group-commit';
import { pgTableSql, type PgTableSql } from './pg-prepared';

/** Each entity kind: its table and row mapper (the rows are the same shape as SQLite's). */
const TABLES = {
  workOrder: { table: schema.workOrders, toRow: workOrderToRow },
  incident: { table: schema.incidents, toRow: incidentToRow },
  staff: { table: schema.staff, toRow: staffToRow },
  staffProfile: { table: schema.staffProfiles, toRow: profileToRow },
  shift: { table: schema.shifts, toRow: shiftToRow },
} as const;

const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (error: unknown) => {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === UNIQUE_VIOLATION || e?.cause?.code === UNIQUE_VIOLATION;
};

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

/**
 * The Store on PostgreSQL, for several GridOps nodes sharing one database.
 *
 * Every command is atomic: its state writes (inserts, or updates guarded by the version they were
 * based on) and its event, in a savepoint of a group transaction shared with the commands that
 * asked meanwhile (pg-group-commit.ts). Seqs come from `UPDATE event_head SET seq = seq + n`: that
 * row lock is held until COMMIT, so another node's batch waits for this one and gets the numbers
 * after it. Seq is therefore gapless (a rollback gives its numbers back) and in commit order, and
 * a node that has seen seq N committed knows 1..N-1 are readable too. The lock is taken last,
 * after the state writes, so it is held for two statements and the commit.
 */
export class PgStore implements Store {
  private readonly db: PgDb;
  /** Concurrent commands share one transaction, each in its own savepoint (pg-group-commit.ts). */
  readonly committer: PgGroupCommitter;
  private readonly tableSql = new Map<PgTable, PgTableSql>(Object.values(TABLES).map(({ table }) => [table, pgTableSql(table)]));
  private readonly workOrderSql = this.tableSql.get(schema.workOrders)!;

  /**
   * Look-ups by key as named statements, built once: every command reads the row it changes, and
   * the query builder's work per call cost more than the read (each connection plans each once).
   */
  private readonly byId;

  constructor(private readonly connection: PgConnection) {
    this.db = connection.db;
    this.committer = new PgGroupCommitter(connection.pool);
    const id = sql.placeholder('id');
    this.byId = {
      workOrder: this.db.select().from(schema.workOrders).where(eq(schema.workOrders.id, id)).prepare('gridops_work_order_by_id'),
      incident: this.db.select().from(schema.incidents).where(eq(schema.incidents.id, id)).prepare('gridops_incident_by_id'),
      staff: this.db.select().from(schema.staff).where(eq(schema.staff.id, id)).prepare('gridops_staff_by_id'),
      position: this.db.select().from(schema.responderPositions).where(eq(schema.responderPositions.responderId, id)).prepare('gridops_position_by_responder'),
    };
  }

  /** The writes and the event in one savepoint of the next batch transaction; resolves after its COMMIT. */
  async commit(writes: EntityWrite[], event: NewEvent): Promise<EventEnvelope> {
    const [stored] = await this.commitMany([{ writes, event }]);
    return stored;
  }

  /** All of them in one savepoint of the next batch: stored together, or none. */
  async commitMany(commits: Array<{ writes: EntityWrite[]; event: NewEvent }>): Promise<EventEnvelope[]> {
    // The payload goes out as stored: the JSON round-trip drops undefined fields as a reader sees them.
    const texts = commits.map((c) => JSON.stringify(c.event.payload));
    const seqs = await this.committer.commit(async (client) => {
      const staged: StagedEvent[] = [];
      for (const [i, { writes, event }] of commits.entries()) {
        for (const write of writes) await this.write(client, write);
        if (event.idempotencyKey !== undefined) await this.rememberKey(client, event, event.idempotencyKey);
        staged.push({ ...event, payloadText: texts[i] });
      }
      return staged;
    });
    return commits.map(({ event: { idempotencyKey: _key, ...event } }, i) =>
      rememberPayloadJson(envelopeFromRow({ ...event, seq: seqs[i], payload: JSON.parse(texts[i]) as unknown }), texts[i]),
    );
  }

  /**
   * A repeated (actor, key) violates the unique index inside the command's savepoint: the command
   * rolls back alone, and the field service answers with the first result (server/field). The
   * seq is the batch's to give; the row holds a placeholder until then.
   */
  private async rememberKey(client: pg.ClientBase, event: Omit<NewEvent, 'idempotencyKey'>, key: string) {
    try {
      await client.query({
        name: 'gridops_idempotency_insert',
        text: 'INSERT INTO idempotency_keys (actor, key, entity_type, entity_id, seq, at) VALUES ($1, $2, $3, $4, $5, $6)',
        values: [event.actor, key, event.entityType, event.entityId, PLACEHOLDER_SEQ, event.at],
      });
    } catch (error) {
      // isDuplicateKey (server/field/idempotency.ts) knows a repeat by the table's name, as on SQLite.
      if (isUniqueViolation(error))
        throw Object.assign(new Error(`idempotency_keys: (${event.actor}, ${key}) already used`, { cause: error }), { code: UNIQUE_VIOLATION });
      throw error;
    }
  }

  private async write(client: pg.ClientBase, write: EntityWrite) {
    const { table, toRow } = TABLES[write.kind];
    const statements = this.tableSql.get(table)!;
    if (write.kind === 'shift' && write.remove) {
      const removed = await client.query({
        name: 'gridops_shift_remove',
        text: 'DELETE FROM shifts WHERE id = $1 AND version = $2',
        values: [write.entity.id, write.expectedVersion ?? -1],
      });
      if (removed.rowCount === 0) throw new DomainError('stale_version', `shift ${write.entity.id} changed`, { field: 'expectedVersion' });
      return;
    }
    const row = (toRow as (e: typeof write.entity) => Record<string, unknown>)(write.entity);
    if (write.expectedVersion === null) {
      try {
        // Already inside the command's savepoint: a refused insert rolls back the command alone.
        await statements.insert(client, row);
      } catch (error) {
        if (isUniqueViolation(error)) throw new DomainError('conflict', `${write.kind} ${write.entity.id} already exists`, { field: 'id' });
        throw error;
      }
      return;
    }
    if ((await statements.update(client, row, write.expectedVersion)) === 0) {
      const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${statements.name} WHERE id = $1`, [write.entity.id]);
      throw new DomainError('stale_version', `${write.kind} ${write.entity.id} changed since version ${write.expectedVersion}`, {
        field: 'expectedVersion',
        currentVersion: rows[0]?.version,
      });
    }
  }

  async getWorkOrder(id: string) {
    const [row] = await this.byId.workOrder.execute({ id });
    return row && workOrderFromRow(row);
  }

  /** Every intake asks this first (its idempotency key): a named statement, not the query builder. */
  async findWorkOrderByExternalId(channel: Channel, externalId: string) {
    const { rows } = await this.connection.pool.query<Record<string, unknown>>({
      name: 'gridops_work_order_by_external_id',
      text: `SELECT ${this.workOrderSql.selectList} FROM work_orders WHERE channel = $1 AND external_id = $2`,
      values: [channel, externalId],
    });
    return rows.length ? workOrderFromRow(this.workOrderSql.fromRow(rows[0]) as typeof schema.workOrders.$inferSelect) : undefined;
  }

  /** As SqliteStore's: unsupervised orders past the handling deadline, or received before `receivedBefore`. */
  async listOverdueUnsupervised(now: string, receivedBefore: string) {
    const wo = schema.workOrders;
    const rows = await this.db
      .select()
      .from(wo)
      .where(
        and(
          eq(wo.supervised, false),
          or(
            and(inArray(wo.state, ['filed', 'dispatched', 'in_progress']), sql`${wo.handlingDeadline} COLLATE "C" < ${now}`),
            and(eq(wo.state, 'received'), sql`${wo.createdAt} COLLATE "C" < ${receivedBefore}`),
          ),
        ),
      )
      .orderBy(sql`${wo.id} COLLATE "C"`);
    return rows.map(workOrderFromRow);
  }

  async searchWorkOrders(search: WorkOrderSearch) {
    return searchWorkOrdersPg(this.db, search);
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
    const rows = await this.db
      .select()
      .from(t)
      .where(and(...where))
      .orderBy(sql`${t.createdAt} COLLATE "C" DESC`, sql`${t.id} COLLATE "C" DESC`)
      .limit(query.limit);
    return rows.map(workOrderFromRow);
  }

  async getIncident(id: string) {
    const [row] = await this.byId.incident.execute({ id });
    return row && incidentFromRow(row);
  }

  async activeIncidentsOf(responderId: string) {
    const inc = schema.incidents;
    const rows = await this.db
      .select()
      .from(inc)
      .where(and(eq(inc.responderId, responderId), inArray(inc.state, ['en_route', 'on_scene'])));
    return rows.map(incidentFromRow);
  }

  async getStaff(id: string) {
    const [row] = await this.byId.staff.execute({ id });
    return row && staffFromRow(row);
  }

  async listStaff() {
    return (
      await this.db
        .select()
        .from(schema.staff)
        .orderBy(sql`${schema.staff.id} COLLATE "C"`)
    ).map(staffFromRow);
  }

  async listProfiles() {
    return (
      await this.db
        .select()
        .from(schema.staffProfiles)
        .orderBy(sql`${schema.staffProfiles.id} COLLATE "C"`)
    ).map(profileFromRow);
  }

  async getProfile(staffId: string) {
    const [row] = await this.db.select().from(schema.staffProfiles).where(eq(schema.staffProfiles.id, staffId));
    return row && profileFromRow(row);
  }

  /** Shifts overlapping [from, to): ISO instants in UTC compare as strings, as in SQLite. */
  async listShifts(from: string, to: string, staffId?: string) {
    const t = schema.shifts;
    const overlap = and(lt(t.start, to), gt(t.end, from));
    const rows = await this.db
      .select()
      .from(t)
      .where(staffId === undefined ? overlap : and(overlap, eq(t.staffId, staffId)))
      .orderBy(sql`${t.start} COLLATE "C"`, sql`${t.staffId} COLLATE "C"`);
    return rows.map(shiftFromRow);
  }

  async getShift(id: string) {
    const [row] = await this.db.select().from(schema.shifts).where(eq(schema.shifts.id, id));
    return row && shiftFromRow(row);
  }

  /** Orders received in [from, to): channel, received and filed times (seat demand planning). */
  async listOrderArrivals(from: string, to: string): Promise<OrderArrival[]> {
    const w = schema.workOrders;
    const rows = await this.db
      .select({
        channel: w.channel,
        received: sql<string | null>`${w.timestamps}->>'received'`,
        filed: sql<string | null>`${w.timestamps}->>'filed'`,
      })
      .from(w)
      .where(and(gte(w.createdAt, from), lt(w.createdAt, to)));
    return rows.flatMap((r) =>
      r.received === null
        ? []
        : [{ channel: r.channel as Channel, receivedAt: Date.parse(r.received), filedAt: r.filed === null ? null : Date.parse(r.filed) }],
    );
  }

  async listDutyChanges(from: string): Promise<DutyChange[]> {
    const e = schema.events;
    const rows = await this.db
      .select({ payload: e.payload, at: e.at, type: e.type })
      .from(e)
      .where(and(gte(e.at, from), inArray(e.type, ['staff.dutyChanged', 'staff.added'])))
      .orderBy(asc(e.seq));
    return rows.map((r) => {
      const staff = (r.payload as { staff: { id: string; onDuty: boolean } }).staff;
      return { staffId: staff.id, onDuty: staff.onDuty, at: r.at, added: r.type === 'staff.added' };
    });
  }

  async setPosition(p: ResponderPosition) {
    await this.db
      .insert(schema.responderPositions)
      .values(p)
      .onConflictDoUpdate({ target: schema.responderPositions.responderId, set: { lat: p.lat, lng: p.lng, at: p.at } });
  }

  async getPosition(responderId: string) {
    const [row] = await this.byId.position.execute({ id: responderId });
    return row;
  }

  async snapshot(closedSince: Date) {
    const since = closedSince.toISOString();
    // One REPEATABLE READ transaction, so the lists and the seq describe the same committed moment.
    return this.db.transaction(
      async (tx) => {
        const wo = schema.workOrders;
        const workOrders = (
          await tx
            .select()
            .from(wo)
            .where(or(notInArray(wo.state, [...CLOSED_WORK_ORDER_STATES]), gte(wo.updatedAt, since)))
            .orderBy(sql`${wo.id} COLLATE "C"`)
        ).map(workOrderFromRow);
        const inc = schema.incidents;
        const incidents = (
          await tx
            .select()
            .from(inc)
            .where(or(sql`${inc.state} <> 'closed'`, gte(inc.closedAt, since)))
            .orderBy(sql`${inc.id} COLLATE "C"`)
        ).map(incidentFromRow);
        const staff = (
          await tx
            .select()
            .from(schema.staff)
            .orderBy(sql`${schema.staff.id} COLLATE "C"`)
        ).map(staffFromRow);
        const responders = await tx
          .select()
          .from(schema.responderPositions)
          .orderBy(sql`${schema.responderPositions.responderId} COLLATE "C"`);
        const [{ seq }] = await tx.select({ seq: schema.eventHead.seq }).from(schema.eventHead).where(eq(schema.eventHead.id, 1));
        return { seq, workOrders, incidents, staff, responders };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  }

  async eventsAfter(seq: number, limit: number) {
    const rows = await this.db.select().from(schema.events).where(gt(schema.events.seq, seq)).orderBy(asc(schema.events.seq)).limit(limit);
    return rows.map(envelopeFromRow);
  }

  async eventsOf(entityType: EntityType, entityId: string, limit: number) {
    const e = schema.events;
    const rows = await this.db
      .select()
      .from(e)
      .where(and(eq(e.entityType, entityType), eq(e.entityId, entityId)))
      .orderBy(asc(e.seq))
      .limit(limit);
    return rows.map(envelopeFromRow);
  }

  /** Shared by concurrent callers (every resyncing screen asks for it): see sharedRead. */
  readonly lastSeq = sharedRead(async () => {
    const [{ seq }] = await this.db.select({ seq: schema.eventHead.seq }).from(schema.eventHead).where(eq(schema.eventHead.id, 1));
    return seq;
  });

  async countEvents() {
    const [{ n }] = await this.db.select({ n: sql<number>`count(*)::int` }).from(schema.events);
    return n;
  }

  async latestScoreCheckpoint(version: number) {
    const t = schema.scoreCheckpoints;
    const [row] = await this.db.select().from(t).where(eq(t.version, version)).orderBy(desc(t.seq)).limit(1);
    return row;
  }

  async saveScoreCheckpoint(checkpoint: StoredScoreCheckpoint) {
    const t = schema.scoreCheckpoints;
    await this.db.transaction(async (tx) => {
      // Two nodes at the same seq write the same state: the second insert does nothing.
      await tx
        .insert(t)
        .values({ ...checkpoint, state: Buffer.from(checkpoint.state) })
        .onConflictDoNothing();
      // The newest one is all a start needs; one older stays in case the newest cannot be read.
      const kept = await tx.select({ seq: t.seq }).from(t).where(eq(t.version, checkpoint.version)).orderBy(desc(t.seq)).limit(2);
      await tx.delete(t).where(or(ne(t.version, checkpoint.version), lt(t.seq, kept[kept.length - 1].seq)));
    });
  }

  async close() {
    await this.connection.close();
  }
}
