import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { DomainError } from '../../shared/domain/common';
import { newWorkbook } from '../reports/excel-style';

/**
 * Reads a schedule file into raw text cells per row; checking the values is schedule-import's job.
 * Columns are found by header (Chinese or English), so the order does not matter:
 *   工号 / staffId · 姓名 / name (optional) · 日期 / date · 开始 / start · 结束 / end
 * `row` is the spreadsheet row number the user sees (header = row 1).
 */
export const SCHEDULE_COLUMNS = ['staffId', 'name', 'day', 'start', 'end'] as const;
export type ScheduleColumn = (typeof SCHEDULE_COLUMNS)[number];
export interface RawScheduleRow {
  row: number;
  cells: Partial<Record<ScheduleColumn, string>>;
}

const HEADER_ALIASES: Record<string, ScheduleColumn> = {
  工号: 'staffId',
  staffid: 'staffId',
  id: 'staffId',
  姓名: 'name',
  name: 'name',
  日期: 'day',
  date: 'day',
  day: 'day',
  开始: 'start',
  开始时间: 'start',
  start: 'start',
  结束: 'end',
  结束时间: 'end',
  end: 'end',
};
const REQUIRED: ScheduleColumn[] = ['staffId', 'day', 'start', 'end'];

function columnsOf(header: string[]): Map<number, ScheduleColumn> {
  const columns = new Map<number, ScheduleColumn>();
  header.forEach((h, i) => {
    const c = HEADER_ALIASES[h.trim().toLowerCase()];
    if (c) columns.set(i, c);
  });
  const missing = REQUIRED.filter((c) => ![...columns.values()].includes(c));
  if (missing.length > 0) {
    throw new DomainError('invalid', `content: header row lacks column(s) ${missing.join(', ')} (工号, 日期, 开始, 结束)`, {
      field: 'content',
    });
  }
  return columns;
}

function toRows(table: string[][]): RawScheduleRow[] {
  if (table.length === 0) throw new DomainError('invalid', 'content: the file is empty', { field: 'content' });
  const columns = columnsOf(table[0]);
  const rows: RawScheduleRow[] = [];
  table.slice(1).forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const row: RawScheduleRow = { row: i + 2, cells: {} };
    for (const [index, column] of columns) row.cells[column] = (cells[index] ?? '').trim();
    rows.push(row);
  });
  return rows;
}

export function readCsv(text: string): RawScheduleRow[] {
  let table: string[][];
  try {
    table = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    throw new DomainError('invalid', `content: not a readable CSV (${(error as Error).message})`, { field: 'content' });
  }
  return toRows(table);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Excel stores dates as days since 1899-12-30 and times as fractions of a day. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // A time-only cell comes back as a date on 1899-12-30 (UTC).
    if (value.getUTCFullYear() < 1900) return `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === 'number') {
    if (value >= 0 && value < 1) {
      const minutes = Math.round(value * 1440);
      return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
    }
    return String(value);
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result);
    if ('text' in value) return String(value.text);
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any other cell object prints as ExcelJS made it, as before
  return String(value);
}

export async function readXlsx(base64: string): Promise<RawScheduleRow[]> {
  const workbook = await newWorkbook();
  try {
    await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  } catch {
    throw new DomainError('invalid', 'content: not a readable XLSX file', { field: 'content' });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new DomainError('invalid', 'content: the workbook has no sheet', { field: 'content' });
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    table[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
  });
  return toRows(Array.from(table, (r) => r ?? []));
}
