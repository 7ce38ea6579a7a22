import { categoryKey } from '../domain/category';
import type { WorkOrder } from '../domain/work-order';
import { streetOfficeOf } from '../geo/street-office';
import { nationalKpis, type NationalKpis } from '../scoring/national-kpis';
import { addDaysToKey, dayKey, startOfDayKey } from '../time';

/**
 * 运行分析: what came in over a range of the Center's local days and how it was handled, from the
 * work orders received in the range. Every order counts once in each breakdown, so each
 * breakdown sums to `total`; the KPIs are the national 数字化城市管理 indicators, defined once in the
 * rule table (KPI_TABLE) and folded by shared/scoring/national-kpis.ts, as the live score does.
 */
export type { Ratio } from '../scoring/national-kpis';

export interface Count {
  key: string;
  count: number;
}

export interface RecurringProblem {
  kind: string;
  class: string;
  subClass: string;
  /** Street office (街道); '' when the address names none. */
  street: string;
  count: number;
}

export interface HotSpot {
  /** Centre of a grid cell of HOTSPOT_CELL_DEG degrees. */
  lat: number;
  lng: number;
  count: number;
}

export interface OperationsAnalysis {
  /** First and last local day of the range, inclusive ('YYYY-MM-DD'). */
  from: string;
  to: string;
  timeZone: string;
  asOf: string;
  total: number;
  byChannel: Count[];
  /** 大类: `kind/class`. */
  byClass: Count[];
  /** 小类: `kind/class/subClass`. */
  bySubClass: Count[];
  /** Street office; '' = the address names none. */
  byStreet: Count[];
  /** Department of the (last) dispatch; '' = never dispatched. */
  byDepartment: Count[];
  byDay: Count[];
  /** 按期处置率, 结案率, 返工率, 满意率 of the orders received in the range, as defined in the rule table (KPI_TABLE). */
  kpis: NationalKpis;
  /** The same 小类 at the same street, most frequent first (at least 2 orders). */
  topProblems: RecurringProblem[];
  /** The busiest cells, most orders first. */
  hotSpots: HotSpot[];
  /** Every cell with an order: the heat map's data (drawn on the offline map). */
  heat: HotSpot[];
}

export const HOTSPOT_CELL_DEG = 0.005;
const TOP = 10;

/** The instants of a local day range: [start of `from`, start of the day after `to`). */
export function dayRangeBounds(from: string, to: string, timeZone: string): { startMs: number; endMs: number } {
  return { startMs: startOfDayKey(from, timeZone).getTime(), endMs: startOfDayKey(addDaysToKey(to, 1), timeZone).getTime() };
}

function tally(keys: Iterable<string>): Count[] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export function analyseOperations(allOrders: readonly WorkOrder[], range: { from: string; to: string }, timeZone: string, asOf: Date): OperationsAnalysis {
  const { startMs, endMs } = dayRangeBounds(range.from, range.to, timeZone);
  const now = asOf.getTime();
  const orders = allOrders.filter((o) => {
    const at = Date.parse(o.createdAt);
    return at >= startMs && at < endMs;
  });

  const problems = new Map<string, RecurringProblem>();
  for (const o of orders) {
    const street = streetOfficeOf(o.location.address) ?? '';
    const key = `${categoryKey(o.category)}/${o.category.subClass}|${street}`;
    const p = problems.get(key) ?? { kind: o.category.kind, class: o.category.class, subClass: o.category.subClass, street, count: 0 };
    p.count++;
    problems.set(key, p);
  }
  const cells = tally(orders.map((o) => `${Math.floor(o.location.lat / HOTSPOT_CELL_DEG)}|${Math.floor(o.location.lng / HOTSPOT_CELL_DEG)}`));
  const heat = cells.map(({ key, count }) => {
    const [i, j] = key.split('|').map(Number);
    return { lat: (i + 0.5) * HOTSPOT_CELL_DEG, lng: (j + 0.5) * HOTSPOT_CELL_DEG, count };
  });

  return {
    from: range.from,
    to: range.to,
    timeZone,
    asOf: asOf.toISOString(),
    total: orders.length,
    byChannel: tally(orders.map((o) => o.channel)),
    byClass: tally(orders.map((o) => categoryKey(o.category))),
    bySubClass: tally(orders.map((o) => `${categoryKey(o.category)}/${o.category.subClass}`)),
    byStreet: tally(orders.map((o) => streetOfficeOf(o.location.address) ?? '')),
    byDepartment: tally(orders.map((o) => o.department ?? '')),
    byDay: tally(orders.map((o) => dayKey(new Date(o.createdAt), timeZone))).sort((a, b) => a.key.localeCompare(b.key)),
    kpis: nationalKpis(orders, now),
    topProblems: [...problems.values()]
      .filter((p) => p.count >= 2)
      .sort((a, b) => b.count - a.count || a.subClass.localeCompare(b.subClass))
      .slice(0, TOP),
    hotSpots: heat.slice(0, TOP),
    heat,
  };
}
