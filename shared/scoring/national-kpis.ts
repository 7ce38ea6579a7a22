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
export type KpiSource = Pick<WorkOrder, 'id' | 'state' | 'handlingDeadline' | 'timestamps' | 'satisfaction' | 'reopenCount'>;

/** Whether the order was called back after its latest 办结 (回访 follows 办结; an earlier round's 回访 is older). */
const wasCalledBack = (o: KpiSource) =>
  o.timestamps.called_back !== undefined && o.timestamps.handled !== undefined && o.timestamps.called_back >= o.timestamps.handled;

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
 * 返工 (reopened after handling): the lead sent the order back from 已办结 or 已回访 to 处置中 at
 * least once (the `reopen` action, `reopenCount`). A reassignment (改派) before handling is not
 * rework, and an order reopened twice is one reworked order. While back in handling the order is
 * still a handled order (处置: handled at least once, so a second 办结 is not a new one), but it is
 * neither closed nor judged on time: its clock runs again, and 按期 is decided by its latest 办结
 * (an order sent back was not done by the first one).
 */
const isReopened = (o: KpiSource) => o.reopenCount > 0;

/** 按期: the bits the latest 办结 sets against the deadline (as it stands; the caller knows whether the order is handled). */
function handlingBits(o: KpiSource): number {
  if (o.timestamps.handled === undefined || o.handlingDeadline === null) return 0;
  return BIT.handledDue | (isoMs(o.timestamps.handled) <= isoMs(o.handlingDeadline) ? BIT.handledInTime : 0);
}

/** The bits an order sets, as it stands (nothing here depends on the time it is read at). Times are read only when needed. */
function bitsOf(o: KpiSource): number {
  let bits = 0;
  if (o.timestamps.filed !== undefined) bits |= BIT.filed;
  if (CLOSED.has(o.state)) bits |= BIT.closed;
  if (o.timestamps.handled !== undefined) {
    bits |= BIT.handled;
    // A reopened order back in handling waits for its next 办结.
    if (!IN_HANDLING.has(o.state)) bits |= handlingBits(o);
  }
  if (isReopened(o)) bits |= BIT.reopened;
  if (o.satisfaction !== null) bits |= BIT.evaluated | (o.satisfaction === 'dissatisfied' ? 0 : BIT.satisfied);
  return bits;
}

/** The deadline of an order whose handling clock runs: filed, not handled, not paused. */
function runningDeadline(o: KpiSource): number | null {
  // In handling: not yet handled, or handled and sent back (返工).
  if (o.handlingDeadline === null || PAUSED.has(o.state) || !IN_HANDLING.has(o.state)) return null;
  return isoMs(o.handlingDeadline);
}

/**
 * The bits each workflow event can newly set. Apart from 返工 the workflow only moves forward (filed
 * once, handled, called back, evaluated once: ALLOWED_FROM in shared/domain/work-order.ts), so what
 * an event adds is the order's bits after it, masked to what that step can set. `received` is an
 * order's first event: all it has is new (it may arrive under way: replayed history, bulk loads).
 * 返工 (`reopened`) is the one step back, folded by `KpiTally.reopen`: it takes away the 按期 bits
 * of the 办结 it undoes and, sent back from 已回访, `closed`; the next 办结 and 回访 set them again,
 * but `handled` only once (national-kpis.test.ts checks every step of the state machine, back
 * steps included, against counting the order as it stands).
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
  'workOrder.reopened': BIT.reopened,
};
/** Events after which an order's handling clock may start, stop or move. */
const CLOCK_EVENTS = new Set([
  'workOrder.received',
  'workOrder.filed',
  'workOrder.handled',
  'workOrder.suspended',
  'workOrder.markedDifficult',
  'workOrder.resumed',
  'workOrder.extended',
  'workOrder.reopened',
]);

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
    this.count(bitsOf(o), 1);
    this.clock(o);
  }

  /** Counts what the event `type` (e.g. 'workOrder.handled', carrying `o` after it) adds; false when no count or clock moved. */
  fold(type: string, o: KpiSource): boolean {
    const gains = GAINS[type];
    if (gains === undefined) return false;
    let gained = gains === 0 ? 0 : bitsOf(o) & gains;
    let lost = 0;
    if (type === 'workOrder.reopened') {
      // Only the first 返工 makes a reworked order; the 办结 undone is the latest (its time is still
      // on the order), and the order was closed if its 回访 came after that 办结.
      if (o.reopenCount !== 1) gained = 0;
      lost = handlingBits(o) | (wasCalledBack(o) ? BIT.closed : 0);
    } else if (type === 'workOrder.handled' && o.reopenCount > 0) {
      gained &= ~BIT.handled; // a second 办结 is not a new handled order
    }
    this.count(gained, 1);
    this.count(lost, -1);
    return (CLOCK_EVENTS.has(type) && this.clock(o)) || gained !== 0 || lost !== 0;
  }

  private count(bits: number, by: 1 | -1): void {
    for (let i = 0; bits !== 0; i++, bits >>>= 1) if (bits & 1) this.counts[i] += by;
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
