/* eslint-disable @typescript-eslint/require-await -- synchronous better-sqlite3 behind the async store interface:
   `async` keeps a thrown database error a rejected promise, as callers of the interface expect. */
import type Database from 'better-sqlite3';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Connection } from '../../db/connection';
import * as schema from '../../db/schema';
import type { Incident } from '../../shared/domain/incident';
import type { WorkOrder } from '../../shared/domain/work-order';
import type { EntityType } from '../../shared/events';
import { incidentFromRow, workOrderFromRow } from '../store/sqlite-mappers';
import type { FieldStore, IdempotentResult, PhotoRecord } from './field.store';

/**
 * Called inside the board store's commit transaction: a duplicate (actor, key) violates the
 * unique index, the transaction rolls back, and the caller answers with the first result.
 */
export function rememberIdempotencyKey(
  sqlite: Database.Database,
  entry: { actor: string; key: string; entityType: EntityType; entityId: string; seq: number; at: string },
) {
  sqlite
    .prepare('INSERT INTO idempotency_keys (actor, key, entity_type, entity_id, seq, at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(entry.actor, entry.key, entry.entityType, entry.entityId, entry.seq, entry.at);
}

export class SqliteFieldStore implements FieldStore {
  private readonly db;

  constructor(connection: Connection) {
    this.db = connection.db;
  }

  async findIdempotent(actor: string, key: string): Promise<IdempotentResult | undefined> {
    const row = this.db
      .select()
      .from(schema.idempotencyKeys)
      .where(and(eq(schema.idempotencyKeys.actor, actor), eq(schema.idempotencyKeys.key, key)))
      .get();
    return row && { entityType: row.entityType as EntityType, entityId: row.entityId, seq: row.seq };
  }

  async insertPhoto(photo: PhotoRecord): Promise<void> {
    this.db.insert(schema.photos).values(photo).run();
  }

  async getPhoto(id: string): Promise<PhotoRecord | undefined> {
    return this.db.select().from(schema.photos).where(eq(schema.photos.id, id)).get();
  }

  async findPhotoByClientKey(uploadedBy: string, clientKey: string): Promise<PhotoRecord | undefined> {
    return this.db
      .select()
      .from(schema.photos)
      .where(and(eq(schema.photos.uploadedBy, uploadedBy), eq(schema.photos.clientKey, clientKey)))
      .get();
  }

  async openIncidentsOf(responderId: string): Promise<Incident[]> {
    return this.db
      .select()
      .from(schema.incidents)
      .where(and(eq(schema.incidents.responderId, responderId), ne(schema.incidents.state, 'closed')))
      .orderBy(asc(schema.incidents.dispatchedAt))
      .all()
      .map(incidentFromRow);
  }

  async workOrdersByExternalPrefix(channel: WorkOrder['channel'], prefix: string, limit: number): Promise<WorkOrder[]> {
    return this.db
      .select()
      .from(schema.workOrders)
      .where(and(eq(schema.workOrders.channel, channel), sql`substr(${schema.workOrders.externalId}, 1, ${prefix.length}) = ${prefix}`))
      .orderBy(asc(schema.workOrders.createdAt))
      .limit(limit)
      .all()
      .map(workOrderFromRow);
  }
}
