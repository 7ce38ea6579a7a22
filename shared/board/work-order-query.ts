import { z } from 'zod';
import { CHANNELS, WORK_ORDER_STATES, type WorkOrder } from '../domain/work-order';

const day = /^\d{4}-\d{2}-\d{2}$/;
/** A comma list in a query string ('received,filed') or one value. */
const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).min(1));

/**
 * `GET /api/work-orders`: search over ALL orders, closed ones included. `q` matches the id, the
 * reporter's phone, the address, the title and the description; `from`/`to` bound the time the
 * order was received (a day 'YYYY-MM-DD' is the Center's local day, `to` inclusive, or an ISO time).
 * Newest first; `cursor` is the `nextCursor` of the previous page.
 */
export const workOrderQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  state: list(WORK_ORDER_STATES).optional(),
  channel: list(CHANNELS).optional(),
  department: z.string().trim().min(1).max(200).optional(),
  from: z.union([z.string().regex(day), z.iso.datetime({ offset: true })]).optional(),
  to: z.union([z.string().regex(day), z.iso.datetime({ offset: true })]).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type WorkOrderQuery = z.infer<typeof workOrderQuerySchema>;

/** The query as the store runs it: bounds resolved to ISO instants, the cursor decoded. */
export interface WorkOrderSearch {
  q?: string;
  states?: string[];
  channels?: string[];
  department?: string;
  /** createdAt ≥ from, < to (ISO instants). */
  from?: string;
  to?: string;
  /** Continue after this (createdAt, id), newest first. */
  after?: { createdAt: string; id: string };
  limit: number;
}

export interface WorkOrderPage {
  items: WorkOrder[];
  nextCursor: string | null;
  /** Orders matching the filters, across all pages. */
  total: number;
}

/** The cursor is the last item's (createdAt, id): stable while new orders arrive at the top. */
export const encodeCursor = (o: Pick<WorkOrder, 'createdAt' | 'id'>) => `${o.createdAt}~${o.id}`;
export function decodeCursor(cursor: string): { createdAt: string; id: string } | null {
  const [createdAt, id] = cursor.split('~');
  return createdAt && id && !Number.isNaN(Date.parse(createdAt)) ? { createdAt, id } : null;
}
