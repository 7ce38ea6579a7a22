import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { PgConnection, PgDb } from '../../db/pg/connection';
import * as schema from '../../db/pg/schema';
import type { Incident } from '../../shared/domain/incident';
import type { WorkOrder } from '../../shared/domain/work-order';
import type { EntityType } from '../../shared/events';
import { incidentFromRow, workOrderFromRow } from '../store/sqlite-mappers';
import type { FieldStore, IdempotentResult, PhotoRecord } from './field.store';

/** The field app's storage on PostgreSQL (idempotency keys are written by PgStore's commit). */
export class PgFieldStore implements FieldStore {
  private readonly db: PgDb;

  constructor(connection: PgConnection) {
    this.db = connection.db;
  }

  async findIdempotent(actor: string, key: string): Promise<IdempotentResult | undefined> {
    const k = schema.idempotencyKeys;
    const [row] = await this.db
      .select()
      .from(k)
      .where(and(eq(k.actor, actor), eq(k.key, key)));
    return row && { entityType: row.entityType as EntityType, entityId: row.entityId, seq: row.seq };
  }

  async insertPhoto(photo: PhotoRecord): Promise<void> {
    await this.db.insert(schema.photos).values(photo);
  }

  async getPhoto(id: string): Promise<PhotoRecord | undefined> {
    const [row] = await this.db.select().from(schema.photos).where(eq(schema.photos.id, id));
    return row;
  }

  async findPhotoByClientKey(uploadedBy: string, clientKey: string): Promise<PhotoRecord | undefined> {
    const p = schema.photos;
    const [row] = await this.db
      .select()
      .from(p)
      .where(and(eq(p.uploadedBy, uploadedBy), eq(p.clientKey, clientKey)));
    return row;
  }

  async openIncidentsOf(responderId: string): Promise<Incident[]> {
    const i = schema.incidents;
    const rows = await this.db
      .select()
      .from(i)
      .where(and(eq(i.responderId, responderId), ne(i.state, 'closed')))
      .orderBy(asc(i.dispatchedAt));
    return rows.map(incidentFromRow);
  }

  async workOrdersByExternalPrefix(channel: WorkOrder['channel'], prefix: string, limit: number): Promise<WorkOrder[]> {
    const w = schema.workOrders;
    const rows = await this.db
      .select()
      .from(w)
      .where(and(eq(w.channel, channel), sql`substr(${w.externalId}, 1, ${prefix.length}) = ${prefix}`))
      .orderBy(sql`${w.createdAt} COLLATE "C"`)
      .limit(limit);
    return rows.map(workOrderFromRow);
  }
}
