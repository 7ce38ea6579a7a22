import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../server/demo/seed';
import type { RosterWeekView } from '../../../shared/coverage';
import { startTestServer, type TestServer } from '../../support/server';

describe('demo roster', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await seedDemo(server.grid.ctx);
  });
  afterAll(() => server.stop());

  it('seeds a full team on rotation: no costly day this week, one unqualified seat flagged', async () => {
    const week = (await server.api<RosterWeekView>('GET', '/api/roster/week')).body;
    expect(week.forecast.costlyDays).toEqual([]);
    expect(week.forecast.days.flatMap((d) => d.dutyGaps)).toEqual([]);
    expect(week.forecast.days.every((d) => d.lawGraduateOnTeam && !d.evaluatorPattern.violated)).toBe(true);
    expect(week.members.filter((m) => m.issues.length > 0).map((m) => [m.post, m.issues])).toEqual([['seat', ['education_below_college']]]);
  });
});
