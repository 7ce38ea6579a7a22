import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparableState } from '../../../shared/board/state';
import type { BoardState, Snapshot } from '../../../shared/board/state';
import { isIncidentOpen, type Incident } from '../../../shared/domain/incident';
import { isWorkOrderOpen, type WorkOrder } from '../../../shared/domain/work-order';
import type { EventEnvelope } from '../../../shared/events';
import type { CoverageNowView } from '../../../shared/coverage/views';
import { CHANNELS } from '../../../shared/domain/work-order';
import { pointInDistrict } from '../../../shared/geo/district';
import type { MonthScore } from '../../../shared/scoring';
import { dayKey, localParts, startOfLocalDay } from '../../../shared/time';
import { FakeClock } from '../../../server/clock';
import { sequentialIds } from '../../../server/commands/context';
import { FAST_SIM_CONFIG } from '../../../sim/config';
import { Simulation } from '../../../sim/simulation';
import { createTarget } from '../../../sim/target';
import { connectClient, eventually, startTestServer, type TestClient, type TestServer } from '../../support/server';

/**
 * A simulated week at full speed against a real in-process server, watched by a real socket
 * client: the center looks like a center, and every screen agrees with the server.
 */
const START = new Date('2025-03-03T00:00:00+08:00'); // a Monday, local midnight
const DAYS = 7;
const PER_DAY = { min: 20, max: 35 };

let server: TestServer;
let client: TestClient;
let sim: Simulation;
const scores: MonthScore[] = [];

beforeAll(async () => {
  server = await startTestServer({ clock: new FakeClock(START), ids: sequentialIds() });
  client = await connectClient(server);
  client.socket.on('score', (s) => scores.push(s));
  const target = createTarget({ baseUrl: server.url, cookie: server.headers.cookie, clock: server.clock, speed: Infinity, start: START });
  sim = new Simulation(target, { seed: 7, ordersPerDay: PER_DAY, incidentsPerDay: 5 }, FAST_SIM_CONFIG);
  await sim.run(START.getTime() + DAYS * 86_400_000);
}, 120_000);

afterAll(async () => {
  client?.close();
  await server?.stop();
});

/** Every event of the run, paged through GET /api/events. */
async function allEvents(): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  for (;;) {
    const res = await server.api<{ events: EventEnvelope[] }>('GET', `/api/events?after=${events.at(-1)?.seq ?? 0}&limit=5000`);
    expect(res.status).toBe(200);
    if (!res.body.events.length) return events;
    events.push(...res.body.events);
  }
}

/** The entities as they finally stand, folded from the log (the snapshot only has open ones). */
async function finalEntities() {
  const orders = new Map<string, WorkOrder>();
  const incidents = new Map<string, Incident>();
  for (const e of await allEvents()) {
    if (e.entityType === 'workOrder') orders.set(e.entityId, e.payload.workOrder);
    if (e.entityType === 'incident') incidents.set(e.entityId, e.payload.incident);
  }
  return { workOrders: [...orders.values()], incidents: [...incidents.values()] };
}

async function snapshot(): Promise<Snapshot> {
  const res = await server.api<Snapshot>('GET', '/api/snapshot');
  expect(res.status).toBe(200);
  return res.body;
}

