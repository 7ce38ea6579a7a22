import type { Incident } from '../domain/incident';
import type { Post, Staff } from '../domain/staff';
import type { WorkOrder } from '../domain/work-order';
import type { EventEnvelope } from '../events';
import type { FactOf, FactRef, ScoreFact } from './facts';
import type { ManualDeduction } from './score-events';
import { startOfDayKey } from '../time';
import { withSettingsDefaults } from '../settings';
import { isoMs } from './iso-time';
import type { StaffingDayFinding } from '../coverage/staffing-day';

/**
 * The envelope is the fact's reference as it is (it has every FactRef field): no copy per event.
 * Only facts kept as causes (a few per line) keep their envelope alive.
 */
const refOf = (e: EventEnvelope): FactRef => e;

/** An order once suspended or marked difficult stays outside the callback rate (挂起单、疑难单不计入考核范围). */
const callbackExcluded = (o: WorkOrder) => o.timestamps.suspended !== undefined || o.timestamps.difficult !== undefined;

const NO_FACTS: ScoreFact[] = [];

/**
 * How the deriver treats each event type it does not skip: one Map lookup per event instead of a
 * chain of comparisons; the order events that imply nothing (filed, started, …) are skipped unread.
 * 'received' is read for the replayed flag alone: an order is marked replayed when it is created, and
 * every later event carries the mark (the scored ones are read anyway).
 */
type Route = 'received' | 'scored' | 'incident' | 'staff';
const ROUTE = new Map<string, Route>([
  ['workOrder.received', 'received'],
  ...[
    'workOrder.dispatched',
    'workOrder.reassigned',
    'workOrder.dispatchJudgedWrong',
    'workOrder.handled',
    'workOrder.calledBack',
    'workOrder.reopened',
    'workOrder.qualityChecked',
    'evaluatorReport.verified',
    'equipment.faultReported',
    'equipment.faultRepaired',
    'score.deductionEntered',
    'score.deductionRevised',
    'settings.changed',
  ].map((type) => [type, 'scored'] as const),
  ['incident.dispatched', 'incident'],
  ['incident.arrived', 'incident'],
  ['staff.added', 'staff'],
  ['staff.dutyChanged', 'staff'],
]);

/**
 * The score facts one logged event implies. Stateless: everything needed is in the event
 * (entity events carry the entity after the change). Staff events need the roster and are
 * turned into headcounts by `createFactDeriver`.
 */
export function factsFromEvent(e: EventEnvelope): ScoreFact[] {
  if (e.type === 'incident.dispatched' || e.type === 'incident.arrived') {
    // Without the deriver's memory of the first dispatch, the incident's own deadline stands in.
    const fact = incidentFact(e.payload.incident, refOf(e), e.payload.incident.arrivalDeadline);
    return fact ? [fact] : NO_FACTS;
  }
  if (ROUTE.get(e.type) !== 'scored') return NO_FACTS;
  const fact = scoredFact(e);
  if (fact === null) return NO_FACTS;
  const wrong = wrongReassignFact(e);
  return wrong ? [fact, wrong] : [fact];
}

/**
 * The first (for a reassignment, the dispatch) fact of a scored event other than an incident's; null
 * for the rest. The event's own time (e.at) is parsed only where it dates the fact: callbacks use the
 * handled time.
 */
function scoredFact(e: EventEnvelope): ScoreFact | null {
  const ref = refOf(e);
  switch (e.type) {
    case 'workOrder.dispatched':
    case 'workOrder.reassigned': {
      const o = e.payload.workOrder;
      return { kind: 'dispatch', at: isoMs(e.at), ref, orderId: o.id, n: o.dispatchCount };
    }
    case 'workOrder.dispatchJudgedWrong':
      return {
        kind: 'wrongDispatch',
        // The judgment counts in the month of the dispatch it judges.
        at: e.payload.dispatchedAt ? isoMs(e.payload.dispatchedAt) : isoMs(e.at),
        ref,
        orderId: e.payload.workOrder.id,
        n: e.payload.dispatchNumber,
        by: 'center',
        reason: e.payload.reason,
      };
    case 'workOrder.handled': {
      const o = e.payload.workOrder;
      return { kind: 'callbackDue', at: isoMs(o.timestamps.handled ?? e.at), ref, orderId: o.id, excluded: callbackExcluded(o) };
    }
    case 'workOrder.calledBack': {
      const o = e.payload.workOrder;
      return { kind: 'calledBack', at: isoMs(o.timestamps.handled ?? e.at), ref, orderId: o.id, excluded: callbackExcluded(o) };
    }
    case 'workOrder.reopened': {
      // The order still carries the 办结 (and 回访) being undone: the withdrawal lands in that 办结's month.
      const o = e.payload.workOrder;
      const calledBack = e.payload.reopen?.from === 'called_back';
      return { kind: 'callbackWithdrawn', at: isoMs(o.timestamps.handled ?? e.at), ref, orderId: o.id, excluded: callbackExcluded(o), calledBack };
    }
    case 'workOrder.qualityChecked': {
      const q = e.payload.qualityCheck;
      return { kind: 'qualityCheck', at: isoMs(q.checkedAt), ref, orderId: q.workOrderId, passed: q.passed, reason: q.reason };
    }
    case 'evaluatorReport.verified': {
      const v = e.payload.verification;
      return { kind: 'evaluatorReport', at: isoMs(v.verifiedAt), ref, reportId: v.reportId, correct: v.correct, note: v.note };
    }
    case 'equipment.faultReported':
    case 'equipment.faultRepaired': {
      const f = e.payload.fault;
      return {
        kind: 'fault',
        at: isoMs(f.reportedAt),
        ref,
        faultId: f.id,
        equipment: f.equipment,
        delaysWork: f.delaysWork,
        repairedAt: f.repairedAt === null ? null : isoMs(f.repairedAt),
      };
    }
    case 'score.deductionEntered':
    case 'score.deductionRevised':
      return manualFact(e.payload.deduction, ref);
    case 'settings.changed':
      return { kind: 'settings', at: isoMs(e.at), ref, settings: withSettingsDefaults(e.payload.settings) };
    default:
      return null;
  }
}

