import type { Cause, DeductionLine, MonthScore } from './types';

/** Free-text fields of a cause's detail: what people typed (reasons, notes), never for a public screen. */
const FREE_TEXT = new Set(['reason', 'note']);

const redactCause = (c: Cause): Cause => ({
  ...c,
  actor: null,
  detail: Object.fromEntries(Object.entries(c.detail).filter(([key]) => !FREE_TEXT.has(key))),
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
  };
}
