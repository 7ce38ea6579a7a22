import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/connection';
import { WRITER_CHECKPOINT_PAGES } from '../../../server/store/wal-checkpointer';
import { SqliteStore } from '../../../server/store/sqlite-store';
import { eventually, tempDbFile } from '../../support/server';
import { workOrderIntake } from '../../support/factories';
import { newWorkOrder } from '../../../shared/domain/work-order';

/** The WAL is checkpointed by the store's own worker thread, never by a commit on the event loop. */
describe('WAL checkpoints off the event loop', () => {
  it('copies committed pages into the database file by itself, and a close leaves no WAL behind', async () => {
    const file = tempDbFile();
    const connection = openDatabase(file);
    const store = new SqliteStore(connection);
    // The writer's own auto-checkpoint is only a backstop now.
    expect(connection.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(WRITER_CHECKPOINT_PAGES);
    const before = statSync(file).size;
    const at = new Date();
    for (let i = 0; i < 300; i++) {
      const order = newWorkOrder(`WO-${i}`, workOrderIntake() as never, { lat: 45.6, lng: 84.87 }, at);
      await store.commit([{ kind: 'workOrder', entity: order, expectedVersion: null }], {
        type: 'workOrder.received',
        payload: { workOrder: order },
        entityType: 'workOrder',
        entityId: order.id,
        actor: 'test',
        at: at.toISOString(),
      });
    }
    // Far below the writer's threshold: only the worker can have moved these pages into the file.
    await eventually(() => expect(statSync(file).size).toBeGreaterThan(before + 300 * 1000));
    await store.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = openDatabase(file);
    expect(reopened.sqlite.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 300 });
    reopened.close();
  });
});
