import Database from 'better-sqlite3';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgStore } from '../../../server/store/pg-store';
import type { SqliteStore } from '../../../server/store/sqlite-store';
import { startTestServer, type ApiResponse, type ErrorBody, type TestServer } from '../../support/server';
import { schemaFor, testPgUrl, testStoreKind } from '../../support/test-store';
import type { WorkOrder } from '../../../shared/domain/work-order';
import { workOrderIntake } from '../../support/factories';

type Command = { kind: 'new' } | { kind: 'repeat'; of: number } | { kind: 'invalid' } | { kind: 'file'; of: number } | { kind: 'stale'; of: number };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'new' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('repeat' as const), of: fc.nat(7) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'invalid' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('file' as const), of: fc.nat(7) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('stale' as const), of: fc.nat(7) }) },
);

/** A second connection to the server's database: it sees only what is committed. */
interface CommittedReader {
  rows<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

function committedReader(server: TestServer): CommittedReader {
  if (testStoreKind === 'postgres') {
    const pool = new pg.Pool({ connectionString: testPgUrl(), max: 1, options: `-c search_path=${schemaFor(server.dbFile)}` });
    return {
      rows: async <T>(sql: string, ...params: unknown[]) => {
        let n = 0;
        return (
          await pool.query(
            sql.replaceAll('?', () => `$${++n}`),
            params,
          )
        ).rows as T[];
      },
      close: () => pool.end(),
    };
  }
  const db = new Database(server.dbFile, { readonly: true });
  return {
    rows: <T>(sql: string, ...params: unknown[]) => Promise.resolve(db.prepare(sql).all(...params) as T[]),
    close: () => Promise.resolve(void db.close()),
  };
}

/**
 * Group commit keeps every guarantee of one-transaction-per-command, on both stores: a burst of
 * concurrent valid and invalid commands (shared in transactions, each in its own savepoint) yields
 * exactly one event per accepted command, no gap in seq, nothing for a refused one, and every
 * answer arrives after the commit that holds it (a second connection, which sees only committed
 * data, already has it).
 */
describe('group commit: concurrent commands share transactions, never guarantees', () => {
  let server: TestServer;
  let reader: CommittedReader;

  beforeAll(async () => {
    server = await startTestServer();
    reader = committedReader(server);
  });
  afterAll(async () => {
    await reader.close();
    await server.stop();
  });

  const committedSeq = async () => (await reader.rows<{ seq: number | null }>('SELECT max(seq) AS seq FROM events'))[0].seq ?? 0;
  const committedOrder = async (id: string) => (await reader.rows<{ version: number }>('SELECT version FROM work_orders WHERE id = ?', id))[0];

  it('property: one event per accepted command, contiguous seq, none for refused ones, each answer after its commit', async () => {
    const committer = (server.store as SqliteStore | PgStore).committer;
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 5, maxLength: 40 }), async (commands) => {
        // Orders the burst's file/stale/repeat commands act on, made beforehand.
        const base: { id: string; version: number; body: Record<string, unknown> }[] = [];
        for (let i = 0; i < 8; i++) {
          const body = workOrderIntake();
          const res = await server.api<WorkOrder>('POST', '/api/work-orders', body);
          base.push({ id: res.body.id, version: res.body.version, body });
        }
        const before = await committedSeq();
        const filed = new Set<number>();
        const tried = new Set<number>();
        const answers = await Promise.all(
          commands.map(async (c) => {
            // A work order when accepted, an error body when refused.
            let res: ApiResponse<Partial<WorkOrder> & Partial<ErrorBody>>;
            if (c.kind === 'new') res = await server.api('POST', '/api/work-orders', workOrderIntake());
            else if (c.kind === 'repeat') res = await server.api('POST', '/api/work-orders', base[c.of].body);
            else if (c.kind === 'invalid') res = await server.api('POST', '/api/work-orders', { ...workOrderIntake(), location: { lat: 'north' } });
            else
              res = await server.api('POST', `/api/work-orders/${base[c.of].id}/actions`, {
                action: 'file',
                expectedVersion: c.kind === 'stale' ? 99 : base[c.of].version,
              });
            // The answer is out: what it reports must already be committed.
            if (res.status < 300 && res.body?.id) expect((await committedOrder(res.body.id))?.version).toBeGreaterThanOrEqual(res.body.version!);
            return { c, res };
          }),
        );

        let accepted = 0;
        for (const { c, res } of answers) {
          if (c.kind === 'new') expect(res.status).toBe(201);
          if (c.kind === 'repeat') expect(res.status).toBe(200);
          if (c.kind === 'invalid') expect([res.status, res.body.error?.field]).toEqual([400, 'location.lat']);
          if (c.kind === 'stale') expect(res.status).toBe(409);
          if (c.kind === 'file') {
            // Several files of one order from the same version: one wins, the rest are told it changed.
            // Which one is the order the store committed them in (on PostgreSQL not the order sent).
            tried.add(c.of);
            expect([200, 409], JSON.stringify(res.body)).toContain(res.status);
            if (res.status === 200) {
              expect(filed.has(c.of)).toBe(false);
              filed.add(c.of);
            }
          }
          if (c.kind === 'new' || (c.kind === 'file' && res.status === 200)) accepted++;
        }
        expect(filed).toEqual(tried);
        const after = await committedSeq();
        expect(after - before).toBe(accepted);
        const seqs = (await reader.rows<{ seq: number }>('SELECT seq FROM events WHERE seq > ? ORDER BY seq', before)).map((r) => r.seq);
        expect(seqs).toEqual(Array.from({ length: accepted }, (_, i) => before + 1 + i));
      }),
      { numRuns: 12 },
    );
    // The burst really was grouped: some transaction held more than one command.
    expect(committer.stats.largest).toBeGreaterThan(1);
    expect(committer.stats.commands).toBeGreaterThan(committer.stats.batches);
  });
});
