import type ExcelJS from 'exceljs';
import { causeDetail } from '../../client/src/views/score/score-format';
// The page's own wording for causes, states and rates: the workbook says what the screen says.
import { scoreEn, scoreZhCN } from '../../client/src/views/score/score.i18n';
import { fillLabel, reportEn, reportZhCN, type ReportLabels } from '../../shared/reports/report-labels';
import { BLOCK_TABLE, blockLabel, KPI_IDS, ruleOf, scoreExportRows, type Locale, type MonthScore, type NationalKpis } from '../../shared/scoring';
import type { BlockScore, Cause } from '../../shared/scoring/types';
import { excelLocalTime, fitColumns, FORMAT, headerRow, newWorkbook, printSetup } from './excel-style';

const REPORT: Record<Locale, ReportLabels> = { 'zh-CN': reportZhCN, en: reportEn };
const SCORE: Record<Locale, typeof scoreZhCN> = { 'zh-CN': scoreZhCN, en: scoreEn };

/** Sheet names of the assessment workbook, in order: summary, rates, then one per block. */
export function assessmentSheetNames(score: Pick<MonthScore, 'blocks'>, locale: Locale): string[] {
  const r = REPORT[locale];
  return [r.sheet.summary, r.sheet.rates, ...score.blocks.map((b) => blockLabel(b.block, locale))];
}

/** The state line of a month: open / provisional / closed, as the page words it. */
export function monthStateLabel(score: MonthScore, locale: Locale): string {
  return SCORE[locale].status[score.status ?? (score.closed ? 'provisional' : 'open')];
}

/** A lookup of a dotted i18n key ('score.detail.hours') in the page's messages, filled. */
function pageMessage(key: string, params: Record<string, unknown>, locale: Locale): string {
  let node: unknown = { score: SCORE[locale] };
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string' ? fillLabel(node, params as Record<string, string | number>) : key;
}

/**
 * The month's assessment workbook (附件2 layout), written from the very score object
 * GET /api/score returns: every figure is read from it, none is worked out again here.
 */
