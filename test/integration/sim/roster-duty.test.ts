import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Staff } from '../../../shared/domain/staff';
import type { EventEnvelope } from '../../../shared/events';
import { FakeClock } from '../../../server/clock';
import { FAST_SIM_CONFIG } from '../../../sim/config';
import { Simulation } from '../../../sim/simulation';
import { createTarget } from '../../../sim/target';
import { startTestServer, type TestServer } from '../../support/server';

/** When the Center keeps a roster, simulated staff clock in and out by it, not by the sim's own rotation. */
const START = new Date('2025-03-06T07:00:00+08:00');
const at = (hhmm: string) => new Date(`2025-03-06T${hhmm}:00+08:00`).toISOString();
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ clock: new FakeClock(START) });
  for (const [id, post] of [
    ['S-1', 'seat'],
    ['S-2', 'seat'],
    ['R-1', 'responder'],
  ] as const) {
    expect((await server.api('POST', '/api/staff', { id, name: `测试${id}`, post })).status).toBe(201);
  }
  expect((await server.api('POST', '/api/shifts', { staffId: 'S-1', start: at('09:00'), end: at('13:00') })).status).toBe(201);
  expect((await server.api('POST', '/api/shifts', { staffId: 'R-1', start: at('08:00'), end: at('20:00') })).status).toBe(201);
});
afterAll(async () => {
  await server?.stop();
});

describe('staff duty by the roster', () => {
  it('clocks S-1 in around 09:00 and out around 13:00, keeps S-2 (no shift) off, R-1 on', async () => {
    const target = createTarget({ baseUrl: server.url, cookie: server.headers.cookie, clock: server.clock, speed: Infinity, start: START });
    const sim = new Simulation(
      target,
      { seed: 3, ordersPerDay: { min: 10, max: 10 }, incidentsPerDay: 1, team: { seat: 2, responder: 1, evaluator: 0 } },
      FAST_SIM_CONFIG,
    );
    await sim.run(new Date(at('14:00')).getTime());

    const events = (await server.api<{ events: EventEnvelope[] }>('GET', '/api/events?after=0&limit=5000')).body.events;
    const duty = events
      .filter((e) => e.type === 'staff.dutyChanged')
      .map((e) => ({ id: e.entityId, onDuty: (e.payload as { staff: Staff }).staff.onDuty, at: Date.parse(e.at) }));
    const s1 = duty.filter((d) => d.id === 'S-1');
    expect(s1.map((d) => d.onDuty)).toEqual([true, false]);
    const minutesFrom = (iso: string, t: number) => (t - Date.parse(iso)) / 60_000;
    expect(minutesFrom(at('09:00'), s1[0].at)).toBeGreaterThanOrEqual(-15);
    expect(minutesFrom(at('09:00'), s1[0].at)).toBeLessThanOrEqual(30);
    expect(Math.abs(minutesFrom(at('13:00'), s1[1].at))).toBeLessThanOrEqual(15);
    expect(duty.filter((d) => d.id === 'S-2')).toEqual([]);
    expect(duty.filter((d) => d.id === 'R-1').map((d) => d.onDuty)).toEqual([true]);
    // No extra team was hired: the sim took on the Center's people.
    expect(events.filter((e) => e.type === 'staff.added')).toHaveLength(3);
  });
});
