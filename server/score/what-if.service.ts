import { headroom, projectionRange, whatIf, WHAT_IF_KINDS, type WhatIfView } from '../../shared/scoring/what-if';
import type { MonthScore } from '../../shared/scoring/types';
import type { ScoreService } from './score.service';

/** The month before 'YYYY-MM'. */
function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * The last answer per month, per score service. Headroom forks and rescores the month some dozens
 * of times (≈ 0.3 s for 6,000 orders, ≈ 2 s for 60,000), and every wall and /score page asks again
 * when the score moves: one answer serves them all until an event is folded in, the total changes,
 * or the minute turns (time alone moves late arrivals and the days left).
 */
const answers = new WeakMap<ScoreService, Map<string, { key: string; view: Promise<WhatIfView> }>>();

function answerKey(scores: ScoreService, score: MonthScore): string {
  return [scores.appliedSeq, score.total, score.fee.paidFen, score.status ?? '', Math.floor(Date.parse(score.asOf) / 60_000)].join('|');
}

/**
 * The next mistake's cost, the headroom of each rate and the month-end range, for a month still
 * open to new facts. A month that is over answers with zeros and its final total as the range.
 */
export async function whatIfView(scores: ScoreService, month?: string): Promise<WhatIfView> {
  const score = await scores.score(month);
  const byMonth = answers.get(scores) ?? new Map<string, { key: string; view: Promise<WhatIfView> }>();
  answers.set(scores, byMonth);
  const key = answerKey(scores, score);
  const cached = byMonth.get(score.month);
  if (cached?.key === key) return cached.view;
  const view = computeView(scores, score);
  byMonth.set(score.month, { key, view });
  // A failed answer is not kept: the next request computes it again.
  view.catch(() => byMonth.get(score.month)?.view === view && byMonth.delete(score.month));
  return view;
}

async function computeView(scores: ScoreService, score: MonthScore): Promise<WhatIfView> {
  const live = await scores.liveMonth(score.month);
  if (!live) {
    const total = score.total;
    return {
      month: score.month,
      closed: true,
      items: WHAT_IF_KINDS.map((kind) => ({ kind, points: 0, yuan: 0 })),
      headroom: [],
      projection: { low: total, mid: total, high: total },
    };
  }
  const lastMonth = await scores.score(previousMonth(score.month));
  return {
    month: score.month,
    closed: false,
    items: whatIf(live.acc, live.context),
    headroom: headroom(live.acc, live.context),
    projection: projectionRange(score, lastMonth.daily ?? []),
  };
}
