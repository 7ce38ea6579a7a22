import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveWorkOrder } from '../../../server/board/work-order.commands';
import { connectClient, startTestServer, type TestClient, type TestServer } from '../../support/server';
import { incidentIntake, workOrderIntake } from '../../support/factories';

const ORDERS = 200;
const KIOSKS = 10;
const SOCKETS_PER_KIOSK = 50;
const HOSTILE_SYNCS = 200;
const LEAD_COMMANDS = 24;

type SyncOutcome = { ok: true; kind: string; orders: number } | { ok: false; code: string; retryAfterMs?: number };

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/**
 * One kiosk must not freeze the server. A board of a few hundred open orders; one wall socket fires
 * 200 syncs at once, and 500 wall sockets (10 kiosks) ask for a snapshot at the same moment, while a
 * lead creates incidents: the lead's command → its event on the lead's screen stays under 200 ms at
 * p99, the snapshot is built once per seq for all of them, the hostile socket is told to slow down,
 * and the server's memory stays bounded. The screens run in a worker thread (in real life they are
 * other machines). The long version: `npm run bench -- soak`.
 */
describe('abuse: resync storms do not delay a lead', () => {
  let server: TestServer;
  let lead: TestClient;
  let crowd: Worker;

  beforeAll(async () => {
    server = await startTestServer();
    const seeder = { id: 'seed', role: 'admin' as const };
    for (let i = 0; i < ORDERS; i++) await receiveWorkOrder(server.grid.ctx, workOrderIntake(), seeder);
    lead = await connectClient({ url: server.url, headers: await server.headersFor('lead') });
    const kiosks = [];
    for (let k = 0; k < KIOSKS; k++) kiosks.push(await server.headersFor('wall'));
    crowd = new Worker(new URL('../../support/sync-storm.worker.mjs', import.meta.url), {
      workerData: { url: server.url, kiosks, socketsPerKiosk: SOCKETS_PER_KIOSK, hostileSyncs: HOSTILE_SYNCS },
    });
    await new Promise((resolve, reject) => (crowd.once('message', resolve), crowd.once('error', reject)));
  }, 120_000);
  afterAll(async () => {
    crowd?.postMessage('close');
    await crowd?.terminate();
    lead?.close();
    await server?.stop();
  });

  /** The lead's command → event latency of `count` commands, and the peak server heap meanwhile. */
  async function leadWorks(count: number, headers: Record<string, string>) {
    const latencies: number[] = [];
    let peakHeap = 0;
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const arrived = new Promise<void>((resolve) => {
        const onEvents = (events: Array<{ type: string }>) => {
          if (!events.some((e) => e.type === 'incident.opened')) return;
          lead.socket.off('event', onEvent);
          lead.socket.off('events', onEvents);
          resolve();
        };
        const onEvent = (e: { type: string }) => onEvents([e]);
        lead.socket.on('event', onEvent);
        lead.socket.on('events', onEvents);
      });
      const created = await server.api('POST', '/api/incidents', incidentIntake({ title: `暴雨积水 ${i}` }), headers);
      expect(created.status).toBe(201);
      await arrived;
      latencies.push(performance.now() - started);
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      await new Promise((r) => setTimeout(r, 10));
    }
    return { latencies, peakHeap };
  }

  // Runs after every other file, alone (TIMED_FILES in test/support/test-groups.ts): the other
  // worker's browsers and servers are not what this measures. Not retried: the crowd's sockets have
  // synced once, so a second storm would not be the same storm.
  it('refuses, shares and bounds 200 + 500 syncs while the lead’s commands land under 200 ms at p99', { timeout: 120_000 }, async () => {
    const leadHeaders = await server.headersFor('lead');
    // The same work with no storm, in the same run: what this machine's load alone costs.
    const quiet = await leadWorks(LEAD_COMMANDS, leadHeaders);
    const buildsBefore = server.grid.realtime.snapshots.builds;
    const heapBefore = process.memoryUsage().heapUsed;
    const stormStarted = performance.now();
    const storm = new Promise<{ hostile: SyncOutcome[]; crowd: SyncOutcome[] }>((resolve) => crowd.once('message', resolve));
    crowd.postMessage('go');
    // The lead works through the storm: each command timed until its event reaches the lead's socket.
    const { latencies, peakHeap } = await leadWorks(LEAD_COMMANDS, leadHeaders);
    const results = await storm;
    const stormMs = performance.now() - stormStarted;

    const refused = results.hostile.filter((r) => !r.ok);
    expect(refused.length).toBeGreaterThanOrEqual(HOSTILE_SYNCS - 20);
    for (const r of refused) expect(r).toMatchObject({ code: 'rate_limited', retryAfterMs: expect.any(Number) as unknown });
    expect(results.crowd).toHaveLength(KIOSKS * SOCKETS_PER_KIOSK - 1);
    expect(results.crowd.every((r) => r.ok && r.kind === 'snapshot' && r.orders === ORDERS)).toBe(true);
    // One build per seq and audience, shared: the lead's commands move the seq, so a handful of builds serve 500 screens.
    const builds = server.grid.realtime.snapshots.builds - buildsBefore;
    expect(builds).toBeLessThanOrEqual(LEAD_COMMANDS + 2);

    const p99 = percentile(latencies, 99);
    const quietP99 = percentile(quiet.latencies, 99);
    console.log(
      `abuse: lead command → event p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms during the storm ` +
        `(quiet p50 ${percentile(quiet.latencies, 50).toFixed(1)} ms, p99 ${quietP99.toFixed(1)} ms); storm ${stormMs.toFixed(0)} ms; ` +
        `${builds} snapshot builds for ${results.crowd.length + 10} served; server heap +${((peakHeap - heapBefore) / 1e6).toFixed(0)} MB; load ${loadavg()[0].toFixed(1)}`,
    );
    // The bar is 200 ms at p99. The test shares two cores with the rest of the suite (browsers
    // included), so the bar grows with what this machine's load alone costs, measured just before
    // with no storm: a storm that stalls the event loop (seconds, as before the fix) still fails.
    const bar = Math.max(200, 4 * quietP99);
    expect(latencies).toHaveLength(LEAD_COMMANDS);
    expect(p99, `lead p99 ${p99.toFixed(0)} ms, bar ${bar.toFixed(0)} ms (quiet p99 ${quietP99.toFixed(0)} ms)`).toBeLessThan(bar);
    // Bounded: far below 500 copies of the snapshot held at once.
    expect(peakHeap - heapBefore).toBeLessThan(200e6);
  });
});
