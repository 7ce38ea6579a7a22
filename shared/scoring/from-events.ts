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
const SCORED_TYPES = new Set<string>([
  'workOrder.dispatched',
  'workOrder.reassigned',
  'workOrder.dispatchJudgedWrong',
  'workOrder.handled',
  'workOrder.calledBack',
  'workOrder.qualityChecked',
  'evaluatorReport.verified',
  'incident.dispatched',
  'incident.arrived',
  'equipment.faultReported',
  'equipment.faultRepaired',
  'score.deductionEntered',
  'score.deductionRevised',
  'settings.changed',
]);

/**
 * The score facts one logged event implies. Stateless: everything needed is in the event
 * (entity events carry the entity after the change). Staff events need the roster and are
 * turned into headcounts by `createFactDeriver`.
 */
export function factsFromEvent(e: EventEnvelope): ScoreFact[] {
  // Most events (received, filed, started, …) imply nothing: leave before allocating.
  if (!SCORED_TYPES.has(e.type)) return NO_FACTS;
  const ref = refOf(e);
  // The event's own time (e.at) is parsed only where it dates the fact: callbacks use the handled time.
  switch (e.type) {
    case 'workOrder.dispatched': {
      const o = e.payload.workOrder;
      return [{ kind: 'dispatch', at: isoMs(e.at), ref, orderId: o.id, n: o.dispatchCount }];
    }
    case 'workOrder.reassigned': {
      const o = e.payload.workOrder;
      const facts: ScoreFact[] = [{ kind: 'dispatch', at: isoMs(e.at), ref, orderId: o.id, n: o.dispatchCount }];
      // The reassign command defaults wrongDispatch to true: an event without the flag is a wrong one.
      if (e.payload.wrongDispatch ?? true) {
        // Counted in the month of the dispatch it undoes (older events lack the time: the reassignment's).
        const wrongAt = e.payload.previousDispatchAt ? isoMs(e.payload.previousDispatchAt) : isoMs(e.at);
        facts.push({ kind: 'wrongDispatch', at: wrongAt, ref, orderId: o.id, n: o.dispatchCount - 1, by: 'reassign', reason: e.payload.reason ?? null });
      }
      return facts;
    }
    case 'workOrder.dispatchJudgedWrong':
      return [
        {
          kind: 'wrongDispatch',
          // The judgment counts in the month of the dispatch it judges.
          at: e.payload.dispatchedAt ? isoMs(e.payload.dispatchedAt) : isoMs(e.at),
          ref,
          orderId: e.payload.workOrder.id,
          n: e.payload.dispatchNumber,
          by: 'center',
          reason: e.payload.reason,
        },
      ];
    case 'workOrder.handled': {
      const o = e.payload.workOrder;
      return [{ kind: 'callbackDue', at: isoMs(o.timestamps.handled ?? e.at), ref, orderId: o.id, excluded: callbackExcluded(o) }];
    }
    case 'workOrder.calledBack': {
      const o = e.payload.workOrder;
      return [{ kind: 'calledBack', at: isoMs(o.timestamps.handled ?? e.at), ref, orderId: o.id, excluded: callbackExcluded(o) }];
    }
    case 'workOrder.qualityChecked': {
      const q = e.payload.qualityCheck;
      return [{ kind: 'qualityCheck', at: isoMs(q.checkedAt), ref, orderId: q.workOrderId, passed: q.passed, reason: q.reason }];
    }
    case 'evaluatorReport.verified': {
      const v = e.payload.verification;
      return [{ kind: 'evaluatorReport', at: isoMs(v.verifiedAt), ref, reportId: v.reportId, correct: v.correct, note: v.note }];
    }
    case 'incident.dispatched':
    case 'incident.arrived':
      // Without the deriver's memory of the first dispatch, the incident's own deadline stands in.
      return incidentFacts(e.payload.incident, ref, e.payload.incident.arrivalDeadline);
    case 'equipment.faultReported':
    case 'equipment.faultRepaired': {
      const f = e.payload.fault;
      return [
        {
          kind: 'fault',
          at: isoMs(f.reportedAt),
          ref,
          faultId: f.id,
          equipment: f.equipment,
          delaysWork: f.delaysWork,
          repairedAt: f.repairedAt === null ? null : isoMs(f.repairedAt),
        },
      ];
    }
    case 'score.deductionEntered':
    case 'score.deductionRevised':
      return [manualFact(e.payload.deduction, ref)];
    case 'settings.changed':
      return [{ kind: 'settings', at: isoMs(e.at), ref, settings: withSettingsDefaults(e.payload.settings) }];
    default:
      return [];
  }
}

