import type { WorkOrder, WorkOrderState } from '../domain/work-order';
import { KPI_TABLE, type KpiCount, type KpiId } from './rule-table';

/**
 * The national indicators (按期处置率, 结案率, 返工率, 满意率): what each order adds to the counts the
 * rule table divides (KPI_TABLE in rule-table.ts: numerator, denominator, which orders, which month).
 * One owner: the live score (server/score/score.service.ts, pushed to /score and the wall) and the
 * operations analysis (shared/reports/operations-analysis.ts) both fold orders through `KpiTally`.
 *
 * Worked example (test/unit/scoring/national-kpis.test.ts has more), read at 12:00:
 *   A handled 09:00, deadline 10:00 → handledInTime, deadlineSettled, handled; called back → closed
 *   B in progress, deadline 11:00  → deadlineSettled (passed unhandled), not in time
 *   C in progress, deadline 15:00  → nothing yet: its deadline has not come
 *   onTimeRate = 1 ÷ 2 = 50 %, closureRate = 1 ÷ 3 filed ≈ 33.3 %.
 */
export type { KpiCount, KpiId };
export const KPI_IDS: readonly KpiId[] = KPI_TABLE.map((k) => k.id);

export interface Ratio {
  numerator: number;
  denominator: number;
  /** Percent, rounded to 4 decimals; null when the denominator is 0 (nothing to judge yet). */
  percent: number | null;
}

export type NationalKpis = Record<KpiId, Ratio>;

/** What the indicators read of an order. */
export type KpiSource = Pick<WorkOrder, 'id' | 'version' | 'state' | 'handlingDeadline' | 'timestamps' | 'satisfaction'>;

export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, percent: denominator > 0 ? Math.round((numerator * 1e6) / denominator) / 1e4 : null };
}

/** An indicator as every screen writes it: one decimal and a percent sign ('96.4%'), '—' with nothing to judge. */
export function kpiText(r: Ratio | null | undefined): string {
  return r == null || r.percent === null ? '—' : `${r.percent.toFixed(1)}%`;
}

/** The counts that do not move with time, one bit each; `deadlineSettled` adds the waiting orders past their deadline. */
const BITS = ['filed', 'closed', 'handled', 'handledDue', 'handledInTime', 'reopened', 'evaluated', 'satisfied'] as const;
type Bit = (typeof BITS)[number];
const BIT = Object.fromEntries(BITS.map((b, i) => [b, 1 << i])) as Record<Bit, number>;
const BIT_SPAN = 1 << BITS.length;

const CLOSED: ReadonlySet<WorkOrderState> = new Set(['called_back', 'evaluated']);
/** 挂起 and 疑难 stop the handling clock (the deadline moves by the pause on resume). */
const PAUSED: ReadonlySet<WorkOrderState> = new Set(['suspended', 'difficult']);
/** States of an order being worked on (before 办结). */
const IN_HANDLING: ReadonlySet<WorkOrderState> = new Set(['filed', 'dispatched', 'in_progress', 'suspended', 'difficult']);

/**
 * 返工 (reopened after handling): the order was handled (处置/办结) and is back in handling. A
 * reassignment (改派) before handling is not rework. The workflow today has no action that sends a
 * handled order back: in shared/domain/work-order.ts 已办结 leads only to 回访 and 已回访 only to 评价,
 * which ends the order whatever the answer, and no event reopens one. So no order is counted here
 * yet, and the rate is 0 of the handled orders until such an action exists; that action should leave
 * a mark that outlives the second 办结 (a count, as `dispatchCount` does for 改派), read here instead.
 */
const isReopened = (o: KpiSource) => o.timestamps.handled !== undefined && IN_HANDLING.has(o.state);

