import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type ContractSettings } from '../../../shared/settings';
// The engine under test: the incremental accumulator the server folds one fact at a time.
import { addFact, createAccumulator, scoreFromAccumulator, type ScoreFact } from '../../../shared/scoring';
import { END, MONTH, START, streamArb } from './score-facts.arbitrary';

/*
 * An oracle independent of the engine: the monthly score re-read from contract-rules.md §1 and §5
 * over the raw list of facts, slowly and plainly, with exact fractions (BigInt). It imports no
 * scoring code and not the rule table either: the points are restated here from 附件2, so a wrong
 * number in the table (or a wrong formula in the engine) makes the two disagree.
 *
 * What a fact means (its month, "re-stated facts replace earlier ones") is the fact format's
 * contract (shared/scoring/facts.ts), which both sides read.
 */

// 附件2, restated: block maxima and points.
const MAX = { staffing: 20, evaluatorQuality: 15, responderQuality: 15, contentQuality: 15, dispatchAccuracy: 15, callbackRate: 10, logistics: 10 } as const;
type Block = keyof typeof MAX;
const SHORT_DAY = frac(2); // 一：扣2分/岗位（1次/天）
const WRONG_REPORT = frac(1, 2); // 二：每错报一件扣0.5分
const LATE = frac(1, 2); // 三：协调不及时，每次扣0.5分
const PER_RATE_POINT = frac(1, 2); // 四、五、六：低于指标值一个百分点扣0.5分
const FAULT = frac(1); // 七：8小时内未修复，每次扣1分
const MANUAL_RANGE: Record<string, [number, number]> = { evaluatorQuality: [5, 15], responderQuality: [5, 15], logistics: [1, 10] };

// ---- exact fractions ----
interface Frac {
  n: bigint;
  d: bigint;
}
function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  while (b) [a, b] = [b, a % b];
  return a;
}
function frac(n: number | bigint, d: number | bigint = 1): Frac {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd < 0n) [nn, dd] = [-nn, -dd];
  const g = gcd(nn, dd) || 1n;
  return { n: nn / g, d: dd / g };
}
const add = (a: Frac, b: Frac) => frac(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Frac, b: Frac) => frac(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Frac, b: Frac) => frac(a.n * b.n, a.d * b.d);
const lt = (a: Frac, b: Frac) => a.n * b.d < b.n * a.d;
const minF = (a: Frac, b: Frac) => (lt(a, b) ? a : b);
const maxF = (a: Frac, b: Frac) => (lt(a, b) ? b : a);
const ceilF = (a: Frac) => frac((a.n + a.d - 1n) / a.d);
const toNumber = (a: Frac) => Number(a.n) / Number(a.d);
/** Half-up rounding of a non-negative fraction to an integer. */
const roundHalfUp = (a: Frac) => (2n * a.n + a.d) / (2n * a.d);
/** A setting's decimal (0.98) as an exact fraction, to the millionth. */
const decimal = (x: number) => frac(Math.round(x * 1e6), 1_000_000);

const DAY = 86_400_000;
const DAYS = Math.round((END - START) / DAY); // March: 31; Beijing time has no daylight saving.

type Of<K extends ScoreFact['kind']> = Extract<ScoreFact, { kind: K }>;
const inMonth = (f: ScoreFact) => f.at >= START && f.at < END;
const ofKind = <K extends ScoreFact['kind']>(facts: ScoreFact[], kind: K) => facts.filter((f): f is Of<K> => f.kind === kind);
/** The last statement per key, in log order. */
function lastBy<T>(facts: T[], key: (f: T) => string): Map<string, T> {
  const out = new Map<string, T>();
  for (const f of facts) out.set(key(f), f);
  return out;
}

/** Each percentage point below target costs 0.5; proportional, or every started point whole. */
function rateLoss(numerator: number, denominator: number, target: number, mode: ContractSettings['pointMode']): Frac {
  if (denominator === 0) return frac(0);
  const below = maxF(frac(0), sub(decimal(target), frac(100 * numerator, denominator)));
  return mul(mode === 'proportional' ? below : ceilF(below), PER_RATE_POINT);
}

