import { z } from 'zod';
import { analyseOperations, dayRangeBounds, type OperationsAnalysis } from '../../shared/reports/operations-analysis';
import { monthParamSchema } from '../../shared/scoring';
import { daysOfMonth } from '../../shared/time';
import type { CommandContext } from '../commands/context';
import { HttpError } from '../http/errors';

const dayKeySchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a day is YYYY-MM-DD');
const MAX_DAYS = 366;
/** More orders than this in one range is refused rather than read into memory whole. */
const MAX_ORDERS = 500_000;

/** ?month=YYYY-MM, or ?from=YYYY-MM-DD&to=YYYY-MM-DD (local days, both inclusive); lang for the workbook. */
export const operationsQuerySchema = z
  .strictObject({
    month: monthParamSchema.optional(),
    from: dayKeySchema.optional(),
    to: dayKeySchema.optional(),
    lang: z.enum(['zh-CN', 'en']).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.month !== undefined) {
      if (q.from !== undefined || q.to !== undefined) ctx.addIssue({ code: 'custom', path: ['from'], message: 'give month, or from and to, not both' });
      return;
    }
    if (q.from === undefined) return ctx.addIssue({ code: 'custom', path: ['month'], message: 'give month=YYYY-MM, or from and to (YYYY-MM-DD)' });
    if (q.to === undefined) return ctx.addIssue({ code: 'custom', path: ['to'], message: 'to (YYYY-MM-DD) is required with from' });
    if (q.to < q.from) return ctx.addIssue({ code: 'custom', path: ['to'], message: 'to is before from' });
    const days = (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`)) / 86_400_000 + 1;
    if (!Number.isFinite(days)) return ctx.addIssue({ code: 'custom', path: ['from'], message: 'not a calendar day' });
    if (days > MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_DAYS} days` });
  });
export type OperationsQuery = z.infer<typeof operationsQuerySchema>;

/**
 * 运行分析 over the orders received in the range, with days in the Center's time zone. Orders
 * replayed from history are training data: left out, as the score leaves them out, unless the
 * settings count them (scoreReplayedOrders).
 */
export async function operationsReport(ctx: CommandContext, query: OperationsQuery): Promise<OperationsAnalysis> {
  const { timeZone, scoreReplayedOrders } = ctx.settings();
  const days = query.month ? daysOfMonth(query.month) : null;
  const range = days ? { from: days[0], to: days[days.length - 1] } : { from: query.from!, to: query.to! };
  const { startMs, endMs } = dayRangeBounds(range.from, range.to, timeZone);
  const orders = await ctx.store.listWorkOrders({
    createdFrom: new Date(startMs).toISOString(),
    createdTo: new Date(endMs - 1).toISOString(),
    limit: MAX_ORDERS + 1,
  });
  if (orders.length > MAX_ORDERS) throw new HttpError(422, 'range_too_large', `more than ${MAX_ORDERS} orders in the range: choose a shorter one`, 'from');
  const counted = scoreReplayedOrders ? orders : orders.filter((o) => !o.replayed);
  return analyseOperations(counted, range, timeZone, ctx.clock.now());
}