/** The incident's arrival clock: dated at its first deadline, so it counts in the month that deadline passes. */
function incidentFacts(i: Incident, ref: FactRef, firstDeadline: string | null): ScoreFact[] {
  if (i.arrivalDeadline === null || firstDeadline === null) return [];
  const first = isoMs(firstDeadline);
  return [
    {
      kind: 'incident',
      at: first,
      ref,
      incidentId: i.id,
      firstDeadline: first,
      lastDeadline: isoMs(i.arrivalDeadline),
      arrivedAt: i.arrivedAt === null ? null : isoMs(i.arrivedAt),
      source: i.arrivalSource ?? null,
      distanceKm: i.distanceKm ?? null,
    },
  ];
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

/**
 * `factsFromEvent` plus the roster it needs to turn staff events into headcounts per post
 * (active staff of the post). Until the roster engine records daily headcounts, this is how the
 * staffing block learns how many people each post has.
 */
/**
 * `includeReplayed`: whether orders replayed from history count (settings.scoreReplayedOrders, read
 * at each event). Without it their facts are dropped: replayed history is training data.
 */
export function createFactDeriver(includeReplayed: () => boolean = () => false) {
  const staff = new Map<string, { post: Post; active: boolean }>();
  /** Orders received as replayed history: their quality checks carry only the order's id. */
  const replayed = new Set<string>();
  const counts: Record<Post, number> = { seat: 0, responder: 0, evaluator: 0 };
  /** First dispatch deadline of each incident not yet reached: a reassignment does not restart the clock. */
  const firstDeadline = new Map<string, string>();
  return {
    derive(e: EventEnvelope): ScoreFact[] {
      if (e.type === 'incident.dispatched' || e.type === 'incident.arrived') {
        const i = e.payload.incident;
        const first = firstDeadline.get(i.id) ?? i.arrivalDeadline;
        if (e.type === 'incident.arrived') firstDeadline.delete(i.id);
        else if (first !== null) firstDeadline.set(i.id, first);
        return incidentFacts(i, refOf(e), first);
      }
      if (e.type.startsWith('workOrder.') && 'workOrder' in e.payload && e.payload.workOrder.replayed) replayed.add(e.payload.workOrder.id);
      if (e.type !== 'staff.added' && e.type !== 'staff.dutyChanged') {
        const facts = factsFromEvent(e);
        if (replayed.size === 0 || facts.length === 0 || includeReplayed()) return facts;
        return facts.filter((f) => !('orderId' in f && replayed.has(f.orderId)));
      }
      const s: Staff = e.payload.staff;
      const before = staff.get(s.id);
      if (before?.active) counts[before.post]--;
      if (s.active) counts[s.post]++;
      staff.set(s.id, { post: s.post, active: s.active });
      // A duty toggle leaves the headcount alone; joining, leaving or changing post moves it.
      if (before && before.post === s.post && before.active === s.active) return [];
      const posts = new Set<Post>([s.post, ...(before ? [before.post] : [])]);
      return [...posts].map((post) => ({ kind: 'headcount' as const, at: isoMs(e.at), ref: refOf(e), post, headcount: counts[post] }));
    },
    headcounts: () => ({ ...counts }),
    /** Was the order received as replayed history? (Later events' orders, read back from the store, lack the mark.) */
    isReplayed: (orderId: string) => replayed.has(orderId),
  };
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