function oracle(facts: ScoreFact[], readAt: number) {
  const asOf = Math.max(readAt, START);
  // Settings: the last set before the month ends (by time; the later-logged of equal times).
  let settings: ContractSettings = DEFAULT_SETTINGS;
  const settingsFacts = ofKind(facts, 'settings').filter((f) => f.at < END);
  for (const f of [...settingsFacts].sort((a, b) => a.at - b.at)) settings = f.settings;
  const month = facts.filter(inMonth);
  const loss: Record<Block, Frac> = Object.fromEntries(Object.keys(MAX).map((b) => [b, frac(0)])) as Record<Block, Frac>;

  // 人员保障: each started day and post short by 缺编 (count below 98 %, or no law graduate among the
  // seats) or 空岗 (a stretch below the on-duty minimum of ≥ postEmptyMinutes) loses 2, once.
  const threshold = decimal(settings.staffingThreshold);
  for (let i = 0; i < DAYS && START + i * DAY <= asOf; i++) {
    const dayStart = START + i * DAY;
    const observedAt = Math.min(dayStart + DAY - 1, asOf);
    for (const post of ['seat', 'responder', 'evaluator'] as const) {
      const roster = ofKind(month, 'dailyHeadcount')
        .filter((f) => f.post === post && f.at === dayStart)
        .at(-1);
      let headcount: number | null = null;
      if (roster) headcount = roster.headcount;
      else {
        // The staff records' count in force at the day's end (today: now); the later-logged of equal times.
        const known = ofKind(facts, 'headcount').filter((f) => f.post === post && f.at <= observedAt);
        let best: Of<'headcount'> | null = null;
        for (const f of known) if (!best || f.at >= best.at) best = f;
        headcount = best?.headcount ?? null;
      }
      if (headcount === null) continue; // nothing known yet about the post
      const teamShort =
        lt(frac(headcount), mul(frac(settings.teamMinimums[post]), threshold)) ||
        (post === 'seat' && settings.lawGraduateRequired && roster?.noLawGraduate === true);
      const postEmpty = (roster?.empty ?? []).some((e) => e.end - e.start >= settings.postEmptyMinutes * 60_000);
      if (teamShort || postEmpty) loss.staffing = add(loss.staffing, SHORT_DAY);
    }
  }

  // 测评岗: each report whose last verification says wrong.
  const wrongReports = [...lastBy(ofKind(month, 'evaluatorReport'), (f) => f.reportId).values()].filter((f) => !f.correct).length;
  loss.evaluatorQuality = add(loss.evaluatorQuality, mul(frac(wrongReports), WRONG_REPORT));

  // 应急岗: each incident whose deadline has passed with nobody arrived by it. An arrival, once stated, stays.
  const incidents = new Map<string, { last: Of<'incident'>; arrivedAt: number | null }>();
  for (const f of ofKind(month, 'incident')) {
    const before = incidents.get(f.incidentId);
    incidents.set(f.incidentId, { last: f, arrivedAt: f.arrivedAt ?? before?.arrivedAt ?? null });
  }
  let late = 0;
  for (const { last, arrivedAt } of incidents.values()) {
    const deadline = settings.arrivalDeadlineFrom === 'each_dispatch' ? last.lastDeadline : last.firstDeadline;
    if (deadline < asOf && (arrivedAt === null || arrivedAt > deadline)) late++;
  }
  loss.responderQuality = add(loss.responderQuality, mul(frac(late), LATE));

  // 工单内容质量: pass rate of each order's last check.
  const checks = [...lastBy(ofKind(month, 'qualityCheck'), (f) => f.orderId).values()];
  loss.contentQuality = rateLoss(checks.filter((c) => c.passed).length, checks.length, settings.targets.contentQuality, settings.pointMode);

  // 派单准确率: dispatches and distinct dispatches judged wrong (a judged dispatch was a dispatch).
  const dispatched = ofKind(month, 'dispatch').length;
  const wrong = new Set(ofKind(month, 'wrongDispatch').map((f) => `${f.orderId}#${f.n}`)).size;
  const denominator = Math.max(dispatched, wrong);
  loss.dispatchAccuracy = rateLoss(denominator - wrong, denominator, settings.targets.dispatchAccuracy, settings.pointMode);

  // 回访: orders called back / orders due, suspended and difficult ones left out; a 返工 takes back
  // the due of the 办结 it undoes, and its 回访 if one was made.
  const withdrawn = ofKind(month, 'callbackWithdrawn').filter((f) => !f.excluded);
  const due = ofKind(month, 'callbackDue').filter((f) => !f.excluded).length - withdrawn.length;
  const done = ofKind(month, 'calledBack').filter((f) => !f.excluded).length - withdrawn.filter((f) => f.calledBack).length;
  loss.callbackRate = rateLoss(done, due, settings.targets.callbackRate, settings.pointMode);

  // 后勤保障: each fault (as last stated) that delays work and was not repaired within the limit by asOf.
  const limit = settings.equipmentRepairHours * 3_600_000;
  const overdue = [...lastBy(ofKind(month, 'fault'), (f) => f.faultId).values()].filter(
    (f) => f.delaysWork && Math.min(f.repairedAt ?? asOf, asOf) - f.at > limit,
  ).length;
  loss.logistics = add(loss.logistics, mul(frac(overdue), FAULT));

  // The Center's deductions: within the range, whole or half points; the highest revision stands.
  const manual = new Map<string, Of<'manualDeduction'>>();
  for (const f of ofKind(month, 'manualDeduction')) {
    const [lo, hi] = MANUAL_RANGE[f.block];
    if (!(f.points >= lo && f.points <= hi && Number.isInteger(f.points * 2))) continue;
    const current = manual.get(f.deductionId);
    if (!current || f.revision >= current.revision) manual.set(f.deductionId, f);
  }
  for (const f of manual.values()) if (!f.withdrawn) loss[f.block] = add(loss[f.block], frac(Math.round(f.points * 2), 2));

  // 扣完为止, then the fee: base = annual ÷ 12, the score to a millionth of a point, rounded once half up to the fen.
  const deducted = Object.fromEntries((Object.keys(MAX) as Block[]).map((b) => [b, minF(frac(MAX[b]), loss[b])])) as Record<Block, Frac>;
  const total = Object.values(deducted).reduce((t, d) => sub(t, d), frac(100));
  const micro = roundHalfUp(mul(total, frac(1_000_000)));
  const feeFen = roundHalfUp(frac(BigInt(Math.round(settings.annualPrice * 100)) * micro, 12n * 100n * 1_000_000n));
  return { total, deducted, feeFen: Number(feeFen) };
}

