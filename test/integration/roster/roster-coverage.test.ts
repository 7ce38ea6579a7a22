import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/clock';
import { staffingFactsForMonth } from '../../../server/roster/staffing-facts';
import { dailyHeadcountFacts, scoreFacts } from '../../../shared/scoring';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import type { CoverageNowView, RosterWeekView } from '../../../shared/coverage';
import type { Shift } from '../../../shared/coverage/shift';
import type { Post } from '../../../shared/domain/staff';
import type { MonthScore } from '../../../shared/scoring';
import { startTestServer, type ErrorBody, type TestServer } from '../../support/server';
import { seedTeam } from './roster-fixtures';

// Monday 2025-03-10, 10:00 Beijing time.
const NOW = '2025-03-10T02:00:00Z';

describe('coverage from the roster', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: new FakeClock(NOW) });
    await seedTeam(server, { seat: 17, responder: 4, evaluator: 3 });
    // The Center asked on Monday 03-03 to replace seat S05; nobody has come: missing from Friday 03-07.
    const asked = await server.api('POST', '/api/roster/profiles/S05/replacement-request', { on: '2025-03-03' });
    expect(asked.status).toBe(200);
  });
  afterAll(() => server.stop());

  it('the score staffing block and the wall coverage numbers come from the same engine for the same day', async () => {
    const wallHeaders = await server.headersFor('wall');
    const wall = (await server.api<CoverageNowView>('GET', '/api/coverage/now', undefined, wallHeaders)).body;
    const seatsOnWall = wall.posts.find((p) => p.post === 'seat')!;
    expect(seatsOnWall).toMatchObject({ headcount: 16, team: 17, teamShort: true });

    // The score, as the score service folds it, from the engine's facts for the month so far.
    const facts = await staffingFactsForMonth(server.store, DEFAULT_SETTINGS, '2025-03', new Date(NOW));
    const score = scoreFacts('2025-03', facts, DEFAULT_SETTINGS, { asOf: Date.parse(NOW) });
    const staffing = score.blocks.find((b) => b.block === 'staffing')!;
    const seatLine = staffing.lines.find((l) => l.subject === 'seat')!;
    expect(seatLine.causes.map((c) => c.id)).toEqual(['2025-03-07', '2025-03-08', '2025-03-09', '2025-03-10']);
    expect(staffing.deducted).toBe(8);
    const today = seatLine.causes.find((c) => c.id === wall.day)!;
    expect(today.detail.headcount).toBe(seatsOnWall.headcount);
    expect(today.detail.minimum).toBe(seatsOnWall.team);

    // The live score the wall and the score page show (GET /api/score) folds the same engine figures.
    const live = (await server.api<MonthScore>('GET', '/api/score', undefined, wallHeaders)).body;
    const liveStaffing = live.blocks.find((b) => b.block === 'staffing')!;
    expect(liveStaffing.deducted).toBe(8);
    const liveSeat = liveStaffing.lines.find((l) => l.subject === 'seat')!;
    const liveToday = liveSeat.causes.find((c) => c.id === wall.day)!;
    expect([liveToday.detail.headcount, liveToday.detail.minimum]).toEqual([seatsOnWall.headcount, seatsOnWall.team]);

    // And the lead's day report over HTTP says the same.
    const days = (await server.api<{ day: string; post: Post; headcount: number }[]>('GET', '/api/coverage/days?from=2025-03-01&to=2025-03-10')).body;
    const viaHttp = scoreFacts('2025-03', dailyHeadcountFacts(days, DEFAULT_SETTINGS.timeZone), DEFAULT_SETTINGS, { asOf: Date.parse(NOW) });
    expect(viaHttp.blocks.find((b) => b.block === 'staffing')!.deducted).toBe(8);
  });

  it('a fulfilled replacement stops the cost from its day on', async () => {
    const res = await server.api('POST', '/api/roster/profiles/S05/replacement-fulfilled', { on: '2025-03-10' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ leaveDate: '2025-03-10', status: 'left' });
    await server.api('POST', '/api/staff', { id: 'S18', name: '新坐席', post: 'seat' });
    await server.api('POST', '/api/roster/profiles/S18', { hireDate: '2025-03-10', education: 'college', birthDate: '2000-01-01' });
    const days = (await server.api('GET', '/api/coverage/days?from=2025-03-06&to=2025-03-10')).body as Array<{ day: string; post: string; short: boolean }>;
    expect(days.filter((d) => d.post === 'seat' && d.short).map((d) => d.day)).toEqual(['2025-03-07', '2025-03-08', '2025-03-09']);
  });

  it('the wall sees counts but no qualifications; the roster week is for leads', async () => {
    const wallHeaders = await server.headersFor('wall');
    expect((await server.api('GET', '/api/roster/week', undefined, wallHeaders)).status).toBe(403);
    const lead = await server.headersFor('lead');
    const week = await server.api<RosterWeekView>('GET', '/api/roster/week?from=2025-03-10', undefined, lead);
    expect(week.status).toBe(200);
    expect(week.body.days).toHaveLength(7);
    const profileEdit = await server.api('POST', '/api/roster/profiles/S01', { lawDegree: false }, lead);
    expect(profileEdit.status).toBe(403);
  });

  it('a generated rotation leaves no gap in the coming week; the forecast names a costly day when a responder leaves', async () => {
    for (const post of ['seat', 'responder', 'evaluator']) {
      const res = await server.api('POST', '/api/roster/rotation', { post, fromDay: '2025-03-09', days: 9 });
      expect(res.status).toBe(201);
    }
    const again = await server.api('POST', '/api/roster/rotation', { post: 'seat', fromDay: '2025-03-10', days: 1 });
    expect(again.status).toBe(409);

    let week = (await server.api<RosterWeekView>('GET', '/api/roster/week?from=2025-03-10&days=7')).body;
    expect(week.forecast.days.flatMap((d) => d.dutyGaps)).toEqual([]);
    expect(week.forecast.costlyDays).toEqual([]);

    await server.api('POST', '/api/roster/profiles/R02', { leaveDate: '2025-03-14' });
    week = (await server.api<RosterWeekView>('GET', '/api/roster/week?from=2025-03-10&days=7')).body;
    expect(week.forecast.costlyDays.map((d) => [d.day, d.posts.join()])).toEqual([
      ['2025-03-14', 'responder'],
      ['2025-03-15', 'responder'],
      ['2025-03-16', 'responder'],
    ]);
  });

  it('shift edits are versioned and overlaps refused', async () => {
    const created = await server.api<Shift>('POST', '/api/shifts', { staffId: 'S18', start: '2025-03-20T08:00:00+08:00', end: '2025-03-20T16:00:00+08:00' });
    expect(created.status).toBe(201);
    const clash = await server.api('POST', '/api/shifts', { staffId: 'S18', start: '2025-03-20T15:00:00+08:00', end: '2025-03-20T20:00:00+08:00' });
    expect(clash.status).toBe(409);
    const edited = await server.api<Shift>('POST', `/api/shifts/${created.body.id}/edit`, { end: '2025-03-20T12:00:00+08:00', expectedVersion: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body.end).toBe('2025-03-20T04:00:00.000Z');
    const stale = await server.api<ErrorBody>('POST', `/api/shifts/${created.body.id}/delete`, { expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.currentVersion).toBe(2);
    expect((await server.api('POST', `/api/shifts/${created.body.id}/delete`, { expectedVersion: 2 })).status).toBe(200);
    const tooLong = await server.api<ErrorBody>('POST', '/api/shifts', {
      staffId: 'S18',
      start: '2025-03-21T08:00:00+08:00',
      end: '2025-03-22T09:00:00+08:00',
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.field).toBe('end');
  });

  it('the 24-hour strip follows the clock-in/out log', async () => {
    // Hours that ended before the first record are unknown, not gaps; the hour in progress, with
    // nobody clocked in, is short for every post that needs someone.
    const wall = (await server.api<CoverageNowView>('GET', '/api/coverage/now')).body;
    expect(wall.strip).toHaveLength(24);
    expect(wall.strip.slice(0, 23).every((h) => h.short === null)).toBe(true);
    expect(wall.strip[23].short).toContain('responder');
    await server.api('POST', '/api/staff/R01/duty', { onDuty: true });
    server.clock.advance(2 * 3_600_000);
    const later = (await server.api<CoverageNowView>('GET', '/api/coverage/now')).body;
    expect(later.posts.find((p) => p.post === 'responder')!.onDuty).toBe(1);
    expect(later.strip.at(-1)!.short).not.toContain('responder');
    expect(later.strip.at(-2)!.short).not.toContain('responder');
  });
});