/** The bits an order sets, as it stands (nothing here depends on the time it is read at). */
function bitsOf(o: KpiSource): number {
  const deadline = o.handlingDeadline === null ? null : Date.parse(o.handlingDeadline);
  const handled = o.timestamps.handled === undefined ? null : Date.parse(o.timestamps.handled);
  let bits = 0;
  if (o.timestamps.filed !== undefined) bits |= BIT.filed;
  if (CLOSED.has(o.state)) bits |= BIT.closed;
  if (handled !== null) {
    bits |= BIT.handled;
    if (deadline !== null) bits |= BIT.handledDue | (handled <= deadline ? BIT.handledInTime : 0);
  }
  if (isReopened(o)) bits |= BIT.reopened;
  if (o.satisfaction !== null) bits |= BIT.evaluated | (o.satisfaction === 'dissatisfied' ? 0 : BIT.satisfied);
  return bits;
}

/** The deadline of an order whose handling clock runs: filed, not handled, not paused. */
function runningDeadline(o: KpiSource): number | null {
  if (o.handlingDeadline === null || o.timestamps.handled !== undefined || PAUSED.has(o.state) || !IN_HANDLING.has(o.state)) return null;
  return Date.parse(o.handlingDeadline);
}

/**
 * The indicators over a set of orders, updated one order at a time: each `restate` replaces what the
 * order added before (events carry the whole order after the change), so the fold is O(1) per event
 * and the same whatever the order of arrival (an older version than the one held is ignored). A read
 * walks only the orders whose handling clock runs (they become late as time passes), not all of them.
 */
export class KpiTally {
  private readonly counts = BITS.map(() => 0);
  /** version × 2^8 + bits, per order. */
  private readonly orders = new Map<string, number>();
  /** Deadline (epoch ms) of each order whose handling clock runs. */
  private readonly running = new Map<string, number>();

  /** Folds the order as it stands now; false when nothing changed (a stale or repeated version). */
  restate(o: KpiSource): boolean {
    const held = this.orders.get(o.id);
    if (held !== undefined && Math.floor(held / BIT_SPAN) > o.version) return false;
    const before = held === undefined ? 0 : held % BIT_SPAN;
    const after = bitsOf(o);
    this.orders.set(o.id, o.version * BIT_SPAN + after);
    for (let i = 0; i < BITS.length; i++) this.counts[i] += ((after >> i) & 1) - ((before >> i) & 1);
    const deadline = runningDeadline(o);
    const was = this.running.get(o.id);
    if (deadline === null) this.running.delete(o.id);
    else this.running.set(o.id, deadline);
    return before !== after || was !== (deadline ?? undefined);
  }

  get size(): number {
    return this.orders.size;
  }

  /** The indicators at `asOf` (epoch ms): a running clock past its deadline counts as not handled in time. */
  read(asOf: number): NationalKpis {
    const count = (bit: Bit) => this.counts[BITS.indexOf(bit)];
    let late = 0;
    for (const deadline of this.running.values()) if (deadline < asOf) late++;
    const value: Record<KpiCount, number> = {
      filed: count('filed'),
      closed: count('closed'),
      handled: count('handled'),
      handledInTime: count('handledInTime'),
      deadlineSettled: count('handledDue') + late,
      reopened: count('reopened'),
      evaluated: count('evaluated'),
      satisfied: count('satisfied'),
    };
    return Object.fromEntries(KPI_TABLE.map((k) => [k.id, ratio(value[k.numerator], value[k.denominator])])) as NationalKpis;
  }
}

/** The indicators over these orders as they stand at `asOf` (epoch ms). */
export function nationalKpis(orders: Iterable<KpiSource>, asOf: number): NationalKpis {
  const tally = new KpiTally();
  for (const o of orders) tally.restate(o);
  return tally.read(asOf);
}

/** The indicators as a public screen may have them: the three numbers of each, nothing else. */
export function kpisForWall(kpis: NationalKpis): NationalKpis {
  return Object.fromEntries(
    KPI_IDS.map((id) => [id, { numerator: kpis[id].numerator, denominator: kpis[id].denominator, percent: kpis[id].percent }]),
  ) as NationalKpis;
}
