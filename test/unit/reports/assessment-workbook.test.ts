import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { assessmentWorkbook } from '../../../server/reports/assessment-workbook';
import { foldMonth, scoreFromAccumulator, type ScoreFact } from '../../../shared/scoring';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { fact } from '../scoring/score-facts.factory';

/**
 * The workbook's evidence for a late incident, worked by hand (contract-rules.md §5, 附件2 三):
 * one incident reached 5 minutes after its deadline costs 0.5; 1 wrong dispatch in 20 is 95 %
 * against 98 %: 3 points below × 0.5 = 1.5. Total 100 − 0.5 − 1.5 = 98.
 */
describe('assessment workbook evidence', () => {
  const late = { ...fact.arrival('INC-7', '2025-03-10T10:00:00+08:00', true), distanceKm: 3.24 } as ScoreFact;
  const dispatches = Array.from({ length: 20 }, (_, i) => fact.dispatch(`WO-${i + 1}`, '2025-03-05T09:00:00+08:00'));
  const facts = [late, ...dispatches, fact.wrongDispatch('WO-3', '2025-03-06T09:00:00+08:00')];
  const score = scoreFromAccumulator(foldMonth('2025-03', facts, DEFAULT_SETTINGS), { asOf: Date.parse('2025-04-01T00:00:00+08:00') });

  it("shows the incident with its deadline, arrival and distance in the Center's local time", async () => {
    expect(score.total).toBe(98);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await assessmentWorkbook(score)) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('应急岗')!;
    const line = sheet.getRow(3);
    expect(line.getCell(1).value).toBe('应急事件协调不及时：1 件 × 0.5 分');
    expect(line.getCell(4).value).toBe(0.5);
    const evidence = sheet.getRow(4);
    expect(evidence.getCell(5).value).toBe('协调不及时（迟到）');
    expect(evidence.getCell(6).value).toBe('INC-7');
    // Excel has no zones: 10:00 in Asia/Shanghai is written as 10:00.
    expect((evidence.getCell(9).value as Date).toISOString()).toBe('2025-03-10T10:00:00.000Z');
    expect((evidence.getCell(10).value as Date).toISOString()).toBe('2025-03-10T10:05:00.000Z');
    expect(evidence.getCell(9).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(evidence.getCell(11).value).toBe(3.24);
    expect(evidence.getCell(11).numFmt).toBe('0.0');

    const summary = wb.getWorksheet('考核汇总')!;
    const row = (label: string) => summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(2).value === label)!;
    expect([row('应急岗').getCell(5).value, row('应急岗').getCell(6).value]).toEqual([0.5, 14.5]);
    expect([row('派单准确率').getCell(5).value, row('派单准确率').getCell(6).value]).toEqual([1.5, 13.5]);
    expect(row('合计').getCell(6).value).toBe(98);
    const rate = wb
      .getWorksheet('考核指标')!
      .getRows(1, 5)!
      .find((r) => r.getCell(1).value === '派单准确率')!;
    expect([rate.getCell(2).value, rate.getCell(3).value, rate.getCell(4).value]).toEqual([19, 20, 0.95]);
  });
});
