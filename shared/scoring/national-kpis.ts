import type { WorkOrder, WorkOrderState } from '../domain/work-order';
import { isoMs } from './iso-time';
import { KPI_TABLE, type KpiCount, type KpiId } from './rule-table';

/**
 * The national indicators (按期处置率, 结案率, 返工率, 满意率): what each order adds to the counts the
 * rule table divides (KPI_TABLE in rule-table.ts: numerator, denominator, which orders, which month).
 * One owner: the live score (server/score/score.service.ts, pushed to /score and the wall) folds the
 * workflow's events through `KpiTally`, the operations analysis (shared/reports/operations-analysis.ts)
 * counts the store's orders through the same tally and the same `bitsOf`.
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
export type KpiSource = Pick<WorkOrder, 'id' | 'state' | 'handlingDeadline' | 'timestamps' | 'satisfaction'>;

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
 * a mark that outlives the second 办结 (a count, as `dispatchCount` does for 改派), read here instead,
 * and GAINS below must learn that a second 办结 is not a new handled order.
 */
const isReopened = (o: KpiSource) => o.timestamps.handled !== undefined && IN_HANDLING.has(o.state);

/** The bits an order sets, as it stands (nothing here depends on the time it is read at). Times are read only when needed. */
function bitsOf(o: KpiSource): number {
  let bits = 0;
  if (o.timestamps.filed !== undefined) bits |= BIT.filed;
  if (CLOSED.has(o.state)) bits |= BIT.closed;
  if (o.timestamps.handled !== undefined) {
    bits |= BIT.handled;
    if (o.handlingDeadline !== null) {
      bits |= BIT.handledDue | (isoMs(o.timestamps.handled) <= isoMs(o.handlingDeadline) ? BIT.handledInTime : 0);
    }
  }
  if (isReopened(o)) bits |= BIT.reopened;
  if (o.satisfaction !== null) bits |= BIT.evaluated | (o.satisfaction === 'dissatisfied' ? 0 : BIT.satisfied);
  return bits;
}

/** The deadline of an order whose handling clock runs: filed, not handled, not paused. */
function runningDeadline(o: KpiSource): number | null {
  if (o.handlingDeadline === null || o.timestamps.handled !== undefined || PAUSED.has(o.state) || !IN_HANDLING.has(o.state)) return null;
  return isoMs(o.handlingDeadline);
}

/**
 * The bits each workflow event can newly set. The workflow only moves forward (filed once, handled
 * once, called back once, evaluated once: ALLOWED_FROM in shared/domain/work-order.ts), so what an
 * event adds is the order's bits after it, masked to what that step can set; a bit once set stays
 * (national-kpis.test.ts checks every step of the state machine against this). `received` is an
 * order's first event: all it has is new (it may arrive under way: replayed history, bulk loads).
 * Events not listed change no count and no running clock, and a fold may skip them.
 */
const GAINS: Readonly<Record<string, number>> = {
  'workOrder.received': ~0,
  'workOrder.filed': BIT.filed,
  'workOrder.handled': BIT.handled | BIT.handledDue | BIT.handledInTime,
  'workOrder.calledBack': BIT.closed,
  'workOrder.evaluated': BIT.evaluated | BIT.satisfied,
  'workOrder.suspended': 0,
  'workOrder.markedDifficult': 0,
  'workOrder.resumed': 0,
  'workOrder.extended': 0,
};
/** Events after which an order's handling clock may start, stop or move. */
const CLOCK_EVENTS = new Set(['workOrder.received', 'workOrder.filed', 'workOrder.handled', 'workOrder.suspended', 'workOrder.markedDifficult', 'workOrder.resumed', 'workOrder.extended']);

/**
 * The indicators over a set of orders: counters, and the deadlines of the orders whose handling
 * clock runs. `addOrder` counts an order as it stands (a snapshot, e.g. the store's rows); `fold`
 * counts what one workflow event adds (the live path, O(1), no record per order: a city-scale month
 * is 300,000 orders). A read walks only the running clocks (they turn late as time passes).
 */
export class KpiTally {
  private readonly counts = BITS.map(() => 0);
  /** Deadline (epoch ms) of each order whose handling clock runs. */
  private readonly running = new Map<string, number>();

  /** Counts an order as it stands: everything it adds. */
  addOrder(o: KpiSource): void {
    this.count(bitsOf(o));
    this.clock(o);
  }

  /** Counts what the event `type` (e.g. 'workOrder.handled', carrying `o` after it) adds; false when no count or clock moved. */
  fold(type: string, o: KpiSource): boolean {
    const gains = GAINS[type];
    if (gains === undefined) return false;
    const gained = gains === 0 ? 0 : bitsOf(o) & gains;
    this.count(gained);
    return (CLOCK_EVENTS.has(type) && this.clock(o)) || gained !== 0;
  }

  private count(bits: number): void {
    for (let i = 0; bits !== 0; i++, bits >>>= 1) if (bits & 1) this.counts[i]++;
  }

  private clock(o: KpiSource): boolean {
    const deadline = runningDeadline(o);
    if (deadline === null) return this.running.delete(o.id);
    if (this.running.get(o.id) === deadline) return false;
    this.running.set(o.id, deadline);
    return true;
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

/** The order events that can change a count or a running clock; a fold may skip the others. */
export const KPI_EVENTS: ReadonlySet<string> = new Set(Object.keys(GAINS));

/** The indicators over these orders as they stand at `asOf` (epoch ms). */
export function nationalKpis(orders: Iterable<KpiSource>, asOf: number): NationalKpis {
  const tally = new KpiTally();
  for (const o of orders) tally.addOrder(o);
  return tally.read(asOf);
}

/** The indicators as a public screen may have them: the three numbers of each, nothing else. */
export function kpisForWall(kpis: NationalKpis): NationalKpis {
  return Object.fromEntries(
    KPI_IDS.map((id) => [id, { numerator: kpis[id].numerator, denominator: kpis[id].denominator, percent: kpis[id].percent }]),
  ) as NationalKpis;
}
