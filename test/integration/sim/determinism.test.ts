import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../shared/events';
import { FakeClock } from '../../../server/clock';
import { sequentialIds } from '../../../server/commands/context';
import { FAST_SIM_CONFIG } from '../../../sim/config';
import { Simulation } from '../../../sim/simulation';
import { createTarget } from '../../../sim/target';
import { startTestServer } from '../../support/server';

const START = new Date('2025-03-05T06:00:00+08:00');

/** One simulated day on a fresh server; returns its whole event log. */
async function runDay(seed: number): Promise<EventEnvelope[]> {
  const server = await startTestServer({ clock: new FakeClock(START), ids: sequentialIds() });
  try {
    const target = createTarget({ baseUrl: server.url, cookie: server.headers.cookie, clock: server.clock, speed: Infinity, start: START });
    const sim = new Simulation(target, { seed, ordersPerDay: { min: 40, max: 60 }, incidentsPerDay: 6 }, FAST_SIM_CONFIG);
    await sim.run(START.getTime() + 86_400_000);
    const res = await server.api<{ events: EventEnvelope[] }>('GET', '/api/events?after=0&limit=5000');
    return res.body.events;
  } finally {
    await server.stop();
  }
}

describe('simulator determinism', () => {
  it('sends the same event stream for the same seed, and a different one for another seed', async () => {
    const [a, b, c] = [await runDay(11), await runDay(11), await runDay(12)];
    expect(a.length).toBeGreaterThan(200);
    const strip = (events: EventEnvelope[]) => events.map(({ seq, type, at, actor, entityId, payload }) => ({ seq, type, at, actor, entityId, payload }));
    expect(strip(b)).toEqual(strip(a));
    expect(strip(c)).not.toEqual(strip(a));
  }, 60_000);
});
