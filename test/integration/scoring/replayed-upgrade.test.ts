import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { CreatedApiKey } from '../../../shared/auth/accounts';
import type { WorkOrder } from '../../../shared/domain/work-order';
import type { OperationsAnalysis } from '../../../shared/reports/operations-analysis';
import { FakeClock } from '../../../server/clock';
import { workOrderIntake } from '../../support/factories';
import { startTestServer, tempDbFile, type TestServer } from '../../support/server';
import { schemaFor, testPgUrl, testStoreKind } from '../../support/test-store';

/** The migration that gave work orders their replayed mark, per store, as its journal dates it. */
function migrationWhen(journal: string, tag: string): number {
  const entries = (JSON.parse(readFileSync(journal, 'utf8')) as { entries: Array<{ tag: string; when: number }> }).entries;
  return entries.find((e) => e.tag === tag)!.when;
}

/**
 * The database as it was before that migration: no column, and the migration not yet applied
 * (the migrator applies every migration dated after the last one it recorded).
 */
async function asBeforeTheMark(dbFile: string): Promise<void> {
  if (testStoreKind === 'sqlite') {
    const when = migrationWhen('db/migrations/meta/_journal.json', '0008_replayed');
    const db = new Database(dbFile);
    db.exec('ALTER TABLE work_orders DROP COLUMN replayed');
    db.prepare('DELETE FROM __drizzle_migrations WHERE created_at >= ?').run(when);
    db.close();
    return;
  }
  const when = migrationWhen('db/pg/migrations/meta/_journal.json', '0005_replayed');
  const schema = schemaFor(dbFile);
  const client = new pg.Client({ connectionString: testPgUrl() });
  await client.connect();
  await client.query(`ALTER TABLE "${schema}".work_orders DROP COLUMN replayed`);
  await client.query(`DELETE FROM "${schema}".__drizzle_migrations WHERE created_at >= $1`, [when]);
  await client.end();
}

/**
 * An installation that replayed history before work orders kept the replayed mark (it was only in
 * the order's received event) is upgraded: the migration finds those orders in their events and
 * marks them, so from the first start on they stay out of the operations analysis, as out of the score.
 */
describe('upgrading an installation that replayed history before orders kept the mark', () => {
  let server: TestServer;
  afterAll(() => server?.stop());

  it('marks the orders received as replayed history, and the operations analysis leaves them out', async () => {
    const dbFile = tempDbFile();
    server = await startTestServer({ dbFile, clock: new FakeClock('2025-03-14T07:00:00Z') });
    const key = await server.api<CreatedApiKey>('POST', '/api/api-keys', { name: 'replay-2025-03', role: 'intake', historical: true });
    const post = (headers: Record<string, string>) =>
      server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake({ receivedAt: '2025-03-14T06:00:00Z' }), headers);
    const replayed = (await post({ 'x-api-key': key.body.token, cookie: '' })).body;
    const live = (await post({})).body;
    await server.stop();

    await asBeforeTheMark(dbFile);
    await server.start();

    expect((await server.api<WorkOrder>('GET', `/api/work-orders/${replayed.id}`)).body.replayed).toBe(true);
    expect((await server.api<WorkOrder>('GET', `/api/work-orders/${live.id}`)).body.replayed).toBeUndefined();
    expect((await server.api<OperationsAnalysis>('GET', '/api/reports/operations?month=2025-03')).body.total).toBe(1);
  });
});
