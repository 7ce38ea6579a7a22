import type pg from 'pg';

/** What one command stages inside its savepoint: the events to append, in order. */
export interface StagedEvent {
  type: string;
  entityType: string;
  entityId: string;
  /** The payload as JSON text, exactly as it is stored. */
  payloadText: string;
  actor: string;
  at: string;
  /** Written with a placeholder seq inside the savepoint (so a repeat fails there), fixed at the end. */
  idempotencyKey?: string;
}

interface Pending {
  /** The command's writes on `client`; returns its events. Runs inside a savepoint of its own. */
  stage(client: pg.ClientBase): Promise<StagedEvent[]>;
  resolve(seqs: number[]): void;
  reject(error: unknown): void;
  /** Batches this command was in (a deadlock sends it to the next one). */
  attempts: number;
}

/** The seq an idempotency key holds until its batch has seqs (never committed: fixed before COMMIT). */
export const PLACEHOLDER_SEQ = 0;
/** A batch longer than this waits for the next one: the head lock is held while its events are inserted. */
const MAX_BATCH = 400;
/** Deadlock between two nodes' batches (rows updated in opposite orders): the loser tries again. */
const DEADLOCK = '40P01';
const MAX_ATTEMPTS = 3;

/**
 * Group commit on PostgreSQL. While one batch transaction is in flight, the commands that ask to
 * commit wait, and go together into the next one, each in its own SAVEPOINT: a command that fails
 * (stale version, an id or idempotency key already taken) rolls back alone and never poisons the
 * batch. After the savepoints, the batch takes the `event_head` row lock ONCE, bumps it by the
 * number of events, inserts them all in one statement and commits. Every caller is answered only
 * after the COMMIT holding its work.
 *
 * Seq stays gapless and in commit order across nodes: a batch holds the head lock from taking its
 * numbers to its COMMIT, as a single command did before, so another node's batch gets the numbers
 * after it. Taking the lock last keeps it held for three statements, not for the whole batch.
 */
export class PgGroupCommitter {
  private queue: Pending[] = [];
  private running = false;
  /** Batches committed and commands in them, for benchmarks and diagnostics. */
  readonly stats = { batches: 0, commands: 0, largest: 0 };

  constructor(private readonly pool: pg.Pool) {}

  /** Runs `stage` in the next batch transaction; resolves with its events' seqs after the COMMIT. */
  commit(stage: (client: pg.ClientBase) => Promise<StagedEvent[]>): Promise<number[]> {
    return new Promise<number[]>((resolve, reject) => {
      this.queue.push({ stage, resolve, reject, attempts: 0 });
      // Commands arriving in the same turn of the event loop share the first batch too.
      if (!this.running && this.queue.length === 1) setImmediate(() => void this.run());
    });
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const items = this.queue.splice(0, MAX_BATCH);
        const retry = await this.batch(items);
        // Deadlock losers go first into the next batch: they asked before everything still queued.
        if (retry.length) this.queue.unshift(...retry);
      }
    } finally {
      this.running = false;
    }
  }

  /** One transaction for `items`; returns the ones to try again. */
  private async batch(items: Pending[]): Promise<Pending[]> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      for (const item of items) item.reject(error);
      return [];
    }
    const staged: Array<{ item: Pending; events: StagedEvent[] }> = [];
    const refused: Array<{ item: Pending; error: unknown }> = [];
    const retry: Pending[] = [];
    let failed = false;
    try {
      // One savepoint, named `command`, open at any time: released and taken again in one round trip
      // between two commands; the last one is simply committed with the transaction.
      await client.query('BEGIN; SAVEPOINT command');
      for (const [i, item] of items.entries()) {
        item.attempts++;
        try {
          const events = await item.stage(client);
          if (i < items.length - 1) await client.query('RELEASE SAVEPOINT command; SAVEPOINT command');
          staged.push({ item, events });
        } catch (error) {
          // Undoes this command's writes and releases the row locks it took; the savepoint stays
          // for the next command. If even that fails, the connection is gone: the catch below
          // fails the whole batch.
          await client.query('ROLLBACK TO SAVEPOINT command');
          if ((error as { code?: string }).code === DEADLOCK && item.attempts < MAX_ATTEMPTS) retry.push(item);
          else refused.push({ item, error });
        }
      }
      const seqs = await appendEvents(
        client,
        staged.flatMap((s) => s.events),
      );
      await client.query('COMMIT');
      this.stats.batches++;
      this.stats.commands += staged.length;
      this.stats.largest = Math.max(this.stats.largest, staged.length);
      let next = 0;
      for (const { item, events } of staged) {
        item.resolve(seqs.slice(next, next + events.length));
        next += events.length;
      }
      for (const { item, error } of refused) item.reject(error);
    } catch (error) {
      // The transaction (or the connection) failed as a whole: nothing of the batch is stored.
      failed = true;
      await client.query('ROLLBACK').catch(() => {});
      for (const item of items) item.reject(error);
      return [];
    } finally {
      // After a failed batch the connection may be half dead: the pool drops it and opens another.
      client.release(failed);
    }
    return retry;
  }
}

/**
 * The batch's events: the head lock once, one multi-row insert, and the idempotency keys' real
 * seqs. Returns the seqs in the order of `events`.
 */
async function appendEvents(client: pg.ClientBase, events: StagedEvent[]): Promise<number[]> {
  if (events.length === 0) return [];
  const { rows } = await client.query<{ seq: number }>({
    name: 'gridops_head_bump',
    text: 'UPDATE event_head SET seq = seq + $1 WHERE id = 1 RETURNING seq',
    values: [events.length],
  });
  const first = rows[0].seq - events.length + 1;
  const seqs = events.map((_, i) => first + i);
  await client.query({
    name: 'gridops_events_append',
    text:
      'INSERT INTO events (seq, type, entity_type, entity_id, payload, actor, at) ' +
      'SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::json[], $6::text[], $7::text[])',
    values: [
      seqs,
      events.map((e) => e.type),
      events.map((e) => e.entityType),
      events.map((e) => e.entityId),
      events.map((e) => e.payloadText),
      events.map((e) => e.actor),
      events.map((e) => e.at),
    ],
  });
  const keyed = events.flatMap((e, i) => (e.idempotencyKey === undefined ? [] : [{ actor: e.actor, key: e.idempotencyKey, seq: seqs[i] }]));
  if (keyed.length) {
    await client.query({
      name: 'gridops_idempotency_seqs',
      text:
        'UPDATE idempotency_keys k SET seq = v.seq FROM unnest($1::text[], $2::text[], $3::bigint[]) AS v(actor, key, seq) ' +
        'WHERE k.actor = v.actor AND k.key = v.key',
      values: [keyed.map((k) => k.actor), keyed.map((k) => k.key), keyed.map((k) => k.seq)],
    });
  }
  return seqs;
}
