import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeatDemandHour } from '../../../shared/planning/seat-demand';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { seedTeam } from '../roster/roster-fixtures';
import { startTestServer, type ErrorBody, type TestServer } from '../../support/server';
import { mondayMorningHistory, planSeats } from './planning-fixtures';

describe('GET /api/planning/seat-demand', () => {
  let server: TestServer;
  // Monday 2025-03-10, Beijing time; the eight Mondays before it (the look-back) had 30 hotline calls at 10:xx.
  const monday = '2025-03-10';

  beforeAll(async () => {
    server = await startTestServer();
    await seedTeam(server, { seat: 17, responder: 4, evaluator: 3 }, '2024-01-01');
    await mondayMorningHistory(server, monday, 30, new Date('2025-03-09T12:00:00Z'));
    await planSeats(server, monday, 6);
  });
  afterAll(() => server?.stop());

  const demand = async (query: string) => server.api('GET', `/api/planning/seat-demand?${query}`);

  it('one row per hour of the week: Monday 10:00 expects 30 orders and needs 6 seats for 80 % in 20 s, all planned', async () => {
    const res = await demand(`from=${monday}`);
    expect(res.status).toBe(200);
    const rows = res.body as SeatDemandHour[];
    expect(rows).toHaveLength(7 * 24);
    const ten = rows.find((r) => r.hour === '2025-03-10T02:00:00.000Z')!;
    // 30 calls/h × 6 min (hotline default) = 3 erlangs; Erlang C: 5 seats answer 74 % in 20 s, 6 seats 89 %.
    expect(ten).toMatchObject({ expectedOrders: 30, handlingMinutes: 6, seatsNeeded: 6, seatsPlanned: 6, seatMinimum: 4, short: false });
    // Outside the planned 08–16 block nobody is planned, and nothing is expected either.
    expect(rows.find((r) => r.hour === '2025-03-10T09:00:00.000Z')).toMatchObject({ seatsPlanned: 0, seatsNeeded: 0, short: false });
    expect(rows.filter((r) => r.short)).toEqual([]);
  });

  it('a stricter target (95 % in 5 s) needs a seventh seat: Monday 10:00 becomes short', async () => {
    const rows = (await demand(`from=${monday}&serviceLevel=0.95&answerSeconds=5`)).body as SeatDemandHour[];
    expect(rows.filter((r) => r.short).map((r) => [r.hour, r.seatsNeeded, r.seatsPlanned])).toEqual([['2025-03-10T02:00:00.000Z', 7, 6]]);
  });

  it('names the bad parameter and refuses roles that may not plan', async () => {
    const bad = await demand(`from=${monday}&serviceLevel=1.5`);
    expect(bad.status).toBe(400);
    expect((bad.body as ErrorBody).error.field).toBe('serviceLevel');
    expect(((await demand('from=2025-3-10')).body as ErrorBody).error.field).toBe('from');
    const wall = await server.api('GET', `/api/planning/seat-demand?from=${monday}`, undefined, await server.headersFor('wall'));
    expect(wall.status).toBe(403);
  });

  it('reads the working calendar: a Monday the manager declares a day off is forecast from the look-back’s holidays', async () => {
    // Look-back 2025-01-13 … 03-09 holds the eight days of Spring Festival (01-28 … 02-04, from the
    // calendar package); the only holiday with orders is Monday 02-03: 30 calls at 10:xx / 8 days = 3.75.
    const set = await server.api('POST', '/api/settings', { handling: { ...DEFAULT_SETTINGS.handling, extraHolidays: [monday] } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const rows = (await demand(`from=${monday}`)).body as SeatDemandHour[];
    expect(rows.find((r) => r.hour === '2025-03-10T02:00:00.000Z')).toMatchObject({ expectedOrders: 3.75, seatsPlanned: 6, short: false });
    // The next Monday is an ordinary one again: its look-back's ordinary Mondays (not 02-03, not 03-10) had 30 each.
    const next = (await demand('from=2025-03-17&days=1')).body as SeatDemandHour[];
    expect(next.find((r) => r.hour === '2025-03-17T02:00:00.000Z')).toMatchObject({ expectedOrders: 30 });
  });
});
