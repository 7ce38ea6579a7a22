import Database from 'better-sqlite3';
import { and, asc, gt, gte, notInArray, or, sql } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../db/schema';
import { CLOSED_WORK_ORDER_STATES, type WorkOrder } from '../../shared/domain/work-order';
import type { Incident } from '../../shared/domain/incident';
import type { ResponderPosition, Staff } from '../../shared/domain/staff';
import { incidentFromRow, staffFromRow, workOrderFromRow } from './sqlite-mappers';

/** Rows read (and mapped) between two yields to the event loop. */
const PAGE = 2000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface SnapshotLists {
  seq: number;
  workOrders: WorkOrder[];
  incidents: Incident[];
  staff: Staff[];
  responders: ResponderPosition[];
}

/** The snapshot's reads over any connection: ids above `after`, at most `limit` (-1: all). */
export function snapshotQueries(db: BetterSQLite3Database<typeof schema>) {
  const wo = schema.workOrders;
  const inc = schema.incidents;
  return {
    seq: () =>
      db
        .select({ seq: sql<number>`coalesce(max(${schema.events.seq}), 0)` })
        .from(schema.events)
        .get()!.seq,
    workOrders: (since: string, after: string, limit: number) =>
      db
        .select()
        .from(wo)
        .where(and(or(notInArray(wo.state, [...CLOSED_WORK_ORDER_STATES]), gte(wo.updatedAt, since)), gt(wo.id, after)))
        .orderBy(asc(wo.id))
        .limit(limit)
        .all()
        .map(workOrderFromRow),
    incidents: (since: string, after: string, limit: number) =>
      db
        .select()
        .from(inc)
        .where(and(or(sql`${inc.state} <> 'closed'`, gte(inc.closedAt, since)), gt(inc.id, after)))
        .orderBy(asc(inc.id))
        .limit(limit)
        .all()
        .map(incidentFromRow),
    staff: () => db.select().from(schema.staff).orderBy(asc(schema.staff.id)).all().map(staffFromRow),
    responders: () => db.select().from(schema.responderPositions).orderBy(asc(schema.responderPositions.responderId)).all(),
  };
}

/**
 * The board snapshot read from a second, read-only connection to the same file, a page at a time.
 * WAL gives that connection one consistent view for the whole read (its own read transaction),
 * while the main connection keeps committing; between pages the event loop runs, so 50,000 open
 * orders never hold other clients' events back for more than one page.
 * Reads are one at a time (one connection, one transaction).
 */
export class SnapshotReader {
  private readonly sqlite: Database.Database;
  private readonly queries: ReturnType<typeof snapshotQueries>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(file: string) {
    this.sqlite = new Database(file, { readonly: true, fileMustExist: true });
    this.sqlite.pragma('busy_timeout = 5000');
    this.queries = snapshotQueries(drizzle(this.sqlite, { schema }));
  }

  read(closedSince: Date): Promise<SnapshotLists> {
    const run = this.queue.then(() => this.readNow(closedSince.toISOString()));
    this.queue = run.catch(() => undefined);
    return run;
  }

  close(): void {
    this.sqlite.close();
  }

  private async readNow(since: string): Promise<SnapshotLists> {
    const q = this.queries;
    this.sqlite.exec('BEGIN');
    try {
      // The seq first: the read transaction's view starts here, and every list below is of that view.
      const seq = q.seq();
      const workOrders = await paged((after) => q.workOrders(since, after, PAGE));
      const incidents = await paged((after) => q.incidents(since, after, PAGE));
      return { seq, workOrders, incidents, staff: q.staff(), responders: q.responders() };
    } finally {
      this.sqlite.exec('COMMIT');
    }
  }
}

/** Keyset pages by id ('' sorts first), yielding between them. */
async function paged<T extends { id: string }>(page: (after: string) => T[]): Promise<T[]> {
  const all: T[] = [];
  let after = '';
  for (;;) {
    const rows = page(after);
    for (const row of rows) all.push(row);
    if (rows.length < PAGE) return all;
    after = rows[rows.length - 1].id;
    await yieldToEventLoop();
  }
}
