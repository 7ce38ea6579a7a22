import type { MonthAccumulator } from './accumulator';
import { BLOCK_MAX, BLOCKS, MANUAL_RULE_OF, pointsOf, ruleOf, type BlockId } from './blocks';
import { causeOnce, eventCause, firstCauses } from './causes';
import { dailyTotals } from './daily-totals';
import { deadlineOf, isLate } from './incidents';
import { monthFee, quarterToDate } from './money';
import { clean, rateDeduction, type RateResult } from './rates';
import { staffingLines } from './staffing';
import { terminationRisk } from './termination';
import type { BlockScore, DeductionLine, MonthScore, MonthTotal } from './types';

export interface ScoreContext {
  /** The instant the score is read at (epoch ms): today's staffing, faults still unrepaired. */
  asOf: number;
  /** Other months' results (for quarter-to-date and termination risk); this month is ignored in it. */
  history?: MonthTotal[];
}

/**
 * The month's score as of `asOf`, read from the accumulator without changing it.
 * Cost: O(blocks + days + faults + manual deductions), independent of the number of orders.
 */
export function scoreFromAccumulator(acc: MonthAccumulator, context: ScoreContext): MonthScore {
  const { settings } = acc;
  const asOf = Math.max(context.asOf, acc.startMs);
  const mode = settings.pointMode;
  const lines: DeductionLine[] = [];

  const staffing = staffingLines(acc, asOf);
  lines.push(...staffing.lines);

  // 测评岗: each wrong report −0.5; the accuracy rate is shown against its 98 % floor.
  const evaluatorRate = rateDeduction(
    'evaluatorAccuracy',
    acc.evaluatorReports.size - acc.wrongReports.size,
    acc.evaluatorReports.size,
    settings.targets.evaluatorAccuracy,
    mode,
    false,
  );
  countLine(lines, 'evaluator.wrongReport', 'evaluatorQuality', acc.wrongReports, (f) =>
    causeOnce(f, null, () => eventCause('wrongReport', f.reportId, f.ref, { note: f.note })),
  );

  const late = [...acc.lateCandidates.values()].filter((f) => isLate(f, settings, asOf));
  countLine(lines, 'responder.late', 'responderQuality', late, (f) =>
    causeOnce(f, settings.arrivalDeadlineFrom, () =>
      eventCause(f.arrivedAt === null ? 'neverArrived' : 'lateArrival', f.incidentId, f.ref, {
        deadline: new Date(deadlineOf(f, settings)).toISOString(),
        arrivedAt: f.arrivedAt === null ? null : new Date(f.arrivedAt).toISOString(),
        arrivalSource: f.source ?? null,
        distanceKm: f.distanceKm ?? null,
      }),
    ),
  );

  const contentRate = rateDeduction(
    'contentQuality',
    acc.qualityChecks.size - acc.failedChecks.size,
    acc.qualityChecks.size,
    settings.targets.contentQuality,
    mode,
  );
  rateLine(
    lines,
    'contentQuality.rate',
    'contentQuality',
    contentRate,
    firstCauses(acc.failedChecks.values(), (f) => causeOnce(f, null, () => eventCause('failedCheck', f.orderId, f.ref, { reason: f.reason }))),
    acc.failedChecks.size,
  );

  const dispatched = acc.dispatchCount;
  const dispatchRate = rateDeduction(
    'dispatchAccuracy',
    Math.max(0, dispatched - acc.wrongDispatches.size),
    Math.max(dispatched, acc.wrongDispatches.size),
    settings.targets.dispatchAccuracy,
    mode,
  );
  rateLine(
    lines,
    'dispatchAccuracy.rate',
    'dispatchAccuracy',
    dispatchRate,
    firstCauses(acc.wrongDispatches.values(), (f) =>
      causeOnce(f, null, () => eventCause('wrongDispatch', f.orderId, f.ref, { dispatch: f.n, by: f.by, reason: f.reason })),
    ),
    acc.wrongDispatches.size,
  );

  const callbackRate = rateDeduction('callbackRate', acc.callbackDone, acc.callbackDue, settings.targets.callbackRate, mode);
  rateLine(
    lines,
    'callbackRate.rate',
    'callbackRate',
    callbackRate,
    firstCauses(acc.callbackPending.values(), (f) => causeOnce(f, null, () => eventCause('callbackPending', f.orderId, f.ref))),
    acc.callbackPending.size,
  );

  // 后勤保障: a fault that delays work and is not repaired within 8 h: −1.
  const limitMs = settings.equipmentRepairHours * 3_600_000;
  const overdue = [...acc.faults.values()].filter(
    // Repaired after asOf (reading a past day's end) counts as unrepaired at asOf.
    (f) => f.delaysWork && Math.min(f.repairedAt ?? asOf, asOf) - f.at > limitMs,
  );
  countLine(lines, 'logistics.unrepairedFault', 'logistics', overdue, (f) =>
    eventCause('unrepairedFault', f.faultId, f.ref, {
      equipment: f.equipment,
      reportedAt: new Date(f.at).toISOString(),
      repairedAt: f.repairedAt === null ? null : new Date(f.repairedAt).toISOString(),
      hours: clean(Math.round(((f.repairedAt ?? asOf) - f.at) / 36_000) / 100),
    }),
  );

  for (const [id, f] of acc.manual) {
    if (f.withdrawn) continue;
    lines.push({
      rule: MANUAL_RULE_OF[f.block],
      block: f.block,
      subject: id,
      count: 1,
      points: f.points,
      causes: (acc.manualRevisions.get(id) ?? [f]).map((r) =>
        eventCause('manualDeduction', id, r.ref, { revision: r.revision, points: r.points, reason: r.reason, withdrawn: r.withdrawn }),
      ),
      causeCount: acc.manualRevisions.get(id)?.length ?? 1,
      reason: f.reason,
      revisions: acc.manualRevisions.get(id)?.length ?? 1,
    });
  }

  const blocks = BLOCKS.map((block) =>
    blockScore(
      block,
      lines.filter((l) => l.block === block),
    ),
  );
  const total = clean(100 - blocks.reduce((sum, b) => sum + b.deducted, 0));
  const fee = monthFee(total, settings, acc.share);
  const closed = asOf >= acc.endMs;

  // Pace: share of the month gone, at least one day's worth so a first-hour event does not explode.
  const dayShare = 1 / acc.days.length;
  const elapsed = closed ? 1 : Math.max(dayShare, (asOf - acc.startMs) / (acc.endMs - acc.startMs));
  const staffingElapsed = closed ? 1 : Math.max(1, staffing.startedDays) / acc.days.length;
  const projectedBlocks = {} as Record<BlockId, number>;
  for (const b of blocks) {
    const uncapped = b.lines.reduce((sum, l) => {
      if (ruleOf(l.rule).pacing !== 'occurrence') return sum + l.points;
      return sum + l.points / (l.rule === 'staffing.shortDay' ? staffingElapsed : elapsed);
    }, 0);
    projectedBlocks[b.block] = clean(b.max - Math.min(b.max, uncapped));
  }
  const projectedTotal = clean(Object.values(projectedBlocks).reduce((sum, p) => sum + p, 0));

  const history = (context.history ?? []).filter((h) => h.month !== acc.month);
  const self: MonthTotal = { month: acc.month, total, fee: fee.paid, feeFen: fee.paidFen, baseFen: fee.baseFen, closed };
  return {
    month: acc.month,
    asOf: new Date(asOf).toISOString(),
    closed,
    status: closed ? 'provisional' : 'open',
    total,
    fee,
    blocks,
    rates: [evaluatorRate, contentRate, dispatchRate, callbackRate],
    projection: {
      elapsed: clean(closed ? 1 : (asOf - acc.startMs) / (acc.endMs - acc.startMs)),
      total: projectedTotal,
      fee: monthFee(projectedTotal, settings, acc.share).paid,
      blocks: projectedBlocks,
    },
    quarter: quarterToDate(self, history),
    termination: terminationRisk(acc.month, [...history, { month: acc.month, total: closed ? total : projectedTotal, closed }], settings),
    settings,
    factCount: acc.factCount,
    daily: dailyTotals(acc, asOf, staffing.observed),
  };
}

