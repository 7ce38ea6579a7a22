import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/connection';
import { WRITER_CHECKPOINT_PAGES } from '../../../server/store/wal-checkpointer';
import { CHECKPOINTER_AFTER_COMMANDS, SqliteStore } from '../../../server/store/sqlite-store';
import { eventually, tempDbFile } from '../../support/server';
import { commitReceivedOrder } from '../../support/factories';

/** A busy store's WAL is checkpointed by its own worker thread, never by a commit on the event loop. */
describe('WAL checkpoints off the event loop', () => {
  it('a quiet store keeps SQLite’s auto-checkpoint; a busy one moves pages into the file by itself, and a close leaves no WAL behind', async () => {
    const file = tempDbFile();
    const connection = openDatabase(file);
    const store = new SqliteStore(connection);
    const at = new Date();
    let n = 0;
    const commitOrders = async (count: number) => {
      for (let i = 0; i < count; i++) await commitReceivedOrder(store, `WO-${n++}`, at, 'test');
    };
    // Quiet: no thread, SQLite's own checkpoint every 1,000 pages.
    await commitOrders(CHECKPOINTER_AFTER_COMMANDS - 1);
    expect(connection.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    // Busy: the worker takes over and the writer's own auto-checkpoint is only a backstop.
    await commitOrders(2);
    expect(connection.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(WRITER_CHECKPOINT_PAGES);
    connection.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const before = statSync(file).size;
    await commitOrders(300);
    // Far below the writer's threshold: only the worker can have moved these pages into the file.
    await eventually(() => expect(statSync(file).size).toBeGreaterThan(before + 300 * 1000));
    await store.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = openDatabase(file);
    expect(reopened.sqlite.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n });
    reopened.close();
  });
});