/**
 * A reassignment undoes a dispatch judged wrong (the reassign command defaults wrongDispatch to
 * true: an event without the flag is a wrong one). Counted in the month of the dispatch it undoes
 * (older events lack the time: the reassignment's).
 */
function wrongReassignFact(e: EventEnvelope): ScoreFact | null {
  if (e.type !== 'workOrder.reassigned' || !(e.payload.wrongDispatch ?? true)) return null;
  const o = e.payload.workOrder;
  const at = e.payload.previousDispatchAt ? isoMs(e.payload.previousDispatchAt) : isoMs(e.at);
  return { kind: 'wrongDispatch', at, ref: refOf(e), orderId: o.id, n: o.dispatchCount - 1, by: 'reassign', reason: e.payload.reason ?? null };
}

/** The incident's arrival clock: dated at its first deadline, so it counts in the month that deadline passes. */
function incidentFact(i: Incident, ref: FactRef, firstDeadline: string | null): ScoreFact | null {
  if (i.arrivalDeadline === null || firstDeadline === null) return null;
  const first = isoMs(firstDeadline);
  return {
    kind: 'incident',
    at: first,
    ref,
    incidentId: i.id,
    firstDeadline: first,
    lastDeadline: isoMs(i.arrivalDeadline),
    arrivedAt: i.arrivedAt === null ? null : isoMs(i.arrivedAt),
    source: i.arrivalSource ?? null,
    distanceKm: i.distanceKm ?? null,
  };
}

function manualFact(d: ManualDeduction, ref: FactRef): ScoreFact {
  return {
    kind: 'manualDeduction',
    at: isoMs(d.occurredAt),
    ref,
    deductionId: d.id,
    revision: d.revision,
    block: d.block,
    points: d.points,
    reason: d.reason,
    withdrawn: d.withdrawn,
  };
}

/** Receives the facts of one event, in order (fold.ts folds them straight in, with no array per event). */
export type FactSink = (fact: ScoreFact) => void;

/**
 * `factsFromEvent` plus the roster it needs to turn staff events into headcounts per post
 * (active staff of the post). Until the roster engine records daily headcounts, this is how the
 * staffing block learns how many people each post has.
 *
 * `includeReplayed`: whether orders replayed from history count (settings.scoreReplayedOrders, read
 * at each event). Without it their facts are dropped: replayed history is training data.
 *
 * `deriveInto` is the fold's path: one table lookup sends the unscored events (most of a busy log:
 * received, filed, started, …) away before any payload is read, and the facts go to the sink without
 * an array per event. `derive` collects the same facts into an array.
 */
