import { z } from 'zod';
import { categorySchema } from '../../shared/domain/category';
import { latSchema, lngSchema } from '../../shared/domain/common';
import { isWorkOrderOpen, type WorkOrder } from '../../shared/domain/work-order';
import { distanceKm } from '../../shared/geo/distance';
import type { CommandContext } from './context';
import { parseInput } from './validate';

export const duplicateQuerySchema = z.strictObject({
  kind: categorySchema.options[0].shape.kind.or(categorySchema.options[1].shape.kind),
  class: z.string().min(1).max(60),
  subClass: z.string().trim().min(1).max(60),
  lat: z.coerce.number().pipe(latSchema),
  lng: z.coerce.number().pipe(lngSchema),
});

/**
 * Possible duplicates of an order being entered: open orders of the same 小类 within the set
 * distance, received within the set hours (settings.duplicates), nearest first. The seat sees them
 * before saving and may merge the new report into one of them.
 */
export async function findDuplicates(ctx: CommandContext, query: unknown): Promise<{ items: Array<WorkOrder & { distanceM: number }> }> {
  const q = parseInput(duplicateQuerySchema, query);
  const { radiusMeters, withinHours } = ctx.settings().duplicates;
  const from = new Date(ctx.clock.now().getTime() - withinHours * 3_600_000).toISOString();
  const found: Array<WorkOrder & { distanceM: number }> = [];
  let after: { createdAt: string; id: string } | undefined;
  // Pages of recent orders: a few thousand at most in the window.
  for (;;) {
    const page = await ctx.store.searchWorkOrders({ from, after, limit: 500 });
    for (const o of page.items) {
      if (!isWorkOrderOpen(o) || o.category.kind !== q.kind || o.category.class !== q.class || o.category.subClass !== q.subClass) continue;
      const distanceM = Math.round(distanceKm(o.location, q) * 1000);
      if (distanceM <= radiusMeters) found.push({ ...o, distanceM });
    }
    if (!page.nextCursor) break;
    after = { createdAt: page.items[page.items.length - 1].createdAt, id: page.items[page.items.length - 1].id };
  }
  return { items: found.sort((a, b) => a.distanceM - b.distanceM).slice(0, 20) };
}
