import { applyEvent, emptyState, stateFromSnapshot, type BoardState } from '../board/state';
import type { ResponderPosition } from '../domain/staff';
import type { EventEnvelope } from '../events';
import type { Ack, SyncResult } from './protocol';

/** The part of a socket.io client socket that the sync needs (kept minimal so shared/ has no I/O). */
export interface SyncSocket {
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'disconnect', listener: (reason: string) => void): unknown;
  connect(): unknown;
  on(event: 'event', listener: (event: EventEnvelope) => void): unknown;
  on(event: 'events', listener: (events: EventEnvelope[]) => void): unknown;
  on(event: 'positions', listener: (batch: ResponderPosition[]) => void): unknown;
  emit(event: 'sync', request: { lastSeq: number | null }, ack: (result: Ack<SyncResult>) => void): unknown;
}

/**
 * `catchingUp`: connected, but the server refused to resync for now (asked too often, or its
 * database failing over): the board is as stale as when disconnected, and says which it is.
 */
export type SyncStatus = 'connecting' | 'live' | 'catchingUp' | 'reconnecting';

export interface BoardSyncOptions {
  /** The state to fold into; pass a reactive object to drive a UI. */
  state?: BoardState;
  now?: () => number;
  onStatus?: (status: SyncStatus) => void;
  onEvent?: (event: EventEnvelope) => void;
  /** Called after a resync replaced or caught up the state. */
  onResync?: (kind: SyncResult['kind']) => void;
  /** Runs `fn` after `ms` (the host's setTimeout: shared/ has no timers of its own). */
  later: (fn: () => void, ms: number) => unknown;
}

/**
 * Keeps a BoardState equal to the server's at some seq.
 * On every (re)connect it asks for the events after its last seq (or a snapshot the first time);
 * live events are applied in order, duplicates dropped, and a gap triggers the same resync.
 * Events that arrive while a resync is in flight wait in a buffer and are applied after it.
 */
/** How soon a refused sync is asked again. */
const RESYNC_RETRY_MS = 1000;

export class BoardSync {
  readonly state: BoardState;
  status: SyncStatus = 'connecting';
  /** serverTime − local time, in ms, measured on the last sync (for countdowns). */
  clockOffsetMs = 0;
  /** Local time of the last moment the state was known live (for "stale since"). */
  lastLiveAt: number | null = null;
  private hasSnapshot = false;
  private syncing = false;
  /** Bumped on every disconnect: a sync answer from an earlier connection is ignored. */
  private generation = 0;
  private buffer: EventEnvelope[] = [];
  private readonly now: () => number;

  constructor(
    private readonly socket: SyncSocket,
    private readonly options: BoardSyncOptions,
  ) {
    this.state = options.state ?? emptyState();
    this.now = options.now ?? (() => Date.now());
    socket.on('connect', () => this.resync());
    socket.on('disconnect', (reason) => {
      // A sync in flight on a dead connection is never answered: forget it, or the next connect's
      // resync would think one is still running and the screen would stay stale for good.
      this.syncing = false;
      this.generation++;
      this.lastLiveAt = this.now();
      this.setStatus('reconnecting');
      // socket.io does not retry after a server-side disconnect; a wall screen must.
      if (reason === 'io server disconnect') options.later(() => socket.connect(), 1000);
    });
    socket.on('event', (event) => this.receive(event));
    socket.on('events', (events) => {
      for (const event of events) this.receive(event);
    });
    socket.on('positions', (batch) => {
      for (const p of batch) this.state.positions[p.responderId] = p;
    });
  }

  private setStatus(status: SyncStatus) {
    this.status = status;
    this.options.onStatus?.(status);
  }

  private receive(event: EventEnvelope) {
    if (this.syncing || !this.hasSnapshot) {
      this.buffer.push(event);
      return;
    }
    if (event.seq <= this.state.seq) return;
    if (event.seq !== this.state.seq + 1) {
      this.buffer.push(event);
      this.resync();
      return;
    }
    applyEvent(this.state, event);
    this.options.onEvent?.(event);
  }

  /** Asks the server for what this client missed; safe to call at any time. */
  resync() {
    if (this.syncing) return;
    this.syncing = true;
    const sentAt = this.now();
    const generation = this.generation;
    this.socket.emit('sync', { lastSeq: this.hasSnapshot ? this.state.seq : null }, (result) => {
      if (generation !== this.generation) return; // answered after its connection was given up
      this.syncing = false;
      if (!result.ok) {
        // Still connected: not 'reconnecting' (a wall read 连接中断 while its socket was fine).
        if (this.status === 'live') this.lastLiveAt = this.now();
        this.setStatus('catchingUp');
        // Refused for asking too often (the server protects its other screens): ask again when told;
        // any other refusal (its database failing over) is asked again shortly.
        const retryMs = result.error.code === 'rate_limited' ? (result.error.retryAfterMs ?? 5000) : RESYNC_RETRY_MS;
        this.options.later(() => this.resync(), retryMs);
        return;
      }
      const data = result.data;
      const serverTime = data.kind === 'snapshot' ? data.snapshot.serverTime : data.serverTime;
      this.clockOffsetMs = Date.parse(serverTime) - (sentAt + this.now()) / 2;
      if (data.kind === 'snapshot') {
        replaceState(this.state, stateFromSnapshot(data.snapshot));
        this.hasSnapshot = true;
      } else {
        for (const event of data.events) this.apply(event);
      }
      this.options.onResync?.(data.kind);
      const pending = this.buffer.sort((a, b) => a.seq - b.seq);
      this.buffer = [];
      this.setStatus('live');
      for (const event of pending) this.receive(event);
    });
  }

  /**
   * Replaces the state with a fresh snapshot. A screen that runs for weeks calls this now and then:
   * the snapshot holds only open items and today's closed ones, so memory stays bounded.
   */
  refreshSnapshot() {
    if (this.syncing || !this.hasSnapshot) return;
    this.hasSnapshot = false;
    this.resync();
  }

  private apply(event: EventEnvelope) {
    if (applyEvent(this.state, event)) this.options.onEvent?.(event);
  }

  /** Server time now, corrected by the offset measured at the last sync. */
  serverNow(): number {
    return this.now() + this.clockOffsetMs;
  }
}

function replaceState(target: BoardState, source: BoardState) {
  target.seq = source.seq;
  target.workOrders = source.workOrders;
  target.incidents = source.incidents;
  target.staff = source.staff;
  target.positions = source.positions;
}
