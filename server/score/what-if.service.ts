import { headroom, projectionRange, whatIf, WHAT_IF_KINDS, type WhatIfView } from '../../shared/scoring/what-if';
import type { ScoreService } from './score.service';

/** The month before 'YYYY-MM'. */
function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * The next mistake's cost, the headroom of each rate and the month-end range, for a month still
 * open to new facts. A month that is over answers with zeros and its final total as the range.
 */
export async function whatIfView(scores: ScoreService, month?: string): Promise<WhatIfView> {
  const score = await scores.score(month);
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

