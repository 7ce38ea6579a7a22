import { kpisForWall } from './national-kpis';
import type { Cause, DeductionLine, MonthScore } from './types';

/**
 * The cause details the wall may show: numbers, days and times the engine computed. Everything else
 * (reasons, notes, who judged, the equipment name a lead typed) is what people wrote or who they
 * are, never for a public screen. An allow-list: a detail added later stays off the wall.
 */
const WALL_DETAIL = new Set([
  'dispatch',
  'deadline',
  'revision',
  'points',
  'withdrawn',
  'reportedAt',
  'repairedAt',
  'hours',
  'post',
  'headcount',
  'minimum',
  'source',
  // Staffing: which reason and when, as counts and times; who was missing ('missing', 'absent') stays off.
  'teamShort',
  'noLawGraduate',
  'postEmpty',
  'emptyFrom',
  'emptyTo',
  'emptyStretches',
  'emptyMinutes',
  'onDuty',
  'onDutyMinimum',
]);

const redactCause = (c: Cause): Cause => ({
  ...c,
  actor: null,
  detail: Object.fromEntries(Object.entries(c.detail).filter(([key]) => WALL_DETAIL.has(key))),
});

function redactLine(line: DeductionLine): DeductionLine {
  const { reason: _reason, ...rest } = line;
  return { ...rest, causes: line.causes.map(redactCause) };
}

/**
 * The score as the wall role may see it (it runs on a public screen): the same numbers, but no
 * user names (who entered, checked or judged) and no free-text reasons or notes.
 */
export function scoreForWall(score: MonthScore): MonthScore {
  return {
    ...score,
    blocks: score.blocks.map((b) => ({ ...b, lines: b.lines.map(redactLine) })),
    // When a month was closed or reopened stays visible; who did it and why does not.
    revisions: score.revisions?.map((r) => ({ ...r, closedBy: null, reopenedBy: null, reopenReason: null })),
    // The national indicators are aggregates: on purpose, their three numbers each and nothing else.
    ...(score.kpis ? { kpis: kpisForWall(score.kpis) } : {}),
  };
}
