import type { Post } from '../domain/staff';
import { ruleOf } from './blocks';
import { blockLabel, ruleLabel, type Locale } from './rule-labels';
import type { MonthScore } from './types';

/**
 * The hook for the score export (a report file is being built separately): one row per deduction
 * line, every number and label read from the score and the rule table, nothing typed here.
 * An exporter writes these rows to CSV/XLSX as they are; a rule table change reaches them unedited.
 */
export interface ScoreExportRow {
  month: string;
  block: string;
  blockLabel: string;
  rule: string;
  clause: string;
  label: string;
  count: number;
  points: number;
}

const POST_LABELS: Record<Locale, Record<Post, string>> = {
  'zh-CN': { seat: '坐席员', responder: '应急员', evaluator: '测评员' },
  en: { seat: 'Seat agents', responder: 'Emergency responders', evaluator: 'Field evaluators' },
};

export function scoreExportRows(score: MonthScore, locale: Locale): ScoreExportRow[] {
  return score.blocks.flatMap((b) =>
    b.lines.map((line) => ({
      month: score.month,
      block: b.block,
      blockLabel: blockLabel(b.block, locale),
      rule: line.rule,
      clause: ruleOf(line.rule).clause,
      label: ruleLabel(line.rule, locale, {
        count: line.count,
        subject: line.block === 'staffing' && line.subject ? POST_LABELS[locale][line.subject as Post] : undefined,
        reason: line.reason,
      }),
      count: line.count,
      points: line.points,
    })),
  );
}
