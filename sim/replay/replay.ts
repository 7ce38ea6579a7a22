import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { WorkOrder } from '../../shared/domain/work-order';
import type { SimTarget } from '../target';
import { checkHeader, type ReplayMapping } from './mapping';
import { compileMapping, type Row, type RowStatus } from './rows';

/**
 * Streams service-request rows into POST /api/work-orders, and carries each order through the
 * workflow as far as the source says it went: in progress → 立单 + 派遣 right after intake; closed
 * → also 办结 at the source's close time. Steps are sorted by source time and shifted so the
 * first happens at the target's "now"; the target paces them (`speed`) and, in-process, moves the
 * server's fake clock, so handling times (and the SLA figures) are the source's. Every refused row
 * is kept with its reason and line.
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
  /** Accepted rows whose source status could not be carried through the workflow. */
  statusFailed: number;
  /** Refusals (and status failures) counted by reason (without the row-specific detail after ':'). */
  byReason: Record<string, number>;
  /** The first few lines of each reason, to look them up in the file. */
  examples: Record<string, number[]>;
  /** Accepted rows by the state they were carried to. */
  carried: { open: number; in_progress: number; closed: number };
}

export interface Parsed {
  line: number;
  row: Row;
}

const EXAMPLES_PER_REASON = 5;

/** A CSV file's header and records; a parse error names the file and the line the bad record starts on. */
export function readCsvFile(file: string): { header: string[]; rows: Parsed[] } {
  let header: string[] = [];
  let records: { record: Row; info: { lines: number } }[];
  try {
    records = parse<(typeof records)[number]>(readFileSync(file), {
      columns: (h: string[]) => (header = h.map((name, i) => name.trim() || `column_${i}`)),
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    });
  } catch (error) {
    throw csvError(file, error);
  }
  // info.lines is where the record ends; a record's start is one past the previous one's end.
  let previousEnd = 1;
  const rows = records.map(({ record, info }) => {
    const line = previousEnd + 1;
    previousEnd = info.lines;
    return { line, row: record };
  });
  return { header, rows };
}

export const readCsv = (file: string): Parsed[] => readCsvFile(file).rows;

/**
 * csv-parse reports where it noticed the problem, which for an unclosed quote is the end of the
 * file; the record began right after the last good one, which is what a person needs to look at.
 */
function csvError(file: string, error: unknown): Error {
  const e = error as { code?: string; message?: string; lines?: number; record?: unknown };
  const message = (e.message ?? String(error)).replace(/^Invalid Record Length: /, '');
  const line = csvErrorLine(file, e);
  return new Error(`${file}:${line ?? '?'}: ${message}`);
}

function csvErrorLine(file: string, e: { code?: string; lines?: number }): number | undefined {
  if (e.code !== 'CSV_QUOTE_NOT_CLOSED') return e.lines;
  // Re-read without the bad tail: the last record that parses ends just before the broken one.
  try {
    let lastEnd = 1;
    parse(readFileSync(file), {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      skip_records_with_error: true,
      on_record: (record: string[], context: { lines: number }) => {
        lastEnd = context.lines;
        return record;
      },
    });
    return lastEnd + 1;
  } catch {
    return e.lines;
  }
}

/** Reads a CSV and checks the mapping's columns against its header before anything is sent. */
export function prepareCsv(file: string, mapping: ReplayMapping): Parsed[] {
  const { header, rows } = readCsvFile(file);
  checkHeader(mapping, header, file);
  return rows;
}

export interface ReplayOptions {
  target: SimTarget;
  mapping: ReplayMapping;
  rows: Parsed[];
  /** Called for each refusal as it happens (the CLI prints them). */
  onRefusal?: (refusal: Refusal) => void;
  /**
   * Longest quiet gap kept between two steps, in source milliseconds; longer gaps shrink to it.
   * For sparse samples (SF: a few random rows a day over 11 years) so a replay keeps moving.
   * Handling times longer than the gap shrink with it.
   */
  maxGapMs?: number;
  signal?: AbortSignal;
}

interface Ready {
  p: Parsed;
  at: number;
  closedAt?: number;
  status: RowStatus;
  department: string;
  intake: import('../../shared/domain/work-order').WorkOrderIntake;
  order?: WorkOrder;
}

type Step = { at: number; kind: 0 | 1; item: Ready }; // 0 intake (+ file, dispatch), 1 handle

