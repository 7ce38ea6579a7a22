import type ExcelJS from 'exceljs';
import { localParts } from '../../shared/time';

/**
 * A new workbook, with exceljs loaded on the first one: it takes 0.2 s to import, and a server
 * (every test server among them) that never reads or writes a spreadsheet should not pay it.
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs');
  return new excel.Workbook();
}

/** Excel number formats of the reports: real numbers, formatted, never text. */
export const FORMAT = {
  points: '0.00',
  money: '#,##0.00',
  percent: '0.00%',
  count: '0',
  km: '0.0',
  dateTime: 'yyyy-mm-dd hh:mm',
  date: 'yyyy-mm-dd',
} as const;

/**
 * A time as the Center reads it: Excel dates have no zone, so the local wall-clock time in the
 * Center's zone is written (a date in Asia/Shanghai shows as it does on the page).
 */
export function excelLocalTime(iso: string | null | undefined, timeZone: string): Date | null {
  if (!iso) return null;
  const p = localParts(new Date(iso), timeZone);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

/** Display width of a text in Excel columns: a CJK character takes two. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/.test(ch) ? 2 : 1;
  return w;
}

/** Column widths that fit their longest cell (Chinese counted double), within sensible bounds. */
export function fitColumns(sheet: ExcelJS.Worksheet, min = 8, max = 60): void {
  sheet.columns.forEach((column) => {
    let widest = min;
    column.eachCell?.({ includeEmpty: false }, (cell) => {
      const value = cell.value;
      // A date shows as 'yyyy-mm-dd hh:mm'; a formula by its result; a number with two decimals.
      const shown = typeof value === 'object' && value !== null && !(value instanceof Date) && 'result' in value ? value.result : value;
      const text = shown instanceof Date ? '2025-03-31 23:59' : typeof shown === 'number' ? shown.toFixed(2) : typeof shown === 'string' ? shown : '';
      for (const line of text.split('\n')) widest = Math.max(widest, textWidth(line) + 2);
    });
    column.width = Math.min(max, widest);
  });
}

/** A4 landscape, one page wide, the header rows repeated on every printed page. */
export function printSetup(sheet: ExcelJS.Worksheet, headerRows: string): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: headerRows,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddFooter: '&C&P / &N' };
}

/** Bold row on a pale fill: table headers. */
export function headerRow(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
}