function blockScore(block: BlockId, lines: DeductionLine[]): BlockScore {
  const max = BLOCK_MAX[block];
  const uncapped = clean(lines.reduce((sum, l) => sum + l.points, 0));
  // 扣完为止: never more than the block's points, never less than nothing.
  const deducted = Math.min(max, Math.max(0, uncapped));
  return { block, max, deducted, remaining: clean(max - deducted), uncapped, lines };
}

function countLine<T>(
  lines: DeductionLine[],
  rule: DeductionLine['rule'],
  block: BlockId,
  items: Map<string, T> | T[],
  toCause: (item: T) => DeductionLine['causes'][number],
): void {
  const count = items instanceof Map ? items.size : items.length;
  if (count === 0) return;
  lines.push({
    rule,
    block,
    subject: null,
    count,
    points: clean(count * pointsOf(rule)),
    causes: firstCauses(items instanceof Map ? items.values() : items, toCause),
    causeCount: count,
  });
}

function rateLine(
  lines: DeductionLine[],
  rule: DeductionLine['rule'],
  block: BlockId,
  rate: RateResult,
  causes: DeductionLine['causes'],
  causeCount: number,
): void {
  if (rate.deduction <= 0) return;
  lines.push({ rule, block, subject: rate.rate, count: rate.pointsBelow, points: rate.deduction, causes, causeCount });
}

/** The score as pushed to screens: every line keeps its count, the causes are fetched on demand. */
export function withoutCauses(score: MonthScore): MonthScore {
  return { ...score, blocks: score.blocks.map((b) => ({ ...b, lines: b.lines.map((l) => ({ ...l, causes: [] })) })) };
}
