import type { FactRef, ScoreFact } from '../../../shared/scoring';

/** Test facts with defaults: `fact.late('INC-1', '2025-03-10T10:00:00+08:00')`. */
let seq = 0;
const ref = (at: string, entityId: string): FactRef => ({
  seq: ++seq,
  at: new Date(at).toISOString(),
  actor: 'tester',
  entityType: 'test',
  entityId,
});
const ms = (at: string) => Date.parse(at);

export const fact = {
  dispatch: (orderId: string, at: string, n = 1): ScoreFact => ({ kind: 'dispatch', at: ms(at), ref: ref(at, orderId), orderId, n }),
  wrongDispatch: (orderId: string, at: string, n = 1, by: 'reassign' | 'center' = 'reassign'): ScoreFact => ({
    kind: 'wrongDispatch',
    at: ms(at),
    ref: ref(at, orderId),
    orderId,
    n,
    by,
    reason: '派错部门',
  }),
  qualityCheck: (orderId: string, at: string, passed: boolean): ScoreFact => ({
    kind: 'qualityCheck',
    at: ms(at),
    ref: ref(at, orderId),
    orderId,
    passed,
    reason: passed ? null : '地址不全',
  }),
  callbackDue: (orderId: string, at: string, excluded = false): ScoreFact => ({ kind: 'callbackDue', at: ms(at), ref: ref(at, orderId), orderId, excluded }),
  calledBack: (orderId: string, handledAt: string, excluded = false): ScoreFact => ({
    kind: 'calledBack',
    at: ms(handledAt),
    ref: ref(handledAt, orderId),
    orderId,
    excluded,
  }),
  evaluatorReport: (reportId: string, at: string, correct: boolean): ScoreFact => ({
    kind: 'evaluatorReport',
    at: ms(at),
    ref: ref(at, reportId),
    reportId,
    correct,
    note: correct ? null : '错报',
  }),
  /** An incident whose (first) arrival deadline is `deadline`, reached 5 minutes after it (late) or before it. */
  arrival: (incidentId: string, deadline: string, late: boolean): ScoreFact => ({
    kind: 'incident',
    at: ms(deadline),
    ref: ref(deadline, incidentId),
    incidentId,
    firstDeadline: ms(deadline),
    lastDeadline: ms(deadline),
    arrivedAt: ms(deadline) + (late ? 5 : -5) * 60_000,
  }),
  /** An incident's clock: first and latest deadline, and the arrival (null: nobody yet). */
  incident: (incidentId: string, firstDeadline: string, arrivedAt: string | null, lastDeadline = firstDeadline): ScoreFact => ({
    kind: 'incident',
    at: ms(firstDeadline),
    ref: ref(firstDeadline, incidentId),
    incidentId,
    firstDeadline: ms(firstDeadline),
    lastDeadline: ms(lastDeadline),
    arrivedAt: arrivedAt === null ? null : ms(arrivedAt),
  }),
  fault: (faultId: string, reportedAt: string, repairedAt: string | null, delaysWork = true): ScoreFact => ({
    kind: 'fault',
    at: ms(reportedAt),
    ref: ref(repairedAt ?? reportedAt, faultId),
    faultId,
    equipment: '坐席电脑',
    delaysWork,
    repairedAt: repairedAt === null ? null : ms(repairedAt),
  }),
  manual: (
    deductionId: string,
    at: string,
    block: 'evaluatorQuality' | 'responderQuality' | 'logistics',
    points: number,
    revision = 1,
    withdrawn = false,
  ): ScoreFact => ({
    kind: 'manualDeduction',
    at: ms(at),
    ref: ref(at, deductionId),
    deductionId,
    revision,
    block,
    points,
    reason: '造成严重后果',
    withdrawn,
  }),
  headcount: (post: 'seat' | 'responder' | 'evaluator', at: string, headcount: number): ScoreFact => ({
    kind: 'headcount',
    at: ms(at),
    ref: ref(at, post),
    post,
    headcount,
  }),
};

/** A full team in force before `month` starts: nobody is short unless a test says so. */
export const fullTeamBefore = (at = '2025-02-20T09:00:00+08:00'): ScoreFact[] => [
  fact.headcount('seat', at, 17),
  fact.headcount('responder', at, 4),
  fact.headcount('evaluator', at, 3),
];

export const times = (n: number, make: (i: number) => ScoreFact): ScoreFact[] => Array.from({ length: n }, (_, i) => make(i));
