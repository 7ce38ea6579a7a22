import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/clock';
import type { Shift } from '../../../shared/coverage/shift';
import { connectClient, startTestServer, type ErrorBody, type TestServer } from '../../support/server';
import { seedTeam } from './roster-fixtures';

/** A refused import: every bad row with its reason. */
type RowRefusal = { error: ErrorBody['error'] & { rows: { row: number; code: string }[] } };

// Sunday 2025-03-02, 10:00 Beijing time.
const clock = () => new FakeClock('2025-03-02T02:00:00Z');

describe('schedule import: all or nothing', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: clock() });
    await seedTeam(server, { seat: 3, responder: 2, evaluator: 1 });
  });
  afterAll(() => server.stop());

  const shiftsOfWeek = async () => (await server.api<{ shifts: unknown[] }>('GET', '/api/roster/week?from=2025-03-03&days=7')).body.shifts;

  it('a CSV with 3 bad rows is refused whole: 3 row errors, no shift, no event', async () => {
    const csv = [
      '工号,姓名,日期,开始,结束',
      'S01,seat1,2025-03-03,08:00,16:00',
      'S99,,2025-03-03,08:00,16:00', // unknown staff
      'S02,seat2,2025-02-30,08:00,16:00', // no such date
      'R01,responder1,2025-03-03,08:00,08:00', // good: 24 h duty
      'S03,seat3,2025-03-03,25:00,08:00', // bad time
    ].join('\n');
    const eventsBefore = await server.store.countEvents();
    const res = await server.api<RowRefusal>('POST', '/api/roster/import', { format: 'csv', content: csv });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_rows');
    expect(res.body.error.rows.map((r: { row: number; code: string }) => [r.row, r.code])).toEqual([
      [3, 'unknown_staff'],
      [4, 'bad_date'],
      [6, 'bad_time'],
    ]);
    expect(await server.store.countEvents()).toBe(eventsBefore);
    expect(await shiftsOfWeek()).toEqual([]);
  });

  it('a good CSV creates its shifts, each as an event, broadcast to clients', async () => {
    const client = await connectClient(server);
    const csv = ['staffId,date,start,end', 'S01,2025-03-03,08:00,16:00', 'S02,2025-03-03,16:00,00:00', 'R01,2025/3/3,08:00,08:00'].join('\r\n');
    const eventsBefore = await server.store.countEvents();
    const res = await server.api<Shift[]>('POST', '/api/roster/import', { format: 'csv', content: csv });
    expect(res.status).toBe(201);
    expect(res.body).toHaveLength(3);
    expect(await server.store.countEvents()).toBe(eventsBefore + 3);
    const night = res.body.find((s) => s.staffId === 'S02')!;
    expect([night.start, night.end]).toEqual(['2025-03-03T08:00:00.000Z', '2025-03-03T16:00:00.000Z']);
    const duty = res.body.find((s) => s.staffId === 'R01')!;
    expect(Date.parse(duty.end) - Date.parse(duty.start)).toBe(24 * 3_600_000);
    await expect.poll(() => client.received.filter((e) => e.type === 'shift.created').length).toBe(3);
    client.close();
  });

  it('refuses a row that overlaps a stored shift or an earlier row of the same person', async () => {
    const csv = ['工号,日期,开始,结束', 'S01,2025-03-03,12:00,20:00', 'S03,2025-03-04,08:00,16:00', 'S03,2025-03-04,15:00,18:00'].join('\n');
    const res = await server.api<RowRefusal>('POST', '/api/roster/import', { format: 'csv', content: csv });
    expect(res.status).toBe(422);
    expect(res.body.error.rows.map((r: { row: number; code: string }) => [r.row, r.code])).toEqual([
      [2, 'overlap_existing'],
      [4, 'overlap_in_file'],
    ]);
  });

  it('reads an XLSX file with real date and time cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('排班');
    sheet.addRow(['工号', '日期', '开始', '结束']);
    sheet.addRow(['E01', new Date(Date.UTC(2025, 2, 5)), new Date(Date.UTC(1899, 11, 30, 10)), '20:00']);
    sheet.addRow(['S03', '2025-03-05', 8 / 24, 16 / 24]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const res = await server.api<Shift[]>('POST', '/api/roster/import', { format: 'xlsx', content });
    expect(res.status).toBe(201);
    expect(res.body.map((s: { staffId: string; start: string }) => [s.staffId, s.start])).toEqual([
      ['E01', '2025-03-05T02:00:00.000Z'],
      ['S03', '2025-03-05T00:00:00.000Z'],
    ]);
  });

  it('a file without the needed columns is refused naming them', async () => {
    const res = await server.api<ErrorBody>('POST', '/api/roster/import', { format: 'csv', content: 'who,when\nS01,2025-03-03' });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('content');
    expect(res.body.error.message).toContain('start');
  });
});
