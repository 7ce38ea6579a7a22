import { describe, expect, it } from 'vitest';
import {
  applyWorkOrderAction,
  canApplyWorkOrderAction,
  newWorkOrder,
  WORK_ORDER_ACTIONS,
  WORK_ORDER_EVENT_OF,
  workOrderIntakeSchema,
  type WorkOrder,
  type WorkOrderAction,
  type WorkOrderActionName,
} from '../../../shared/domain/work-order';
import { KPI_EVENTS, KPI_IDS, KPI_TABLE, KpiTally, kpiText, nationalKpis, kpisForWall } from '../../../shared/scoring';

// The national indicators of KPI_TABLE, each worked out by hand in the comment beside it.
// Times are Beijing time on 2025-03-14; every order is taken through the real workflow.
const at = (hhmm: string) => new Date(`2025-03-14T${hhmm}:00+08:00`);
const NOON = at('12:00').getTime();

/** The handling deadline each order gets when filed (the caller's, as the server's calendar would give it). */
const deadlines = new Map<string, string>();

function order(id: string, deadline = '10:00'): WorkOrder {
  deadlines.set(id, deadline);
  const intake = workOrderIntakeSchema.parse({
    channel: 'hotline_12345',
    externalId: id,
    title: '井盖破损',
    category: { kind: 'component', class: 'public_facilities', subClass: '井盖破损' },
    location: { lat: 45.59, lng: 84.87, address: '天山路 1 号' },
  });
  return newWorkOrder(id, intake, { lat: 45.59, lng: 84.87, address: '天山路 1 号' }, at('08:00'));
}

/** Applies `steps` in turn: [action, time, extra fields]. `file` sets the deadline the order was made with. */
function run(o: WorkOrder, ...steps: [WorkOrderAction['action'], string, Record<string, unknown>?][]): WorkOrder {
  const deadline = deadlines.get(o.id)!;
  let next = o;
  for (const [action, time, extra] of steps) {
    next = applyWorkOrderAction(next, { action, expectedVersion: next.version, ...extra } as WorkOrderAction, at(time), () => at(deadline));
  }
  return next;
}
const filed = (id: string, deadline?: string) => run(order(id, deadline), ['file', '08:10']);
const handled = (id: string, deadline: string, handledAt: string) =>
  run(order(id, deadline), ['file', '08:10'], ['dispatch', '08:20', { department: '市政' }], ['handle', handledAt]);

