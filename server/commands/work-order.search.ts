import { decodeCursor, workOrderQuerySchema, type WorkOrderPage } from '../../shared/board/work-order-query';
import { DomainError } from '../../shared/domain/common';
import { addDaysToKey, startOfDayKey } from '../../shared/time';
import type { CommandContext } from './context';
import { parseInput } from './validate';

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** `GET /api/work-orders`: validates the query, reads days in the Center's zone, runs the store's search. */
export async function searchWorkOrders(ctx: CommandContext, query: unknown): Promise<WorkOrderPage> {
  const q = parseInput(workOrderQuerySchema, query);
  const timeZone = ctx.settings().timeZone;
  const from = q.from && (isDay(q.from) ? startOfDayKey(q.from, timeZone) : new Date(q.from)).toISOString();
  // A day as `to` includes that whole day.
  const to = q.to && (isDay(q.to) ? startOfDayKey(addDaysToKey(q.to, 1), timeZone) : new Date(q.to)).toISOString();
  if (from && to && from >= to) throw new DomainError('invalid', 'to: must be after from', { field: 'to' });
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  if (after === null) throw new DomainError('invalid', 'cursor: not a cursor returned by this search', { field: 'cursor' });
  return ctx.store.searchWorkOrders({
    q: q.q || undefined,
    states: q.state,
    channels: q.channel,
    department: q.department,
    from,
    to,
    after,
    limit: q.limit,
  });
}
