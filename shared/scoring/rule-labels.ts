import { ruleOf } from './blocks';
import { BLOCK_TABLE, KPI_SCOPE, KPI_TABLE, type BlockId, type KpiId, type Locale, type RuleId } from './rule-table';

/**
 * Labels of blocks and deduction lines, from the rule table. The page, the wall and the export
 * call these, so "× 0.5" on a screen is always the table's 0.5.
 */
export type { Locale };

const trim = (n: number) => String(Math.round(n * 100) / 100);

export function blockLabel(block: BlockId, locale: Locale): string {
  return BLOCK_TABLE.find((b) => b.id === block)!.label[locale];
}

export interface LineLabelParams {
  count?: number;
  /** Already in the reader's language (a post name, a rate name). */
  subject?: string;
  reason?: string;
}

/** A deduction line's label: the row's template with {count}, {points}, {subject}, {reason} filled in. */
export function ruleLabel(rule: RuleId, locale: Locale, params: LineLabelParams = {}): string {
  const row = ruleOf(rule);
  const values: Record<string, string> = {
    count: params.count === undefined ? '' : trim(params.count),
    points: row.points === null ? '' : trim(row.points),
    subject: params.subject ?? '',
    reason: params.reason ?? '',
  };
  return row.label[locale].replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

/** The national indicators' names and definitions from KPI_TABLE, as the i18n files and the workbook take them. */
export function kpiLabels(locale: Locale): { name: Record<KpiId, string>; definition: Record<KpiId, string>; scope: string } {
  return {
    name: Object.fromEntries(KPI_TABLE.map((k) => [k.id, k.label[locale]])) as Record<KpiId, string>,
    definition: Object.fromEntries(KPI_TABLE.map((k) => [k.id, k.definition[locale]])) as Record<KpiId, string>,
    scope: KPI_SCOPE[locale],
  };
}