describe('a simulated week', () => {
  it('sends its commands without the server refusing them', () => {
    expect(sim.stats.ordersCreated).toBeGreaterThanOrEqual(DAYS * PER_DAY.min);
    // A handful of refusals is allowed (a supervise racing a handle); more means the sim is wrong.
    expect(sim.stats.totalFailed).toBeLessThan(sim.stats.totalSent * 0.01);
  });

  it('receives orders per local day within the configured range, from all 8 channels, inside the district', async () => {
    const snap = await finalEntities();
    const perDay = new Map<string, number>();
    for (const o of snap.workOrders)
      perDay.set(dayKey(new Date(o.createdAt), 'Asia/Shanghai'), (perDay.get(dayKey(new Date(o.createdAt), 'Asia/Shanghai')) ?? 0) + 1);
    expect(perDay.size).toBe(DAYS);
    for (const count of perDay.values()) {
      expect(count).toBeGreaterThanOrEqual(PER_DAY.min);
      expect(count).toBeLessThanOrEqual(PER_DAY.max);
    }
    expect(new Set(snap.workOrders.map((o) => o.channel))).toEqual(new Set(CHANNELS));
    for (const o of snap.workOrders) expect(pointInDistrict(o.location.lat, o.location.lng)).toBe(true);
  });

  it('is quiet at night and busy at the 10–12 and 16–18 peaks (Beijing time)', async () => {
    const snap = await finalEntities();
    const byHour = new Array<number>(24).fill(0);
    for (const o of snap.workOrders) byHour[localParts(new Date(o.createdAt), 'Asia/Shanghai').hour]++;
    const night = byHour.slice(0, 6).reduce((a, b) => a + b, 0);
    const peaks = byHour[10] + byHour[11] + byHour[16] + byHour[17];
    expect(peaks).toBeGreaterThan(night * 3);
  });

  it('moves orders through the lifecycle with a small share of wrong dispatches', async () => {
    const snap = await finalEntities();
    const states = new Set(snap.workOrders.map((o) => o.state));
    for (const s of ['in_progress', 'handled', 'called_back', 'evaluated', 'rejected'] as const) expect(states).toContain(s);
    const dispatches = snap.workOrders.reduce((n, o) => n + o.dispatchCount, 0);
    const wrong = snap.workOrders.reduce((n, o) => n + o.wrongDispatchCount, 0);
    expect(wrong).toBeGreaterThan(0);
    expect(wrong / dispatches).toBeLessThan(0.05);
    // Callbacks: most handled orders are called back, a few are missed (the score counts those).
    const handled = snap.workOrders.filter((o) => o.timestamps.handled).length;
    const calledBack = snap.workOrders.filter((o) => o.timestamps.called_back).length;
    expect(calledBack / handled).toBeGreaterThan(0.8);
    // 返工: a few called-back orders are sent back by the lead, handled again and called back again.
    const reworked = snap.workOrders.filter((o) => o.reopenCount > 0);
    expect(reworked.length).toBeGreaterThan(0);
    expect(reworked.length / handled).toBeLessThan(0.1);
    expect(reworked.some((o) => o.state === 'called_back' || o.state === 'evaluated')).toBe(true);
  });

  it('opens incidents every few hours; responders arrive and send a first report before closing', async () => {
    const snap = await finalEntities();
    expect(snap.incidents.length).toBeGreaterThanOrEqual(DAYS * 2);
    const closed = snap.incidents.filter((i) => i.state === 'closed');
    expect(closed.length).toBeGreaterThan(snap.incidents.length * 0.8);
    for (const i of closed) {
      expect(i.arrivedAt).not.toBeNull();
      expect(i.reports[0]?.kind).toBe('first');
      expect(i.reports.at(-1)?.kind).toBe('closure');
    }
  });

  it('keeps the team complete and the shifts covered (coverage as the roster engine sees it)', async () => {
    const res = await server.api<CoverageNowView>('GET', '/api/coverage/now');
    expect(res.status).toBe(200);
    for (const p of res.body.posts) {
      expect(p.teamShort).toBe(false);
      expect(p.onDuty).toBeGreaterThanOrEqual(p.minimum);
    }
    // The last 24 hours: a late clock-in may leave an hour short now and then, not more.
    expect(res.body.strip.filter((h) => (h.short ?? []).length > 0).length).toBeLessThanOrEqual(2);
  });

  it('keeps the socket client, GET /api/snapshot and GET /api/score in exact agreement', async () => {
    const health = await server.api<{ seq: number }>('GET', '/api/health');
    await eventually(() => expect(client.sync.state.seq).toBe(health.body.seq), 10_000);
    const snap = await snapshot();
    // The snapshot holds open entities and those closed today; fold the client's view the same way.
    const since = startOfLocalDay(server.clock.now(), 'Asia/Shanghai').toISOString();
    const state: BoardState = client.sync.state;
    const folded = comparableState({
      ...state,
      workOrders: Object.fromEntries(Object.entries(state.workOrders).filter(([, o]) => isWorkOrderOpen(o) || o.updatedAt >= since)),
      incidents: Object.fromEntries(Object.entries(state.incidents).filter(([, i]) => isIncidentOpen(i) || (i.closedAt ?? '') >= since)),
    });
    const served = comparableState({
      seq: snap.seq,
      workOrders: Object.fromEntries(snap.workOrders.map((o) => [o.id, o])),
      incidents: Object.fromEntries(snap.incidents.map((i) => [i.id, i])),
      staff: Object.fromEntries(snap.staff.map((s) => [s.id, s])),
      positions: Object.fromEntries(snap.responders.map((p) => [p.responderId, p])),
    });
    expect(folded.workOrders.length).toBeGreaterThan(0);
    expect({ ...folded, responders: [] }).toEqual({ ...served, responders: [] });
    // Positions travel as coalesced telemetry ticks, not events: they settle a tick later.
    await eventually(() => expect(comparableState(client.sync.state).responders).toEqual(served.responders), 5_000);

    const score = (await server.api<MonthScore>('GET', '/api/score?month=2025-03')).body;
    expect(score.total).toBeGreaterThanOrEqual(60);
    expect(score.total).toBeLessThanOrEqual(100);
    // Every rate the contract scores is fed: evaluator reports verified, orders quality-checked, …
    for (const rate of score.rates) expect(rate.denominator, rate.rate).toBeGreaterThan(0);
    for (const rate of score.rates) expect(rate.percent!, rate.rate).toBeGreaterThan(90);
    await eventually(() => {
      const pushed = scores.at(-1)!;
      expect(pushed.total).toBe(score.total);
      expect(pushed.blocks.map((b) => [b.block, b.deducted])).toEqual(score.blocks.map((b) => [b.block, b.deducted]));
    }, 5_000);
  });
});
