import type ExcelJS from 'exceljs';
import zhCN from '../../client/src/i18n/zh-CN';
import en from '../../client/src/i18n/en';
import { categoryClassEntry, type CategoryKind } from '../../shared/domain/category-codes';
import type { Count, OperationsAnalysis, Ratio } from '../../shared/reports/operations-analysis';
import { fillLabel, reportEn, reportZhCN, type ReportLabels } from '../../shared/reports/report-labels';
import { KPI_IDS, type Locale } from '../../shared/scoring';
import { fitColumns, FORMAT, headerRow, newWorkbook, printSetup } from './excel-style';

const REPORT: Record<Locale, ReportLabels> = { 'zh-CN': reportZhCN, en: reportEn };
// Channel names as the screens write them.
const CHANNEL: Record<Locale, Record<string, string>> = { 'zh-CN': zhCN.channel, en: en.channel };

/** The operations analysis as a workbook: the same numbers GET /api/reports/operations returns. */
export async function operationsWorkbook(a: OperationsAnalysis, locale: Locale = 'zh-CN'): Promise<Buffer> {
  const r = REPORT[locale].ops;
  const wb = await newWorkbook();
  wb.creator = 'GridOps';
  wb.created = new Date(a.asOf);
  const className = (kind: string, cls: string) => {
    const entry = categoryClassEntry(kind as CategoryKind, cls);
    return entry ? (locale === 'en' ? entry.nameEn : entry.nameZh) : cls;
  };
  const kindName = (kind: string) => (r.kindName as Record<string, string>)[kind] ?? kind;

  const overview = wb.addWorksheet(r.sheet.overview, { views: [{ state: 'frozen', ySplit: 1 }] });
  overview.addRow([fillLabel(r.title, { from: a.from, to: a.to })]).font = { bold: true, size: 14 };
  overview.addRow([r.range, `${a.from} – ${a.to}`]);
  overview.addRow([r.timeZone, a.timeZone]);
  const total = overview.addRow([r.total, a.total]);
  total.getCell(2).numFmt = FORMAT.count;
  total.font = { bold: true };
  overview.addRow([]);
  headerRow(overview.addRow([r.kpi, r.numerator, r.denominator, r.value, r.note]));
  for (const id of KPI_IDS) {
    const k: Ratio = a.kpis[id];
    const row = overview.addRow([r.kpis[id], k.numerator, k.denominator, k.percent === null ? null : k.numerator / k.denominator, r.kpiNote[id]]);
    [2, 3].forEach((c) => (row.getCell(c).numFmt = FORMAT.count));
    row.getCell(4).numFmt = FORMAT.percent;
  }
  finish(overview, '1:1');

  countSheet(wb, r.sheet.channel, [r.channel], a.byChannel, a.total, (key) => [CHANNEL[locale][key] ?? key], [r.count, r.share, REPORT[locale].total]);
  countSheet(
    wb,
    r.sheet.class,
    [r.kind, r.class],
    a.byClass,
    a.total,
    (key) => {
      const [kind, cls] = key.split('/');
      return [kindName(kind), className(kind, cls)];
    },
    [r.count, r.share, REPORT[locale].total],
  );
  countSheet(
    wb,
    r.sheet.subClass,
    [r.kind, r.class, r.subClass],
    a.bySubClass,
    a.total,
    (key) => {
      const [kind, cls, ...sub] = key.split('/');
      return [kindName(kind), className(kind, cls), sub.join('/')];
    },
    [r.count, r.share, REPORT[locale].total],
  );
  countSheet(wb, r.sheet.street, [r.street], a.byStreet, a.total, (key) => [key || r.noStreet], [r.count, r.share, REPORT[locale].total]);
  countSheet(wb, r.sheet.department, [r.department], a.byDepartment, a.total, (key) => [key || r.noDepartment], [r.count, r.share, REPORT[locale].total]);
  countSheet(wb, r.sheet.day, [r.day], a.byDay, a.total, (key) => [key], [r.count, r.share, REPORT[locale].total]);

  const problems = wb.addWorksheet(r.sheet.problems, { views: [{ state: 'frozen', ySplit: 1 }] });
  headerRow(problems.addRow([r.kind, r.class, r.subClass, r.street, r.count]));
  for (const p of a.topProblems)
    problems.addRow([kindName(p.kind), className(p.kind, p.class), p.subClass, p.street || r.noStreet, p.count]).getCell(5).numFmt = FORMAT.count;
  finish(problems, '1:1');

  const spots = wb.addWorksheet(r.sheet.hotSpots, { views: [{ state: 'frozen', ySplit: 1 }] });
  headerRow(spots.addRow([r.lat, r.lng, r.count]));
  for (const h of a.hotSpots) {
    const row = spots.addRow([h.lat, h.lng, h.count]);
    [1, 2].forEach((c) => (row.getCell(c).numFmt = '0.0000'));
    row.getCell(3).numFmt = FORMAT.count;
  }
  finish(spots, '1:1');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One breakdown: its label columns, the count, the share of the total, and a total row. */
function countSheet(
  wb: ExcelJS.Workbook,
  name: string,
  headers: string[],
  counts: Count[],
  total: number,
  labels: (key: string) => string[],
  [countLabel, shareLabel, totalLabel]: [string, string, string],
): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  headerRow(ws.addRow([...headers, countLabel, shareLabel]));
  const n = headers.length;
  for (const c of counts) {
    const row = ws.addRow([...labels(c.key), c.count, total > 0 ? c.count / total : null]);
    row.getCell(n + 1).numFmt = FORMAT.count;
    row.getCell(n + 2).numFmt = FORMAT.percent;
  }
  const first = 2;
  const last = ws.rowCount;
  const sum = ws.addRow([...headers.map((_, i) => (i === 0 ? totalLabel : '')), { formula: `SUM(${col(n + 1)}${first}:${col(n + 1)}${last})`, result: total }]);
  sum.font = { bold: true };
  sum.getCell(n + 1).numFmt = FORMAT.count;
  finish(ws, '1:1');
}

const col = (i: number) => String.fromCharCode(64 + i);

function finish(ws: ExcelJS.Worksheet, header: string): void {
  fitColumns(ws, 8, 50);
  printSetup(ws, header);
}
