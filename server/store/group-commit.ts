import type BetterSqlite3 from 'better-sqlite3';

interface Pending<T> {
  run: () => T;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/**
 * Group commit for SQLite. Commands that ask to commit during the same turn of the event loop
 * (concurrent HTTP requests, socket commands) are written in ONE transaction at the end of the
 * turn, each inside its own savepoint: a command whose writes fail (stale version, duplicate key)
 * rolls back alone and never poisons the others. Every caller is answered only after the COMMIT
 * that holds its work, so an acknowledgement still means committed, and events keep their order
 * (seq follows the order the commands asked in).
 */
export class GroupCommitter {
  private queue: Pending<unknown>[] = [];
  /** One nested better-sqlite3 transaction = a SAVEPOINT inside the batch's transaction. */
  private readonly inSavepoint: (run: () => unknown) => unknown;
  private readonly batch: (items: Pending<unknown>[]) => Array<{ ok: unknown } | { error: unknown }>;
  /** Batches committed and commands in them, for benchmarks and diagnostics. */
  readonly stats = { batches: 0, commands: 0, largest: 0 };

  constructor(sqlite: BetterSqlite3.Database) {
    this.inSavepoint = sqlite.transaction((run: () => unknown) => run());
    this.batch = sqlite.transaction((items: Pending<unknown>[]) =>
      items.map((item) => {
        try {
          return { ok: this.inSavepoint(item.run) };
        } catch (error) {
          return { error };
        }
      }),
    );
  }

  /** Runs `run` (synchronous writes) in the next group transaction; resolves after its COMMIT. */
  commit<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  /** Commits what is queued now (also called before the database closes). */
  flush(): void {
    const items = this.queue;
    if (items.length === 0) return;
    this.queue = [];
    let outcomes: Array<{ ok: unknown } | { error: unknown }>;
    try {
      outcomes = this.batch(items);
    } catch (error) {
      // The COMMIT itself failed (disk full, I/O error): nothing of the batch is stored.
      for (const item of items) item.reject(error);
      return;
    }
    this.stats.batches++;
    this.stats.commands += items.length;
    this.stats.largest = Math.max(this.stats.largest, items.length);
    outcomes.forEach((outcome, i) => ('ok' in outcome ? items[i].resolve(outcome.ok) : items[i].reject(outcome.error)));
  }
}
