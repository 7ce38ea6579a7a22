import { and, desc, eq, gte, inArray, like, lt, or, sql, type SQL } from 'drizzle-orm';
import type { GridDb } from '../../db/connection';
import * as schema from '../../db/schema';
import { encodeCursor, type WorkOrderPage, type WorkOrderSearch } from '../../shared/board/work-order-query';
import { workOrderFromRow } from './sqlite-mappers';

/** `%`, `_` and `\` typed by a person are literal characters, not wildcards. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The dispatch board's search over every order (open and closed), newest first, keyset-paged.
 * Text matching is LIKE '%q%' over id, phone, address, title and description: a scan, fine for a
 * district's few hundred thousand orders a year (the search bench in the README has the figure).
 */
export function searchWorkOrders(db: GridDb, search: WorkOrderSearch): WorkOrderPage {
  const wo = schema.workOrders;
  const filters: SQL[] = [];
  if (search.q) {
    const pattern = `%${escapeLike(search.q)}%`;
    const text = (column: typeof wo.title | typeof wo.address | typeof wo.reporterPhone | typeof wo.description | typeof wo.id) =>
      sql`${column} LIKE ${pattern} ESCAPE '\\'`;
    const digits = search.q.replace(/[\s-]/g, '');
    filters.push(
      or(
        eq(wo.id, search.q),
        text(wo.id),
        text(wo.title),
        text(wo.address),
        text(wo.description),
        // A phone typed with spaces or dashes still finds the stored number.
        like(wo.reporterPhone, `%${escapeLike(digits || search.q)}%`),
      )!,
    );
  }
  if (search.states) filters.push(inArray(wo.state, search.states));
  if (search.channels) filters.push(inArray(wo.channel, search.channels));
  if (search.department) filters.push(eq(wo.department, search.department));
  if (search.from) filters.push(gte(wo.createdAt, search.from));
  if (search.to) filters.push(lt(wo.createdAt, search.to));
  const where = filters.length ? and(...filters) : undefined;

  const page = search.after
    ? and(where, or(lt(wo.createdAt, search.after.createdAt), and(eq(wo.createdAt, search.after.createdAt), lt(wo.id, search.after.id))))
    : where;
  const rows = db
    .select()
    .from(wo)
    .where(page)
    .orderBy(desc(wo.createdAt), desc(wo.id))
    .limit(search.limit + 1)
    .all();
  const items = rows.slice(0, search.limit).map(workOrderFromRow);
  const total = db
    .select({ n: sql<number>`count(*)` })
    .from(wo)
    .where(where)
    .get()!.n;
  return { items, total, nextCursor: rows.length > search.limit ? encodeCursor(items[items.length - 1]) : null };
}