const asOfArb = fc.integer({ min: START - DAY, max: END + 2 * DAY });

describe('the engine agrees with an independent oracle on random months, to the fen', () => {
  it('total, every block and the fee (fen) of the incrementally folded month equal the oracle’s', () => {
    fc.assert(
      fc.property(streamArb, asOfArb, (facts, asOf) => {
        const acc = createAccumulator(MONTH, DEFAULT_SETTINGS);
        for (const f of facts) addFact(acc, f);
        const engine = scoreFromAccumulator(acc, { asOf });
        const expected = oracle(facts, asOf);
        expect(engine.total).toBeCloseTo(toNumber(expected.total), 6);
        for (const b of engine.blocks) expect(b.deducted, b.block).toBeCloseTo(toNumber(expected.deducted[b.block]), 6);
        expect(engine.fee.paidFen).toBe(expected.feeFen);
      }),
      { numRuns: 300 },
    );
  });

  it('the oracle itself: a hand-worked month (2 short days, a wrong report, 1 of 3 checks failed) is 100 − 4 − 0.5 − 15 = 80.5', () => {
    const ref = { seq: null, at: '2025-03-01T00:00:00.000Z', actor: null, entityType: null, entityId: null };
    const d = (i: number) => START + i * DAY;
    const facts: ScoreFact[] = [
      { kind: 'headcount', at: START - DAY, ref, post: 'seat', headcount: 17 },
      { kind: 'dailyHeadcount', at: d(2), ref, day: '2025-03-03', post: 'seat', headcount: 16 },
      {
        kind: 'dailyHeadcount',
        at: d(3),
        ref,
        day: '2025-03-04',
        post: 'seat',
        headcount: 17,
        empty: [{ start: d(3) + 3_600_000, end: d(3) + 7_200_000, onDuty: 1, minimum: 2, absent: [] }],
      },
      { kind: 'evaluatorReport', at: d(5), ref, reportId: 'R', correct: false, note: null },
      ...['A', 'B', 'C'].map((id, i): ScoreFact => ({ kind: 'qualityCheck', at: d(6), ref, orderId: id, passed: i > 0, reason: null })),
    ];
    // Quality 2 / 3 = 66.67 %: 98 − 66.67 = 31.33 points below × 0.5 = 15.67, capped at 15.
    const expected = oracle(facts, END);
    expect(toNumber(expected.total)).toBe(80.5);
    // 2,020,000 ÷ 12 × 80.5 % = 135,508.333… → 135,508.33.
    expect(expected.feeFen).toBe(13_550_833);
    expect(scoreFromAccumulator(foldAll(facts), { asOf: END }).total).toBe(80.5);
  });
});

function foldAll(facts: ScoreFact[]) {
  const acc = createAccumulator(MONTH, DEFAULT_SETTINGS);
  for (const f of facts) addFact(acc, f);
  return acc;
}
