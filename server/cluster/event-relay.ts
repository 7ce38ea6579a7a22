import type { EventEnvelope } from '../../shared/events';
import type { Store } from '../store/store';

export interface RelayOptions {
  store: Store;
  /** Hands one event to this node's sockets and score service; called once per seq, in seq order. */
  deliver(event: EventEnvelope): void;
  /** Tells the other nodes about a local commit (the Socket.IO adapter); absent on a single node. */
  announce?(event: EventEnvelope): void;
  /** How long a gap may wait for its event to be announced before the log is read (ms). */
  gapWaitMs?: number;
  /** Reads the log this often even without news: a lost announcement delays an event, never loses it. */
  pollMs?: number;
}

const PAGE = 500;

/**
 * Delivers every committed event to this node in `seq` order, exactly once, whichever node
 * committed it.
 *
 * Why not broadcast through the adapter and be done: two nodes committing at once send their
 * broadcasts along different paths, so a socket on node A could hear B's seq 11 before A's own
 * seq 10. Instead each node keeps `delivered`, the last seq it handed on, and a small waiting room
 * of events that arrived early (its own commits, and the ones other nodes announce over the
 * adapter). When the next seq is not in the room within `gapWaitMs`, it reads the log from the
 * database: because seq is gapless and in commit order (PgStore), a node that heard of seq N can
 * read every seq below it. A slow poll covers announcements that never came.
 *
 * On a single SQLite node the next seq is always the one just committed: delivery is immediate.
 */
export class EventRelay {
  private delivered: number | null = null;
  private readonly early = new Map<number, EventEnvelope>();
  private gapTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private closed = false;

  constructor(private readonly options: RelayOptions) {}

  /** The last seq this node delivered (null before `start`). */
  get head(): number | null {
    return this.delivered;
  }

  /** From here on events are delivered in order; before it (seeding) they go straight through. */
  async start(): Promise<void> {
    this.delivered = await this.options.store.lastSeq();
    for (const seq of [...this.early.keys()]) if (seq <= this.delivered) this.early.delete(seq);
    this.drain();
    const pollMs = this.options.pollMs ?? 1000;
    this.pollTimer = setInterval(() => void this.read(), pollMs);
    this.pollTimer.unref();
  }

  /** An event this node just committed. */
  committed(event: EventEnvelope): void {
    if (this.delivered === null) {
      this.options.deliver(event);
      return;
    }
    this.options.announce?.(event);
    this.arrived(event);
  }

  /** An event another node committed and announced. */
  heard(event: EventEnvelope): void {
    if (this.delivered === null) return;
    this.arrived(event);
  }

  stop(): void {
    this.closed = true;
    if (this.gapTimer) clearTimeout(this.gapTimer);
    if (this.pollTimer) clearInterval(this.pollTimer);
  }

  private arrived(event: EventEnvelope): void {
    if (event.seq <= this.delivered!) return;
    this.early.set(event.seq, event);
    this.drain();
  }

  private drain(): void {
    if (this.delivered === null) return;
    let next: EventEnvelope | undefined;
    while ((next = this.early.get(this.delivered + 1))) {
      this.early.delete(next.seq);
      this.delivered = next.seq;
      this.options.deliver(next);
    }
    if (this.early.size === 0) {
      if (this.gapTimer) clearTimeout(this.gapTimer);
      this.gapTimer = null;
    } else if (!this.gapTimer) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = null;
        void this.read();
      }, this.options.gapWaitMs ?? 30);
    }
  }

  /** Reads the log after `delivered` until it is caught up; one reader at a time. */
  private read(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    this.reading = (async () => {
      try {
        do {
          this.readAgain = false;
          for (;;) {
            if (this.closed || this.delivered === null) return;
            const page = await this.options.store.eventsAfter(this.delivered, PAGE);
            for (const event of page) this.arrived(event);
            if (page.length < PAGE) break;
          }
        } while (this.readAgain);
      } catch {
        // The database is away (failover, restart): the next poll tries again.
      } finally {
        this.reading = null;
      }
    })();
    return this.reading;
  }
}