describe('national KPIs (rule table KPI_TABLE)', () => {
  it('the worked example of national-kpis.ts: 按期处置率 1 ÷ 2 = 50 %, 结案率 1 ÷ 3 ≈ 33.3 %', () => {
    const a = run(handled('A', '10:00', '09:00'), ['callback', '09:30']); // in time, closed
    const b = run(filed('B', '11:00'), ['dispatch', '08:20', { department: '市政' }], ['start', '08:30']); // 11:00 passed at noon: late
    const c = run(filed('C', '15:00'), ['dispatch', '08:20', { department: '市政' }], ['start', '08:30']); // not due yet
    const k = nationalKpis([a, b, c], NOON);
    // deadlineSettled = A (handled) + B (past 11:00 unhandled) = 2; handledInTime = A = 1.
    expect(k.onTimeRate).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    // filed = A, B, C = 3; closed = A (已回访) = 1 → 33.3333 %.
    expect(k.closureRate).toEqual({ numerator: 1, denominator: 3, percent: 33.3333 });
    // handled = A = 1; reopened = 0.
    expect(k.reworkRate).toEqual({ numerator: 0, denominator: 1, percent: 0 });
    // Nobody evaluated yet: nothing to judge, shown as '—'.
    expect(k.satisfactionRate).toEqual({ numerator: 0, denominator: 0, percent: null });
    expect(KPI_IDS.map((id) => kpiText(k[id]))).toEqual(['50.0%', '33.3%', '0.0%', '—']);
  });

  it('按期处置率: handled after the deadline is late; C comes due at 15:00 and counts from then', () => {
    const late = handled('L', '10:00', '10:01'); // one minute late
    const c = run(filed('C', '15:00'), ['dispatch', '08:20', { department: '市政' }]);
    // Noon: settled = L only, in time = 0 → 0 ÷ 1.
    expect(nationalKpis([late, c], NOON).onTimeRate).toEqual({ numerator: 0, denominator: 1, percent: 0 });
    // 15:01: C's deadline has passed unhandled → settled = 2, in time = 0.
    expect(nationalKpis([late, c], at('15:01').getTime()).onTimeRate).toEqual({ numerator: 0, denominator: 2, percent: 0 });
    // Exactly on the deadline is in time: handled 10:00 with a 10:00 deadline → 1 ÷ 1.
    expect(nationalKpis([handled('E', '10:00', '10:00')], NOON).onTimeRate.percent).toBe(100);
  });

  it('按期处置率: 挂起 stops the clock; on resume the deadline moves by the pause and the order counts again', () => {
    // Filed 08:10 with deadline 10:00, suspended 09:00, still suspended at noon: not settled (clock stands).
    const suspended = run(filed('S', '10:00'), ['suspend', '09:00', { reason: '等待配件' }]);
    expect(nationalKpis([suspended], NOON).onTimeRate).toEqual({ numerator: 0, denominator: 0, percent: null });
    // Resumed 11:00 after 2 h: deadline 10:00 + 2 h = 12:00. At 11:30 not due; at 12:30 late.
    const resumed = run(suspended, ['resume', '11:00']);
    expect(resumed.handlingDeadline).toBe(at('12:00').toISOString());
    expect(nationalKpis([resumed], at('11:30').getTime()).onTimeRate.denominator).toBe(0);
    expect(nationalKpis([resumed], at('12:30').getTime()).onTimeRate).toEqual({ numerator: 0, denominator: 1, percent: 0 });
  });

  it('结案率: 已回访 and 已评价 close; 不予立案 and orders not yet filed are outside the denominator', () => {
    const calledBack = run(handled('A', '10:00', '09:00'), ['callback', '09:30']);
    const evaluated = run(calledBack, ['evaluate', '09:40', { satisfaction: 'dissatisfied' }]);
    const open = handled('B', '10:00', '09:10'); // handled, waiting for 回访: not closed
    const rejected = run(order('R'), ['reject', '08:10', { reason: '重复' }]);
    const received = order('N');
    // Orders A (已回访), A2 (已评价), B (已办结), R (不予立案), N (已受理): filed = A, A2, B = 3; closed = A, A2 = 2 → 66.6667 %.
    const k = nationalKpis([calledBack, { ...evaluated, id: 'A2' }, open, rejected, received], NOON);
    expect(k.closureRate).toEqual({ numerator: 2, denominator: 3, percent: 66.6667 });
  });

  it('满意率: 满意 and 基本满意 over every evaluated order (2 ÷ 3 ≈ 66.7 %)', () => {
    const evaluated = (id: string, satisfaction: string) => run(handled(id, '10:00', '09:00'), ['callback', '09:30'], ['evaluate', '09:40', { satisfaction }]);
    const k = nationalKpis([evaluated('S1', 'satisfied'), evaluated('S2', 'basically_satisfied'), evaluated('S3', 'dissatisfied')], NOON);
    expect(k.satisfactionRate).toEqual({ numerator: 2, denominator: 3, percent: 66.6667 });
    expect(kpiText(k.satisfactionRate)).toBe('66.7%');
  });

  it('返工率: a reassignment (改派) is not rework; an order handled and back in handling is (1 ÷ 2 = 50 %)', () => {
    // Dispatched, reassigned twice, then handled: dispatchCount 3, yet no rework.
    const reassigned = run(
      order('R'),
      ['file', '08:10'],
      ['dispatch', '08:20', { department: '市政' }],
      ['reassign', '08:30', { department: '园林' }],
      ['reassign', '08:40', { department: '环卫' }],
      ['handle', '09:00'],
    );
    expect(reassigned.dispatchCount).toBe(3);
    expect(nationalKpis([reassigned], NOON).reworkRate).toEqual({ numerator: 0, denominator: 1, percent: 0 });
    // B: handled 09:00, sent back (返工) 09:10, still in handling at noon: reworked, and still one handled order.
    const reopened = run(handled('B', '10:00', '09:00'), ['reopen', '09:10', { reasonCode: 'not_resolved' }]);
    expect(nationalKpis([reassigned, reopened], NOON).reworkRate).toEqual({ numerator: 1, denominator: 2, percent: 50 });
  });

  it('返工 twice and handled three times is one reworked, one handled order; 按期 and 结案 follow the latest 办结', () => {
    // C (deadline 10:00): handled 09:00 (in time), called back 09:10, citizen says unresolved → 返工 09:20,
    // handled 09:30, 返工 again 09:40 (verification), handled 10:30 (late), called back 10:40.
    const c = run(
      handled('C', '10:00', '09:00'),
      ['callback', '09:10'],
      ['reopen', '09:20', { reasonCode: 'citizen_dissatisfied', note: '群众反映仍有异味' }],
      ['handle', '09:30'],
      ['reopen', '09:40', { reasonCode: 'poorly_handled' }],
      ['handle', '10:30'],
      ['callback', '10:40'],
    );
    expect(c.reopenCount).toBe(2);
    // A: handled 09:00 in time, never sent back.
    const k = nationalKpis([c, handled('A', '10:00', '09:00')], NOON);
    // 返工率 = 1 reworked (C) ÷ 2 handled (A, C: C's three 办结 are one order) = 50 %.
    expect(k.reworkRate).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    // 按期处置率 = 1 (A) ÷ 2: C's latest 办结 10:30 is past its 10:00 deadline.
    expect(k.onTimeRate).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    // 结案率: C is 已回访 again → closed; A is only 已办结 → 1 ÷ 2 filed.
    expect(k.closureRate).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    // The live fold of C's events gives the same as counting C as it stands.
    const tally = new KpiTally();
    let o = order('C2');
    tally.fold('workOrder.received', o);
    for (const [action, time, extra] of [
      ['file', '08:10'],
      ['dispatch', '08:20', { department: '市政' }],
      ['handle', '09:00'],
      ['callback', '09:10'],
      ['reopen', '09:20', { reasonCode: 'citizen_dissatisfied' }],
      ['handle', '09:30'],
      ['reopen', '09:40', { reasonCode: 'poorly_handled' }],
      ['handle', '10:30'],
      ['callback', '10:40'],
    ] as const) {
      o = run(o, [action, time, extra]);
      tally.fold(`workOrder.${WORK_ORDER_EVENT_OF[action]}`, o);
    }
    expect(tally.read(NOON)).toEqual(nationalKpis([o], NOON));
    expect(tally.read(NOON).reworkRate).toEqual({ numerator: 1, denominator: 1, percent: 100 });
  });

  it('a tally fed an order’s events one by one counts what counting the final order counts', () => {
    const steps: [string, WorkOrder][] = [['workOrder.received', order('A')]];
    const step = (action: WorkOrderAction['action'], time: string, extra?: Record<string, unknown>) =>
      steps.push([`workOrder.${WORK_ORDER_EVENT_OF[action]}`, run(steps.at(-1)![1], [action, time, extra])]);
    step('file', '08:10');
    step('dispatch', '08:20', { department: '市政' });
    step('handle', '09:00');
    step('callback', '09:30');
    step('evaluate', '09:40', { satisfaction: 'satisfied' });
    const tally = new KpiTally();
    for (const [type, o] of steps) tally.fold(type, o);
    const expected = nationalKpis([steps.at(-1)![1]], NOON);
    expect(tally.read(NOON)).toEqual(expected);
    // A: filed, handled 09:00 by 10:00, called back, evaluated 满意: one of one everywhere, no rework.
    expect(expected).toEqual({
      onTimeRate: { numerator: 1, denominator: 1, percent: 100 },
      closureRate: { numerator: 1, denominator: 1, percent: 100 },
      reworkRate: { numerator: 0, denominator: 1, percent: 0 },
      satisfactionRate: { numerator: 1, denominator: 1, percent: 100 },
    });
  });

  it('every row of the table divides two counts, has both labels and a definition; the wall copy keeps only the numbers', () => {
    expect(KPI_TABLE.map((k) => [k.id, k.label['zh-CN']])).toEqual([
      ['onTimeRate', '按期处置率'],
      ['closureRate', '结案率'],
      ['reworkRate', '返工率'],
      ['satisfactionRate', '满意率'],
    ]);
    for (const k of KPI_TABLE) expect(k.label.en && k.definition['zh-CN'] && k.definition.en).toBeTruthy();
    const k = nationalKpis([handled('A', '10:00', '09:00')], NOON);
    const dressed = { ...k, onTimeRate: { ...k.onTimeRate, note: '王五 13911112222' } };
    expect(kpisForWall(dressed)).toEqual(k);
  });

  it('kpiText writes one decimal and a percent sign', () => {
    expect(kpiText({ numerator: 1, denominator: 3, percent: 33.3333 })).toBe('33.3%');
    expect(kpiText({ numerator: 2, denominator: 2, percent: 100 })).toBe('100.0%');
    expect(kpiText({ numerator: 0, denominator: 0, percent: null })).toBe('—');
    expect(kpiText(undefined)).toBe('—');
  });

  it('every workflow step adds exactly what it changes; steps outside KPI_EVENTS change nothing (the live fold skips them)', () => {
    const extra: Record<WorkOrderActionName, Record<string, unknown>> = {
      file: {},
      reject: { reason: '重复' },
      dispatch: { department: '市政' },
      reassign: { department: '园林' },
      start: {},
      handle: {},
      callback: {},
      evaluate: { satisfaction: 'satisfied' },
      reopen: { reasonCode: 'not_resolved' },
      suspend: { reason: '等待' },
      resume: {},
      'mark-difficult': { reason: '疑难' },
      supervise: {},
      'add-report': { channel: 'wechat' },
      'request-extension': { days: 2, reason: '材料' },
      'approve-extension': { days: 2 },
      'decline-extension': { reason: '不批' },
    };
    // Every order the workflow can reach in up to 7 steps from 已受理 (one step an hour from 08:00, deadline
    // 10:00: handled in time and late, paused and resumed), and every step out of each: counting the
    // order before, then what the step adds, equals counting the order after, read before and after
    // the deadline. Steps outside KPI_EVENTS must add nothing at all.
    let frontier = [order('W', '10:00')];
    const seen = new Set<string>();
    const skipped: string[] = [];
    const reads = ['09:30', '10:30', '23:00'].map((t) => at(t).getTime());
    for (let depth = 0; depth < 7; depth++) {
      const next: WorkOrder[] = [];
      const time = new Date(at('08:00').getTime() + depth * 3_600_000);
      for (const o of frontier) {
        for (const action of WORK_ORDER_ACTIONS) {
          if (!canApplyWorkOrderAction(o, action)) continue;
          const after = applyWorkOrderAction(
            o,
            { action, expectedVersion: o.version, ...extra[action] } as WorkOrderAction,
            time,
            () => at('10:00'),
            (d) => new Date(d.getTime() + 86_400_000),
          );
          const event = `workOrder.${WORK_ORDER_EVENT_OF[action]}`;
          const tally = new KpiTally();
          tally.addOrder(o);
          const moved = tally.fold(event, after);
          for (const asOf of reads) expect(tally.read(asOf), `${o.state} --${action}--> ${after.state} read at ${asOf}`).toEqual(nationalKpis([after], asOf));
          if (!KPI_EVENTS.has(event)) {
            expect(moved).toBe(false);
            skipped.push(action);
          }
          const key = `${after.state}|${after.resumeState}|${after.handlingDeadline}|${after.reopenCount}|${Object.keys(after.timestamps).sort().join(',')}`;
          if (seen.has(key)) continue;
          seen.add(key);
          next.push(after);
        }
      }
      frontier = next;
    }
    // The check really ran over the skipped steps.
    expect(new Set(skipped)).toEqual(new Set(['reject', 'dispatch', 'reassign', 'start', 'supervise', 'add-report', 'request-extension', 'decline-extension']));
  });
});