export function createFactDeriver(includeReplayed: () => boolean = () => false) {
  const staff = new Map<string, { post: Post; active: boolean }>();
  /** Orders received as replayed history: their quality checks carry only the order's id. */
  const replayed = new Set<string>();
  const counts: Record<Post, number> = { seat: 0, responder: 0, evaluator: 0 };
  /** First dispatch deadline of each incident not yet reached: a reassignment does not restart the clock. */
  const firstDeadline = new Map<string, string>();

  /** Drops the facts of replayed orders unless they count. */
  const counted = (orderId: string, isReplayed: boolean) => !(isReplayed || (replayed.size > 0 && replayed.has(orderId))) || includeReplayed();

  function staffFacts(e: EventEnvelope & { type: 'staff.added' | 'staff.dutyChanged' }, sink: FactSink): void {
    const s: Staff = e.payload.staff;
    const before = staff.get(s.id);
    if (before?.active) counts[before.post]--;
    if (s.active) counts[s.post]++;
    staff.set(s.id, { post: s.post, active: s.active });
    // A duty toggle leaves the headcount alone; joining, leaving or changing post moves it.
    if (before && before.post === s.post && before.active === s.active) return;
    const at = isoMs(e.at);
    sink({ kind: 'headcount', at, ref: refOf(e), post: s.post, headcount: counts[s.post] });
    if (before && before.post !== s.post) sink({ kind: 'headcount', at, ref: refOf(e), post: before.post, headcount: counts[before.post] });
  }

  function deriveInto(e: EventEnvelope, sink: FactSink): void {
    const route = ROUTE.get(e.type);
    if (route === undefined) return;
    switch (route) {
      case 'received':
        // A replayed order's quality checks carry only its id: remember it from the start.
        if ('workOrder' in e.payload && e.payload.workOrder.replayed) replayed.add(e.payload.workOrder.id);
        return;
      case 'staff':
        if (e.type === 'staff.added' || e.type === 'staff.dutyChanged') staffFacts(e, sink);
        return;
      case 'incident':
        if (e.type === 'incident.dispatched' || e.type === 'incident.arrived') {
          const i = e.payload.incident;
          const first = firstDeadline.get(i.id) ?? i.arrivalDeadline;
          if (e.type === 'incident.arrived') firstDeadline.delete(i.id);
          else if (first !== null) firstDeadline.set(i.id, first);
          const fact = incidentFact(i, refOf(e), first);
          if (fact) sink(fact);
        }
        return;
      default: {
        let isReplayed = false;
        if ('workOrder' in e.payload) {
          const o = e.payload.workOrder;
          if (o.replayed) {
            replayed.add(o.id);
            isReplayed = true;
          }
        }
        const fact = scoredFact(e);
        if (fact === null) return;
        const orderId = 'orderId' in fact ? fact.orderId : null;
        if (orderId !== null && !counted(orderId, isReplayed)) return;
        sink(fact);
        // A wrong reassignment is two facts: the dispatch and the wrong one it undoes.
        if (e.type === 'workOrder.reassigned') {
          const wrong = wrongReassignFact(e);
          if (wrong) sink(wrong);
        }
      }
    }
  }

  return {
    deriveInto,
    derive(e: EventEnvelope): ScoreFact[] {
      const facts: ScoreFact[] = [];
      deriveInto(e, (f) => facts.push(f));
      return facts;
    },
    headcounts: () => ({ ...counts }),
    /** What the deriver remembers, as JSON-safe data (the score service's checkpoint). */
    dump(): DeriverState {
      return { staff: [...staff], replayed: [...replayed], counts: { ...counts }, firstDeadline: [...firstDeadline] };
    },
    /** Takes up where a dumped deriver left off (on a fresh deriver). */
    load(state: DeriverState): void {
      for (const [id, s] of state.staff) staff.set(id, s);
      for (const id of state.replayed) replayed.add(id);
      Object.assign(counts, state.counts);
      for (const [id, at] of state.firstDeadline) firstDeadline.set(id, at);
    },
    /** Was the order received as replayed history? (Later events' orders, read back from the store, lack the mark.) */
    isReplayed: (orderId: string) => replayed.has(orderId),
  };
}

export interface DeriverState {
  staff: [string, { post: Post; active: boolean }][];
  replayed: string[];
  counts: Record<Post, number>;
  firstDeadline: [string, string][];
}
export type FactDeriver = ReturnType<typeof createFactDeriver>;

/** Facts from the roster engine's `{day, post, headcount}` rows (shared/coverage teamHeadcounts). */
export function dailyHeadcountFacts(
  rows: readonly { day: string; post: Post; headcount: number }[],
  timeZone: string,
  ref: FactRef = { seq: null, at: new Date(0).toISOString(), actor: 'roster', entityType: null, entityId: null },
): ScoreFact[] {
  return rows.map((r) => ({
    kind: 'dailyHeadcount' as const,
    at: startOfDayKey(r.day, timeZone).getTime(),
    ref: { ...ref, at: startOfDayKey(r.day, timeZone).toISOString(), entityId: r.day },
    day: r.day,
    post: r.post,
    headcount: r.headcount,
  }));
}

/**
 * Facts from the roster's full staffing findings (shared/coverage/staffing-day.ts): the count, the
 * law graduate, who was missing and the 空岗 stretches of each post and day. One fact per post and
 * day, keyed like `dailyHeadcountFacts`, so a later reading replaces the earlier one.
 */
export function staffingDayFacts(findings: readonly StaffingDayFinding[], timeZone: string): ScoreFact[] {
  return dailyHeadcountFacts(findings, timeZone).map((f, i) => {
    const { noLawGraduate, missing, empty } = findings[i];
    return { ...(f as FactOf<'dailyHeadcount'>), noLawGraduate, missing, empty };
  });
}
