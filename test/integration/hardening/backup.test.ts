import { join, dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyEvent, emptyState, type Snapshot } from '../../../shared/board/state';
import { FakeClock } from '../../../server/clock';
import { backupDatabase, restoreDatabase } from '../../../server/ops/backup';
import { startTestServer, tempDbFile, type TestServer } from '../../support/server';
import { incidentIntake, workOrderIntake } from '../../support/factories';
import type { WorkOrder } from '../../../shared/domain/work-order';

const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => a.id.localeCompare(b.id));

/**
 * `npm run backup` while the server serves a write burst, `npm run restore` into a fresh server:
 * the copy is the database at one commit (no torn state), and a quiet backup restores to the same
 * snapshot and the same score.
 */
describe('backup during a write burst, restore into a fresh server', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
  });

  it('restores to an identical snapshot and score', async () => {
    const live = await startTestServer();
    servers.push(live);
    const dir = dirname(live.dbFile);

    // A burst: 6 writers creating and moving orders and incidents.
    let writing = true;
    const writers = Array.from({ length: 6 }, async (_, w) => {
      for (let i = 0; writing || i < 5; i++) {
        const order = await live.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake());
        expect(order.status).toBe(201);
        const filed = await live.api('POST', `/api/work-orders/${order.body.id}/actions`, { action: 'file', expectedVersion: order.body.version });
        expect(filed.status).toBe(200);
        if (i % 3 === w % 3) expect((await live.api('POST', '/api/incidents', incidentIntake())).status).toBe(201);
        if (i > 40) break;
      }
    });
    await new Promise((r) => setTimeout(r, 150));
    const mid = await backupDatabase(live.dbFile, join(dir, 'mid.db'));
    writing = false;
    await Promise.all(writers);
    expect(mid.seq).toBeGreaterThan(0);
    expect(mid.seq).toBeLessThan(await live.store.lastSeq());

    // The mid-burst copy is the database at exactly its last event: its tables equal the event log folded.
    const midFile = tempDbFile();
    restoreDatabase(mid.outFile, midFile);
    const fromMid = await startTestServer({ dbFile: midFile, clock: new FakeClock(live.clock.now()) });
    servers.push(fromMid);
    const folded = emptyState();
    for (const event of await live.store.eventsAfter(0, mid.seq)) applyEvent(folded, event);
    const midSnapshot = (await fromMid.api<Snapshot>('GET', '/api/snapshot')).body;
    expect(midSnapshot.seq).toBe(mid.seq);
    expect(byId(midSnapshot.workOrders)).toEqual(byId(Object.values(folded.workOrders)));
    expect(byId(midSnapshot.incidents)).toEqual(byId(Object.values(folded.incidents)));

    // A backup after the burst restores to the live server's snapshot and score.
    const final = await backupDatabase(live.dbFile, join(dir, 'final.db'));
    const finalFile = tempDbFile();
    const { replaced } = restoreDatabase(final.outFile, finalFile);
    expect(replaced).toBeNull();
    const fromFinal = await startTestServer({ dbFile: finalFile, clock: new FakeClock(live.clock.now()) });
    servers.push(fromFinal);
    const [a, b] = await Promise.all([live.api<Snapshot>('GET', '/api/snapshot'), fromFinal.api<Snapshot>('GET', '/api/snapshot')]);
    const { serverTime: _a, ...liveSnapshot } = a.body;
    const { serverTime: _b, ...restoredSnapshot } = b.body;
    expect(restoredSnapshot).toEqual(liveSnapshot);
    expect(restoredSnapshot.workOrders.length).toBeGreaterThan(10);
    const [liveScore, restoredScore] = await Promise.all([live.api('GET', '/api/score'), fromFinal.api('GET', '/api/score')]);
    expect(restoredScore.body).toEqual(liveScore.body);
  });

  it('restore keeps the file it replaces and refuses a file that is not a database', async () => {
    const target = tempDbFile();
    const server = await startTestServer({ dbFile: target });
    await server.api('POST', '/api/work-orders', workOrderIntake());
    const backup = await backupDatabase(target, join(dirname(target), 'b.db'));
    await server.stop();
    const { replaced, seq } = restoreDatabase(backup.outFile, target);
    expect(replaced).toMatch(/before-restore-/);
    expect(seq).toBe(backup.seq);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dirname(target), 'junk.db'), 'not a database');
    expect(() => restoreDatabase(join(dirname(target), 'junk.db'), target)).toThrow();
  });
});
