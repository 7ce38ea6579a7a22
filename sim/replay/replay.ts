import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { WorkOrder } from '../../shared/domain/work-order';
import type { SimTarget } from '../target';
import type { ReplayMapping } from './mapping';
import { rowToIntake, type Row } from './rows';

/**
 * Streams a service-request CSV into POST /api/work-orders. Rows are sorted by creation time
 * and shifted so the first one happens at the target's "now"; the target paces them (`speed`)
 * and, in-process, moves the server's fake clock. Every refused row is kept with its reason.
 */
export interface Refusal {
  /** 1-based line in the file where the record starts. */
  line: number;
  id: string;
  reason: string;
}

export interface ReplayTotals {
  read: number;
  accepted: number;
  /** Of the accepted: rows the server already had (same channel + externalId → 200). */
  duplicates: number;
  refused: number;
  refusals: Refusal[];
  /** Refusals counted by reason (without the row-specific detail after ':'). */
  byReason: Record<string, number>;
}

interface Parsed {
  line: number;
  row: Row;
}

export function readCsv(file: string): Parsed[] {
  const records = parse(readFileSync(file), {
    columns: (header: string[]) => header.map((h, i) => h.trim() || `column_${i}`),
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  }) as { record: Row; info: { lines: number; columns: unknown } }[];
  // info.lines is where the record ends; a record's start is one past the previous one's end.
  let previousEnd = 1;
  return records.map(({ record, info }) => {
    const line = previousEnd + 1;
    previousEnd = info.lines;
    return { line, row: record };
  });
}

export interface ReplayOptions {
  target: SimTarget;
  mapping: ReplayMapping;
  rows: Parsed[];
  /** Called for each refusal as it happens (the CLI prints them). */
  onRefusal?: (refusal: Refusal) => void;
  /**
   * Longest quiet gap kept between two rows, in source milliseconds; longer gaps shrink to it.
   * For sparse samples (SF: a few random rows a day over 11 years) so a replay keeps moving.
   */
  maxGapMs?: number;
  signal?: AbortSignal;
}

export async function replay({ target, mapping, rows, onRefusal, maxGapMs = Infinity, signal }: ReplayOptions): Promise<ReplayTotals> {
  const totals: ReplayTotals = { read: rows.length, accepted: 0, duplicates: 0, refused: 0, refusals: [], byReason: {} };
  const refuse = (p: Parsed, reason: string) => {
    const refusal = { line: p.line, id: p.row[mapping.columns.id] ?? '', reason };
    totals.refused++;
    totals.refusals.push(refusal);
    const key = reason.split(':')[0];
    totals.byReason[key] = (totals.byReason[key] ?? 0) + 1;
    onRefusal?.(refusal);
  };

  const ready: { p: Parsed; at: number; intake: Extract<ReturnType<typeof rowToIntake>, { ok: true }>['intake'] }[] = [];
  for (const p of rows) {
    const result = rowToIntake(p.row, mapping);
    if (result.ok) ready.push({ p, at: result.at, intake: result.intake });
    else refuse(p, result.reason);
  }
  ready.sort((a, b) => a.at - b.at || a.p.line - b.p.line);

  let due = target.now().getTime();
  let previous = ready[0]?.at ?? 0;
  for (const item of ready) {
    if (signal?.aborted) {
      refuse(item.p, 'not sent: replay stopped');
      continue;
    }
    due += Math.min(item.at - previous, maxGapMs);
    previous = item.at;
    await target.advanceTo(new Date(due), signal);
    let result;
    try {
      result = await target.api.post<WorkOrder>('/api/work-orders', item.intake);
    } catch (error) {
      refuse(item.p, `network: ${(error as Error).message}`);
      continue;
    }
    if (result.ok) {
      totals.accepted++;
      if (result.status === 200) totals.duplicates++;
    } else {
      const field = result.error.field ? ` (${result.error.field})` : '';
      refuse(item.p, `server ${result.status}: ${result.error.code} ${result.error.message}${field}`);
    }
  }
  return totals;
}
