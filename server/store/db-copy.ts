import { count, eq, getTableColumns, getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Connection } from '../../db/connection';
import type { PgConnection } from '../../db/pg/connection';
import * as pgSchema from '../../db/pg/schema';
import * as sqliteSchema from '../../db/schema';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { monthKey } from '../../shared/time';
import { systemClock } from '../clock';
import { staffingFactsForMonth } from '../roster/staffing-facts';
import { ScoreService } from '../score/score.service';
import { PgStore } from './pg-store';
import { SqliteStore } from './sqlite-store';
import type { Store } from './store';

/** Parents before children (foreign keys); a table not named here is copied after these. */
const ORDER = ['users', 'apiKeys', 'sessions', 'staff', 'staffProfiles', 'responderPositions', 'shifts', 'workOrders', 'incidents', 'events'];
const BATCH = 500;

interface TablePair {
  name: string;
  sqlite: SQLiteTable;
  pg: PgTable;
}

/** Every table both schemas export under the same name: a table added to both is copied too. */
export function sharedTables(): TablePair[] {
  const pairs: TablePair[] = [];
  for (const [key, pg] of Object.entries(pgSchema)) {
    const lite = (sqliteSchema as Record<string, unknown>)[key];
    if (is(pg, PgTable) && is(lite, SQLiteTable)) pairs.push({ name: key, sqlite: lite, pg });
  }
  const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
  return pairs.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

/**
 * Copies every shared table from SQLite into an empty PostgreSQL database in ONE transaction
 * (all or nothing), then sets the event head to the last copied seq so new commits continue it.
 */
export async function copyTables(source: Connection, target: PgConnection): Promise<Record<string, number>> {
  const [{ n }] = await target.db.select({ n: count() }).from(pgSchema.events);
  if (n > 0) throw new Error('the target already holds events: copy into an empty database (or another --schema)');
  return target.db.transaction(async (tx) => {
    const copied: Record<string, number> = {};
    for (const pair of sharedTables()) {
      let rows = 0;
      // Pages in rowid order; row objects use the schema's property names, which both schemas share.
      for (;;) {
        const page = source.db
          .select()
          .from(pair.sqlite)
          .orderBy(sql`rowid`)
          .limit(BATCH)
          .offset(rows)
          .all();
        if (page.length > 0) await tx.insert(pair.pg).values(page);
        rows += page.length;
        if (page.length < BATCH) break;
      }
      copied[getTableName(pair.pg)] = rows;
    }
    // Copied ids do not move an identity's sequence: set it past them (the audit log's id).
    for (const pair of sharedTables().filter((p) => (getTableColumns(p.pg) as Record<string, { dataType: string } | undefined>).id?.dataType === 'number')) {
      const table = getTableName(pair.pg);
      await tx.execute(
        sql`SELECT setval(s, (SELECT coalesce(max(id), 0) + 1 FROM ${sql.identifier(table)}), false) FROM pg_get_serial_sequence(${table}, 'id') AS s WHERE s IS NOT NULL`,
      );
    }
    const [{ last }] = await tx.select({ last: sql<number>`coalesce(max(${pgSchema.events.seq}), 0)::bigint` }).from(pgSchema.events);
    await tx
      .update(pgSchema.eventHead)
      .set({ seq: Number(last) })
      .where(eq(pgSchema.eventHead.id, 1));
    return copied;
  });
}

/** Each month from the first event to the last, as YYYY-MM in the Center's zone. */
async function monthsOf(store: Store, timeZone: string): Promise<string[]> {
  const [first] = await store.eventsAfter(0, 1);
  if (!first) return [];
  const last = (await store.eventsAfter((await store.lastSeq()) - 1, 1))[0] ?? first;
  const months: string[] = [];
  for (let m = monthKey(new Date(first.at), timeZone); m <= monthKey(new Date(last.at), timeZone);) {
    months.push(m);
    const [y, mo] = m.split('-').map(Number);
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  }
  return months;
}

function scoreOf(store: Store, timeZone: string) {
  const settings = { ...DEFAULT_SETTINGS, timeZone };
  return new ScoreService({
    store,
    clock: systemClock,
    baseSettings: settings,
    staffingFacts: (month, asOf, s) => staffingFactsForMonth(store, s, month, asOf),
    push: () => {},
    // Verification only reads: it never closes or reopens a month in either database.
    commitClose: () => Promise.reject(new Error('db:copy verification does not close months')),
    commitReopen: () => Promise.reject(new Error('db:copy verification does not reopen months')),
    tickMs: 3_600_000,
    // The check folds the whole log of each database, and writes nothing into either.
    checkpointEvery: 0,
  });
}

export interface VerifyReport {
  ok: boolean;
  lines: string[];
}

/** Same rows in every table, and the same score (total and fee) in every month of the log. */
export async function verifyCopy(source: Connection, target: PgConnection, timeZone: string): Promise<VerifyReport> {
  const lines: string[] = [];
  let ok = true;
  for (const pair of sharedTables()) {
    const from = source.db.select({ n: count() }).from(pair.sqlite).get()!.n;
    const [{ n: to }] = await target.db.select({ n: count() }).from(pair.pg);
    if (from !== to) ok = false;
    lines.push(`${from === to ? 'ok  ' : 'DIFF'} rows ${getTableName(pair.pg)}: sqlite ${from}, postgres ${to}`);
  }
  const sqliteStore = new SqliteStore(source);
  const pgStore = new PgStore(target);
  const [a, b] = [scoreOf(sqliteStore, timeZone), scoreOf(pgStore, timeZone)];
  try {
    for (const month of await monthsOf(sqliteStore, timeZone)) {
      const [x, y] = [await a.score(month), await b.score(month)];
      const same = x.total === y.total && x.fee.paid === y.fee.paid;
      if (!same) ok = false;
      lines.push(`${same ? 'ok  ' : 'DIFF'} score ${month}: sqlite ${x.total} (fee ${x.fee.paid}), postgres ${y.total} (fee ${y.fee.paid})`);
    }
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
  return { ok, lines };
}
