import { and, asc, desc, eq, gt, gte, inArray, lt, lte, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
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

/** Each entity kind: its table and row mapper (the rows are the same shape as SQLite's). */
const TABLES = {
  workOrder: { table: schema.workOrders, toRow: workOrderToRow },
  incident: { table: schema.incidents, toRow: incidentToRow },
  staff: { table: schema.staff, toRow: staffToRow },
  staffProfile: { table: schema.staffProfiles, toRow: profileToRow },
  shift: { table: schema.shifts, toRow: shiftToRow },
} as const;

type Tx = Parameters<Parameters<PgDb['transaction']>[0]>[0];
type Versioned = PgTable & { id: typeof schema.staff.id; version: typeof schema.staff.version };

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
 * Every command is one transaction: the state writes (inserts, or updates guarded by the version
 * they were based on), then the event. The event's seq comes from `UPDATE event_head SET seq = seq
 * + 1`: that row lock is held until COMMIT, so a second committer (on any node) waits for the first
 * to finish and gets the next number. Seq is therefore gapless (a rollback gives its number back)
 * and in commit order, and a node that has seen seq N committed knows 1..N-1 are readable too.
 * The lock is taken last, after the state writes, so it is held for one statement and the commit.
 */
export class PgStore implements Store {
  private readonly db: PgDb;

  constructor(private readonly connection: PgConnection) {
    this.db = connection.db;
  }

  async commit(writes: EntityWrite[], event: NewEvent): Promise<EventEnvelope> {
    return this.db.transaction((tx) => this.commitOne(tx, writes, event));
  }

  async commitMany(commits: Array<{ writes: EntityWrite[]; event: NewEvent }>): Promise<EventEnvelope[]> {
    return this.db.transaction(async (tx) => {
      const stored: EventEnvelope[] = [];
      for (const c of commits) stored.push(await this.commitOne(tx, c.writes, c.event));
      return stored;
    });
  }

  private async commitOne(tx: Tx, writes: EntityWrite[], { idempotencyKey, ...event }: NewEvent): Promise<EventEnvelope> {
    for (const write of writes) await this.write(tx, write);
    const [{ seq }] = await tx
      .update(schema.eventHead)
      .set({ seq: sql`${schema.eventHead.seq} + 1` })
      .where(eq(schema.eventHead.id, 1))
      .returning({ seq: schema.eventHead.seq });
    const payloadText = JSON.stringify(event.payload);
    const payload = JSON.parse(payloadText) as typeof event.payload;
    await tx.insert(schema.events).values({
      seq,
      type: event.type,
      entityType: event.entityType,
      entityId: event.entityId,
      payload,
      actor: event.actor,
      at: event.at,
    });
    // A repeated (actor, key) violates the unique index: the whole command rolls back, and the
    // field service answers with the first result (server/field).
    if (idempotencyKey !== undefined) {
      await tx
        .insert(schema.idempotencyKeys)
        .values({ actor: event.actor, key: idempotencyKey, entityType: event.entityType, entityId: event.entityId, seq, at: event.at });
    }
    // The payload goes out as stored: the JSON round-trip drops undefined fields as a reader sees them.
    return rememberPayloadJson(
      envelopeFromRow({ seq, type: event.type, entityType: event.entityType, entityId: event.entityId, payload, actor: event.actor, at: event.at }),
      payloadText,
    );
  }

  private async write(tx: Tx, write: EntityWrite) {
    const { table, toRow } = TABLES[write.kind];
    const t = table as unknown as Versioned;
    const row = (toRow as (e: typeof write.entity) => Record<string, unknown>)(write.entity);
    if (write.kind === 'shift' && write.remove) {
      const removed = await tx
        .delete(schema.shifts)
        .where(and(eq(schema.shifts.id, write.entity.id), eq(schema.shifts.version, write.expectedVersion ?? -1)))
        .returning({ id: schema.shifts.id });
      if (removed.length === 0) throw new DomainError('stale_version', `shift ${write.entity.id} changed`, { field: 'expectedVersion' });
      return;
    }
    if (write.expectedVersion === null) {
      try {
        // A savepoint: a refused insert must not abort the whole transaction before we can say why.
        await tx.transaction((sp) => sp.insert(t).values(row as never));
      } catch (error) {
        if (isUniqueViolation(error)) throw new DomainError('conflict', `${write.kind} ${write.entity.id} already exists`, { field: 'id' });
        throw error;
      }
      return;
    }
    const updated = await tx
      .update(t)
      .set(row as never)
      .where(and(eq(t.id, write.entity.id), eq(t.version, write.expectedVersion)))
      .returning({ id: t.id });
    if (updated.length === 0) {
      const [current] = await tx.select({ version: t.version }).from(t).where(eq(t.id, write.entity.id));
      throw new DomainError('stale_version', `${write.kind} ${write.entity.id} changed since version ${write.expectedVersion}`, {
        field: 'expectedVersion',
        currentVersion: current?.version,
      });
    }
  }

  async getWorkOrder(id: string) {
    const [row] = await this.db.select().from(schema.workOrders).where(eq(schema.workOrders.id, id));
    return row && workOrderFromRow(row);
  }

  async findWorkOrderByExternalId(channel: Channel, externalId: string) {
    const wo = schema.workOrders;
    const [row] = await this.db
      .select()
      .from(wo)
      .where(and(eq(wo.channel, channel), eq(wo.externalId, externalId)));
    return row && workOrderFromRow(row);
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
    const [row] = await this.db.select().from(schema.incidents).where(eq(schema.incidents.id, id));
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
    const [row] = await this.db.select().from(schema.staff).where(eq(schema.staff.id, id));
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
    const [row] = await this.db.select().from(schema.responderPositions).where(eq(schema.responderPositions.responderId, responderId));
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
