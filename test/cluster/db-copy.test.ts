import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { openPostgres } from '../../db/pg/connection';
import { createApp } from '../../server/app';
import { AuthService } from '../../server/auth/auth-service';
import { SqliteAuthStore } from '../../server/auth/auth-store';
import { PgAuthStore } from '../../server/auth/pg-auth-store';
import { FakeClock } from '../../server/clock';
import { seedDemo } from '../../server/demo/seed';
import { copyTables, verifyCopy } from '../../server/store/db-copy';
import { PgStore } from '../../server/store/pg-store';
import { SqliteStore } from '../../server/store/sqlite-store';
import { tempDbFile } from '../support/server';
import { testPgUrl } from '../support/test-store';
import { newSchema } from './cluster-support';

describe('db:copy moves a SQLite installation into PostgreSQL', () => {
  it('copies events, state, users and keys, verifies counts and the score, and PostgreSQL carries on from the last seq', async () => {
    // A SQLite installation with the demo center in it, a user and an intake key.
    const clock = new FakeClock(new Date());
    const file = tempDbFile();
    const source = openDatabase(file);
    const sqliteStore = new SqliteStore(source);
    const grid = createApp({ store: sqliteStore, clock });
    await seedDemo(grid.ctx);
    const auth = new AuthService({ store: new SqliteAuthStore(source), clock, bcryptRounds: 4 });
    await auth.createUser({ username: 'lead-copy', password: 'lead-copy-password', role: 'lead' });
    const { token } = await auth.createApiKey({ name: '12345平台', role: 'intake' }, { id: 'admin', role: 'admin' });
    await grid.close();
    const lastSeq = await sqliteStore.lastSeq();
    expect(lastSeq).toBeGreaterThan(20);

    const target = await openPostgres({ url: testPgUrl(), schema: newSchema('copy'), poolSize: 3 });
    try {
      const copied = await copyTables(source, target);
      expect(copied.events).toBe(lastSeq);
      expect(copied.work_orders).toBeGreaterThan(0);
      expect(copied.users).toBe(1);

      const report = await verifyCopy(source, target, 'Asia/Shanghai');
      expect(report.lines.filter((l) => l.startsWith('DIFF'))).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.lines.some((l) => l.includes('score'))).toBe(true);

      // The same board from both stores, and the copy goes on from the last seq.
      const pgStore = new PgStore(target);
      const since = new Date(clock.now().getTime() - 86_400_000);
      expect(await pgStore.snapshot(since)).toEqual(await sqliteStore.snapshot(since));
      expect(await pgStore.lastSeq()).toBe(lastSeq);
      const pgGrid = createApp({ store: pgStore, clock });
      const pgAuth = new AuthService({ store: new PgAuthStore(target), clock, bcryptRounds: 4 });
      // The copied key and password still work.
      expect((await pgAuth.actorFor({ headers: { 'x-api-key': token } } as never))?.role).toBe('intake');
      expect((await pgAuth.login({ username: 'lead-copy', password: 'lead-copy-password' }, '127.0.0.1')).me.role).toBe('lead');
      const staff = await pgStore.getStaff('SEAT-01');
      await pgGrid.ctx.store.commit(
        [{ kind: 'staff', entity: { ...staff, onDuty: !staff.onDuty, version: staff.version + 1 }, expectedVersion: staff.version }],
        {
          type: 'staff.dutyChanged',
          payload: { staff: { ...staff, onDuty: !staff.onDuty, version: staff.version + 1 } },
          entityType: 'staff',
          entityId: 'SEAT-01',
          actor: 'test',
          at: clock.now().toISOString(),
        } as never,
      );
      expect(await pgStore.lastSeq()).toBe(lastSeq + 1);
      await pgGrid.close();

      // A second copy into the same target is refused: it already holds events.
      await expect(copyTables(source, target)).rejects.toThrow(/already holds events/);
    } finally {
      source.close();
      await target.close();
    }
  });
});