export async function assessmentWorkbook(score: MonthScore, locale: Locale = 'zh-CN'): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = 'GridOps';
  wb.created = new Date(score.asOf);
  const tz = score.settings.timeZone;
  summarySheet(wb, score, locale, tz);
  ratesSheet(wb, score, locale);
  const labels = scoreExportRows(score, locale);
  let n = 0;
  for (const block of score.blocks) {
    const lineLabels = block.lines.map(() => labels[n++].label);
    blockSheet(wb, block, lineLabels, locale, tz);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function summarySheet(wb: ExcelJS.Workbook, score: MonthScore, locale: Locale, tz: string): void {
  const r = REPORT[locale];
  const ws = wb.addWorksheet(r.sheet.summary, { views: [{ state: 'frozen', ySplit: 4 }] });
  ws.addRow([fillLabel(r.workbookTitle, { month: score.month })]).font = { bold: true, size: 14 };
  ws.mergeCells('A1:G1');
  ws.addRow([r.month, score.month, r.state, monthStateLabel(score, locale), r.asOf, excelLocalTime(score.asOf, tz)]);
  ws.getCell('F2').numFmt = FORMAT.dateTime;
  ws.addRow([`${r.party.center}：${r.center}`, '', '', `${r.party.contractor}：${r.contractor}`]);
  headerRow(ws.addRow([r.no, r.block, r.clause, r.max, r.deducted, r.remaining, r.uncapped]));
  const first = ws.rowCount + 1;
  score.blocks.forEach((b, i) => {
    const row = ws.addRow([i + 1, blockLabel(b.block, locale), clauseOf(b), b.max, b.deducted, b.remaining, b.uncapped]);
    [4, 5, 6, 7].forEach((c) => (row.getCell(c).numFmt = FORMAT.points));
  });
  const last = ws.rowCount;
  const maxSum = score.blocks.reduce((s, b) => s + b.max, 0);
  const totalRow = ws.addRow([
    '',
    r.total,
    r.score,
    { formula: `SUM(D${first}:D${last})`, result: maxSum },
    { formula: `SUM(E${first}:E${last})`, result: clean(maxSum - score.total) },
    score.total,
  ]);
  totalRow.font = { bold: true };
  [4, 5, 6].forEach((c) => (totalRow.getCell(c).numFmt = FORMAT.points));

  ws.addRow([]);
  section(ws, r.fee.title);
  const fee = score.fee;
  pair(ws, r.fee.base, fee.base, FORMAT.money);
  pair(ws, r.fee.serviceDays, fee.serviceDays, FORMAT.count);
  pair(ws, r.fee.monthDays, fee.monthDays, FORMAT.count);
  pair(ws, r.score, score.total, FORMAT.points);
  pair(ws, r.fee.deducted, fee.deducted, FORMAT.money);
  pair(ws, r.fee.paid, fee.paid, FORMAT.money).font = { bold: true };
  ws.addRow(['', r.fee.formula]).font = { italic: true, color: { argb: 'FF666666' } };

  ws.addRow([]);
  section(ws, fillLabel(r.quarter.title, { q: score.quarter.quarter }));
  headerRow(ws.addRow(['', r.quarter.month, r.quarter.score, r.quarter.base, r.quarter.paid, r.quarter.deducted, r.state]));
  for (const m of score.quarter.months) {
    const row = ws.addRow(['', m.month, m.total, m.baseFen / 100, m.feeFen / 100, (m.baseFen - m.feeFen) / 100, m.closed ? r.quarter.closed : r.quarter.open]);
    row.getCell(3).numFmt = FORMAT.points;
    [4, 5, 6].forEach((c) => (row.getCell(c).numFmt = FORMAT.money));
  }
  const q = ws.addRow(['', r.total, '', score.quarter.base, score.quarter.paid, score.quarter.deducted]);
  q.font = { bold: true };
  [4, 5, 6].forEach((c) => (q.getCell(c).numFmt = FORMAT.money));

  ws.addRow([]);
  const t = score.termination;
  section(ws, r.termination.title);
  pair(ws, r.termination.threshold, t.threshold, FORMAT.points);
  const cons = ws.addRow(['', r.termination.consecutive, t.consecutiveBelow, r.termination.limit, t.consecutiveLimit]);
  const year = ws.addRow(['', r.termination.inYear, t.monthsBelowInYear, r.termination.limit, t.yearLimit]);
  for (const row of [cons, year]) [3, 5].forEach((c) => (row.getCell(c).numFmt = FORMAT.count));
  const triggered = t.triggered.consecutive || t.triggered.year;
  ws.addRow(['', r.termination.triggered, triggered ? r.termination.yes : r.termination.no]);

  const revisions = score.revisions ?? [];
  if (revisions.length) {
    ws.addRow([]);
    section(ws, r.state);
    headerRow(ws.addRow(['', r.revision, r.closedAt, r.closedBy, r.score, r.fee.paid, r.reopened, r.reopenReason]));
    for (const v of revisions) {
      const row = ws.addRow([
        '',
        v.revision,
        excelLocalTime(v.closedAt, tz),
        v.auto ? r.closedBySystem : (v.closedBy ?? ''),
        v.total,
        v.fee,
        v.reopenedAt ? `${excelLocalDisplay(v.reopenedAt, tz)} ${v.reopenedBy ?? ''}` : '',
        v.reopenReason ?? '',
      ]);
      row.getCell(3).numFmt = FORMAT.dateTime;
      row.getCell(5).numFmt = FORMAT.points;
      row.getCell(6).numFmt = FORMAT.money;
    }
  }
  fitColumns(ws);
  ws.getColumn(1).width = 6;
  ws.getColumn(3).width = 48;
  ws.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  printSetup(ws, '4:4');
}

function ratesSheet(wb: ExcelJS.Workbook, score: MonthScore, locale: Locale): void {
  const r = REPORT[locale];
  const ws = wb.addWorksheet(r.sheet.rates, { views: [{ state: 'frozen', ySplit: 1 }] });
  headerRow(ws.addRow([r.rate.name, r.rate.numerator, r.rate.denominator, r.rate.value, r.rate.target, r.rate.pointsBelow, r.rate.deduction]));
  for (const rate of score.rates) {
    const row = ws.addRow([
      SCORE[locale].rateName[rate.rate],
      rate.numerator,
      rate.denominator,
      // Stored as a fraction under a % format: Excel shows 96.50 % and computes with 0.965.
      rate.percent === null ? null : rate.percent / 100,
      rate.target / 100,
      rate.pointsBelow,
      rate.deduction,
    ]);
    [2, 3].forEach((c) => (row.getCell(c).numFmt = FORMAT.count));
    [4, 5].forEach((c) => (row.getCell(c).numFmt = FORMAT.percent));
    [6, 7].forEach((c) => (row.getCell(c).numFmt = FORMAT.points));
  }
  fitColumns(ws);
  if (score.kpis) kpiRows(ws, score.kpis, r);
  printSetup(ws, '1:1');
}

/** Under the contract's rates, the national indicators of the month: shown, not scored (no target, no deduction). */
function kpiRows(ws: ExcelJS.Worksheet, kpis: NationalKpis, r: ReportLabels): void {
  ws.addRow([]);
  // The title and the scope span the table, so the rates' columns keep their fitted widths.
  const title = ws.addRow([r.kpi.title]);
  title.font = { bold: true, size: 12 };
  const scope = ws.addRow([r.kpi.scope]);
  for (const row of [title, scope]) ws.mergeCells(row.number, 1, row.number, 7);
  headerRow(ws.addRow([r.rate.name, r.rate.numerator, r.rate.denominator, r.rate.value, r.ops.note]));
  for (const id of KPI_IDS) {
    const k = kpis[id];
    const row = ws.addRow([r.kpi.name[id], k.numerator, k.denominator, k.percent === null ? null : k.numerator / k.denominator, r.kpi.definition[id]]);
    [2, 3].forEach((c) => (row.getCell(c).numFmt = FORMAT.count));
    row.getCell(4).numFmt = FORMAT.percent;
    row.getCell(5).alignment = { wrapText: true, vertical: 'top' };
  }
  ws.getColumn(5).width = Math.max(ws.getColumn(5).width ?? 0, 50);
}

const BLOCK_COLUMNS = (r: ReportLabels) => [
  r.line.rule,
  r.clause,
  r.line.count,
  r.line.points,
  r.line.evidence,
  r.line.id,
  r.line.at,
  r.line.who,
  r.line.deadline,
  r.line.arrivedAt,
  r.line.distance,
  r.line.detail,
];

function blockSheet(wb: ExcelJS.Workbook, block: BlockScore, lineLabels: string[], locale: Locale, tz: string): void {
  const r = REPORT[locale];
  const ws = wb.addWorksheet(blockLabel(block.block, locale), { views: [{ state: 'frozen', ySplit: 2 }] });
  const title = ws.addRow([
    `${blockLabel(block.block, locale)}（${r.max} ${block.max}）`,
    clauseOf(block),
    r.deducted,
    block.deducted,
    r.remaining,
    block.remaining,
  ]);
  title.font = { bold: true };
  [4, 6].forEach((c) => (title.getCell(c).numFmt = FORMAT.points));
  headerRow(ws.addRow(BLOCK_COLUMNS(r)));
  if (!block.lines.length) ws.addRow([r.line.none]);
  block.lines.forEach((line, i) => {
    const row = ws.addRow([lineLabels[i], ruleOf(line.rule).clause, line.count, line.points]);
    row.font = { bold: true };
    row.getCell(3).numFmt = line.rule.endsWith('.rate') ? FORMAT.points : FORMAT.count;
    row.getCell(4).numFmt = FORMAT.points;
    for (const cause of line.causes) causeRow(ws, cause, locale, tz);
    if (line.causeCount > line.causes.length) {
      ws.addRow(['', '', '', '', fillLabel(r.line.more, { n: line.causeCount - line.causes.length, total: line.causeCount })]).font = { italic: true };
    }
  });
  fitColumns(ws, 8, 48);
  ws.getColumn(2).width = 40;
  ws.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  printSetup(ws, '1:2');
}

function causeRow(ws: ExcelJS.Worksheet, cause: Cause, locale: Locale, tz: string): void {
  const d = cause.detail;
  const whatLabel = (SCORE[locale].what as Record<string, string>)[cause.what] ?? cause.what;
  const detail = causeDetail(cause, tz)
    // Deadline and distance have their own columns here.
    .filter((p) => !('key' in p) || (p.key !== 'score.detail.deadline' && p.key !== 'score.detail.distance'))
    .map((p) => ('text' in p ? p.text : pageMessage(p.key, p.params, locale)))
    .join('；');
  const row = ws.addRow([
    '',
    '',
    '',
    '',
    whatLabel,
    cause.id,
    excelLocalTime(cause.at, tz),
    cause.actor ?? '',
    excelLocalTime(typeof d.deadline === 'string' ? d.deadline : null, tz),
    excelLocalTime(typeof d.arrivedAt === 'string' ? d.arrivedAt : null, tz),
    typeof d.distanceKm === 'number' ? d.distanceKm : null,
    detail,
  ]);
  [7, 9, 10].forEach((c) => (row.getCell(c).numFmt = FORMAT.dateTime));
  row.getCell(11).numFmt = FORMAT.km;
}

/** The block's 附件2 heading, from the rule table. */
function clauseOf(block: BlockScore): string {
  return BLOCK_TABLE.find((b) => b.id === block.block)?.clause ?? '';
}

function section(ws: ExcelJS.Worksheet, title: string): void {
  ws.addRow(['', title]).font = { bold: true, size: 12 };
}

function pair(ws: ExcelJS.Worksheet, label: string, value: number, format: string): ExcelJS.Row {
  const row = ws.addRow(['', label, value]);
  row.getCell(3).numFmt = format;
  return row;
}

function excelLocalDisplay(iso: string, tz: string): string {
  return excelLocalTime(iso, tz)!.toISOString().slice(0, 16).replace('T', ' ');
}

const clean = (x: number) => Math.round(x * 1e9) / 1e9;
