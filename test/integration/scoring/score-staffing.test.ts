import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/clock';
import type { MonthScore } from '../../../shared/scoring';
import { startTestServer, type TestServer } from '../../support/server';
import { seedTeam } from '../roster/roster-fixtures';

// 空岗 from the clock-in/out log, end to end: people clock in and out through the API, the clock
// runs, and GET /api/score (and the wall's) carry the day's deduction. Monday 2025-03-10, Beijing time.
const at = (hm: string) => `2025-03-10T${hm}:00+08:00`;
const staffingOf = (s: MonthScore) => s.blocks.find((b) => b.block === 'staffing')!;

describe('the score reads 空岗 from the clock-in/out log', () => {
  let server: TestServer;
  const clock = new FakeClock(at('00:00'));
  const duty = async (id: string, onDuty: boolean) => {
    const res = await server.api('POST', `/api/staff/${id}/duty`, { onDuty });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    server = await startTestServer({ clock });
    // A full team (17 / 4 / 3, S01 the law graduate): never 缺编. On duty from 00:00: 4 seats, 3 evaluators, responder R01.
    await seedTeam(server, { seat: 17, responder: 4, evaluator: 3 });
    for (const id of ['S01', 'S02', 'S03', 'S04', 'E01', 'E02', 'E03', 'R01']) await duty(id, true);
    // R02 is planned 08:00–12:00.
    const shift = await server.api('POST', '/api/shifts', { staffId: 'R02', start: at('08:00'), end: at('12:00') });
    expect(shift.status).toBe(201);
  });
  afterAll(() => server.stop());

  it('R01 clocks out at 09:00 and R02 comes at 11:00: two hours without a responder cost the responders 2 → 98', async () => {
    clock.set(at('09:00'));
    await duty('R01', false);
    // Ten minutes empty: nothing yet. Thirty, with no event since, only time passing: it counts, while it lasts.
    clock.set(at('09:10'));
    expect(((await server.api('GET', '/api/score')).body as MonthScore).total).toBe(100);
    clock.set(at('09:30'));
    expect(((await server.api('GET', '/api/score')).body as MonthScore).total).toBe(98);
    clock.set(at('10:00'));
    expect(((await server.api('GET', '/api/score')).body as MonthScore).total).toBe(98);
    clock.set(at('11:00'));
    await duty('R02', true);
    clock.set(at('12:00'));

    const score = (await server.api('GET', '/api/score')).body as MonthScore;
    expect(score.total).toBe(98);
    const line = staffingOf(score).lines.find((l) => l.subject === 'responder')!;
    expect(line).toMatchObject({ rule: 'staffing.shortDay', count: 1, points: 2 });
    // Which, when, and who: 空岗 09:00–11:00; R02 (responder2) was planned and not clocked in at 09:00.
    expect(line.causes[0]).toMatchObject({ what: 'postEmpty', id: '2025-03-10' });
    expect(line.causes[0].detail).toMatchObject({
      emptyFrom: new Date(at('09:00')).toISOString(),
      emptyTo: new Date(at('11:00')).toISOString(),
      emptyMinutes: 120,
      absent: 'responder2',
    });
    expect(score.daily?.at(-1)).toEqual({ day: '2025-03-10', total: 98 });
  });

  it('a 10-minute handover gap later that day costs nothing more', async () => {
    await duty('R02', false);
    clock.set(at('12:10'));
    await duty('R03', true);
    clock.set(at('13:00'));
    const score = (await server.api('GET', '/api/score')).body as MonthScore;
    expect(score.total).toBe(98);
    expect(staffingOf(score).lines.find((l) => l.subject === 'responder')!.causes[0].detail.emptyStretches).toBe(1);
  });

  it('the seats lose their only law graduate: 缺编 although 17 are on the books; a manager can set the requirement off', async () => {
    const edit = await server.api('POST', '/api/roster/profiles/S01', { lawDegree: false });
    expect(edit.status).toBe(200);
    // The profile holds no history: the books say no law graduate since the team was hired (01-01), so
    // 03-01…03-10 are short for the seats: 10 × 2 = 20, plus the responders' 2 = 22, capped at 20 → 80.
    const score = (await server.api('GET', '/api/score')).body as MonthScore;
    expect(staffingOf(score).lines.find((l) => l.subject === 'seat')).toMatchObject({ count: 10, points: 20 });
    expect(staffingOf(score)).toMatchObject({ uncapped: 22, deducted: 20 });
    expect(score.total).toBe(80);
    expect(staffingOf(score).lines.find((l) => l.subject === 'seat')!.causes[9]).toMatchObject({
      id: '2025-03-10',
      what: 'teamShort',
      detail: { noLawGraduate: true, headcount: 17 },
    });
    const relaxed = await server.api('POST', '/api/settings', { lawGraduateRequired: false }, await server.headersFor('manager'));
    expect(relaxed.status).toBe(200);
    expect(((await server.api('GET', '/api/score')).body as MonthScore).total).toBe(98);
    await server.api('POST', '/api/settings', { lawGraduateRequired: true }, await server.headersFor('manager'));
    await server.api('POST', '/api/roster/profiles/S01', { lawDegree: true });
    expect(((await server.api('GET', '/api/score')).body as MonthScore).total).toBe(98);
  });

  it('a bad setting is refused naming the field, and changes nothing', async () => {
    const bad = await server.api('POST', '/api/settings', { postEmptyMinutes: 0 }, await server.headersFor('manager'));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('postEmptyMinutes');
    expect(((await server.api('GET', '/api/settings')).body as { postEmptyMinutes: number }).postEmptyMinutes).toBe(30);
  });

  it('the wall sees the deduction and its times, never who was missing', async () => {
    const wall = (await server.api('GET', '/api/score', undefined, await server.headersFor('wall'))).body as MonthScore;
    expect(wall.total).toBe(98);
    const cause = staffingOf(wall).lines.find((l) => l.subject === 'responder')!.causes[0];
    expect(cause.detail).toMatchObject({ postEmpty: true, emptyMinutes: 120 });
    expect(JSON.stringify(wall)).not.toContain('responder2');
  });
});
