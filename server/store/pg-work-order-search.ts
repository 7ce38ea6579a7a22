import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { PgDb } from '../../db/pg/connection';
import * as schema from '../../db/pg/schema';
import { encodeCursor, type WorkOrderPage, type WorkOrderSearch } from '../../shared/board/work-order-query';
import { workOrderFromRow } from './sqlite-mappers';

/** `%`, `_` and `\` typed by a person are literal characters, not wildcards. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The board's search on PostgreSQL, with the SQLite version's meaning (sqlite-work-order-search.ts):
 * every order, newest first, keyset-paged on (createdAt, id). SQLite's LIKE ignores ASCII case, so
 * this one is ILIKE; times and ids compare byte-wise (COLLATE "C"), as SQLite compares them, so the
 * keyset order is the same whatever the database's locale.
 */
export async function searchWorkOrdersPg(db: PgDb, search: WorkOrderSearch): Promise<WorkOrderPage> {
  const wo = schema.workOrders;
  const c = (column: typeof wo.createdAt | typeof wo.id) => sql`${column} COLLATE "C"`;
  const filters: SQL[] = [];
  if (search.q) {
    const pattern = `%${escapeLike(search.q)}%`;
    const text = (column: typeof wo.title | typeof wo.address | typeof wo.description | typeof wo.id) => sql`${column} ILIKE ${pattern}`;
    const digits = search.q.replace(/[\s-]/g, '');
    filters.push(
      or(
        eq(wo.id, search.q),
        text(wo.id),
        text(wo.title),
        text(wo.address),
        text(wo.description),
        // A phone typed with spaces or dashes still finds the stored number.
        sql`${wo.reporterPhone} ILIKE ${`%${escapeLike(digits || search.q)}%`}`,
      )!,
    );
  }
  if (search.states) filters.push(inArray(wo.state, search.states));
  if (search.channels) filters.push(inArray(wo.channel, search.channels));
  if (search.department) filters.push(eq(wo.department, search.department));
  if (search.from) filters.push(sql`${c(wo.createdAt)} >= ${search.from}`);
  if (search.to) filters.push(sql`${c(wo.createdAt)} < ${search.to}`);
  const where = filters.length ? and(...filters) : undefined;

  const after = search.after;
  const page = after
    ? and(where, sql`(${c(wo.createdAt)} < ${after.createdAt} OR (${wo.createdAt} = ${after.createdAt} AND ${c(wo.id)} < ${after.id}))`)
    : where;
  const rows = await db
    .select()
    .from(wo)
    .where(page)
    .orderBy(sql`${c(wo.createdAt)} DESC`, sql`${c(wo.id)} DESC`)
    .limit(search.limit + 1);
  const items = rows.slice(0, search.limit).map(workOrderFromRow);
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(wo)
    .where(where);
  return { items, total: n, nextCursor: rows.length > search.limit ? encodeCursor(items[items.length - 1]) : null };
}