export async function replay({ target, mapping, rows, onRefusal, maxGapMs = Infinity, signal }: ReplayOptions): Promise<ReplayTotals> {
  const totals: ReplayTotals = {
    read: rows.length,
    accepted: 0,
    duplicates: 0,
    refused: 0,
    refusals: [],
    statusFailed: 0,
    byReason: {},
    examples: {},
    carried: { open: 0, in_progress: 0, closed: 0 },
  };
  const count = (line: number, reason: string) => {
    const key = reason.split(':')[0];
    totals.byReason[key] = (totals.byReason[key] ?? 0) + 1;
    const examples = (totals.examples[key] ??= []);
    if (examples.length < EXAMPLES_PER_REASON) examples.push(line);
  };
  const refuse = (p: Parsed, reason: string) => {
    const refusal = { line: p.line, id: p.row[mapping.columns.id] ?? '', reason };
    totals.refused++;
    totals.refusals.push(refusal);
    count(p.line, reason);
    onRefusal?.(refusal);
  };
  const statusFailed = (item: Ready, reason: string) => {
    totals.statusFailed++;
    const full = `status not replayed: ${reason}`;
    totals.refusals.push({ line: item.p.line, id: item.p.row[mapping.columns.id] ?? '', reason: full });
    count(item.p.line, `status not replayed (${reason.split(':')[0]})`);
    onRefusal?.({ line: item.p.line, id: item.p.row[mapping.columns.id] ?? '', reason: full });
  };

  const reader = compileMapping(mapping);
  const steps: Step[] = [];
  for (const p of rows) {
    const result = reader.read(p.row);
    if (!result.ok) {
      refuse(p, result.reason);
      continue;
    }
    const item: Ready = { p, at: result.at, closedAt: result.closedAt, status: result.status, department: result.department, intake: result.intake };
    steps.push({ at: item.at, kind: 0, item });
    if (item.closedAt !== undefined) steps.push({ at: item.closedAt, kind: 1, item });
  }
  steps.sort((a, b) => a.at - b.at || a.kind - b.kind || a.item.p.line - b.item.p.line);
  await checkWorkflowRights(target, steps.filter((s) => s.kind === 0 && s.item.status !== 'open').length);

  let due = target.now().getTime();
  let previous = steps[0]?.at ?? 0;
  for (const step of steps) {
    const { item } = step;
    if (signal?.aborted) {
      if (step.kind === 0) refuse(item.p, 'not sent: replay stopped');
      continue;
    }
    due += Math.min(step.at - previous, maxGapMs);
    previous = step.at;
    await target.advanceTo(new Date(due), signal);
    if (step.kind === 0) await intake(item);
    else await close(item);
  }
  return totals;

  async function intake(item: Ready) {
    let result;
    try {
      result = await target.api.post<WorkOrder>('/api/work-orders', item.intake);
    } catch (error) {
      refuse(item.p, `network: ${(error as Error).message}`);
      return;
    }
    if (!result.ok) {
      const field = result.error.field ? ` (${result.error.field})` : '';
      refuse(item.p, `server ${result.status}: ${result.error.code} ${result.error.message}${field}`);
      return;
    }
    totals.accepted++;
    if (result.status === 200) totals.duplicates++;
    item.order = result.data;
    // A repeat of an order that already moved on is left as it is.
    if (item.status !== 'open' && item.order.state === 'received') {
      if (!(await act(item, { action: 'file' }))) return;
      if (!(await act(item, { action: 'dispatch', department: item.department }))) return;
    }
    if (item.status !== 'closed') totals.carried[item.status]++;
  }

  async function close(item: Ready) {
    if (!item.order) return; // refused at intake, or its workflow already failed
    if (item.order.state === 'dispatched' || item.order.state === 'in_progress') {
      if (!(await act(item, { action: 'handle' }))) return;
    }
    totals.carried.closed++;
  }

  async function act(item: Ready, command: Record<string, unknown>): Promise<boolean> {
    const order = item.order!;
    let result;
    try {
      result = await target.api.post<WorkOrder>(`/api/work-orders/${encodeURIComponent(order.id)}/actions`, { ...command, expectedVersion: order.version });
    } catch (error) {
      statusFailed(item, `network: ${(error as Error).message}`);
      item.order = undefined;
      return false;
    }
    if (!result.ok) {
      statusFailed(item, `server ${result.status}: ${result.error.code} ${result.error.message}`);
      item.order = undefined;
      return false;
    }
    item.order = result.data;
    return true;
  }
}

/**
 * Carrying orders through the workflow takes a lead's rights; an intake key may only create
 * orders. Found out before any row is sent, not as thousands of refused actions.
 */
async function checkWorkflowRights(target: SimTarget, rowsNeedingWorkflow: number): Promise<void> {
  if (rowsNeedingWorkflow === 0) return;
  const me = await target.api.get<{ role: string }>('/api/me');
  const role = me.ok ? me.data.role : null;
  if (role === 'lead' || role === 'manager' || role === 'admin') return;
  throw new Error(
    `${rowsNeedingWorkflow} rows are in progress or closed in the source; carrying them through the workflow (立单, 派遣, 办结) ` +
      `needs a lead's login (--user/--password or --cookie), not ${role ? `a ${role} credential` : 'these credentials'}. Nothing was sent.`,
  );
}

/** Whether a run stays within `--max-refused`: "N%" of the rows read, or N rows; default 0. */
export function withinLimit(totals: Pick<ReplayTotals, 'read' | 'refused' | 'statusFailed'>, maxRefused = '0'): boolean {
  const bad = totals.refused + totals.statusFailed;
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(maxRefused.trim());
  if (!m) throw new Error(`--max-refused must be a count (12) or a percentage (2.5%), got ${JSON.stringify(maxRefused)}`);
  return m[2] ? bad <= (Number(m[1]) / 100) * totals.read : bad <= Number(m[1]);
}

/** The summary the CLI prints: totals, then each reason with its count and example lines. */
export function summaryLines(totals: ReplayTotals, file: string): string[] {
  const lines = [
    `read ${totals.read}, accepted ${totals.accepted} (of which already there ${totals.duplicates}), refused ${totals.refused}` +
      (totals.statusFailed ? `, status not replayed ${totals.statusFailed}` : ''),
    `carried to: open ${totals.carried.open}, in progress (派遣) ${totals.carried.in_progress}, closed (办结) ${totals.carried.closed}`,
  ];
  for (const [reason, n] of Object.entries(totals.byReason).sort((a, b) => b[1] - a[1])) {
    lines.push(`  ${String(n).padStart(6)}  ${reason} — e.g. ${file}:${[...totals.examples[reason]].sort((a, b) => a - b).join(', ')}`);
  }
  return lines;
}
