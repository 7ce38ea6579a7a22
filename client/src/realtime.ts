import { io, type Socket } from 'socket.io-client';
import { BoardSync } from '../../shared/realtime/board-sync';
import type { CommandInput, CommandName, CommandResult } from '../../shared/realtime/commands';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime/protocol';
import type { EventEnvelope } from '../../shared/events';
import type { MonthScore } from '../../shared/scoring/types';
import { entitiesRaw, useBoardStore } from './stores/board.store';

/**
 * The one module that binds socket listeners. It folds board events into the board store and
 * passes every event to the listeners other stores register (score, coverage, …).
 */
type Listener = (event: EventEnvelope) => void;
const SNAPSHOT_REFRESH_MS = 60 * 60 * 1000;
const listeners = new Set<Listener>();
let socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;

export function onEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The server pushes the month-to-date score (without causes) within a second of a change. */
type ScoreListener = (score: MonthScore) => void;
const scoreListeners = new Set<ScoreListener>();
export function onScore(listener: ScoreListener): () => void {
  scoreListeners.add(listener);
  return () => scoreListeners.delete(listener);
}

/**
 * The server ended this socket on purpose (session logged out elsewhere, user disabled, key
 * revoked). The session store decides what follows: the login page, or a new connection.
 */
const serverDisconnectListeners = new Set<() => void>();
export function onServerDisconnect(listener: () => void): () => void {
  serverDisconnectListeners.add(listener);
  return () => serverDisconnectListeners.delete(listener);
}

export function getSocket() {
  if (!socket) throw new Error('realtime not started');
  return socket;
}

/**
 * Sends a socket command and resolves with its ack (a result union). Name, body and result are
 * the command table's (shared/realtime/commands.ts): a misspelled name or a wrong body does not compile.
 */
export function send<K extends CommandName>(name: K, body: CommandInput<K>): Promise<Ack<CommandResult<K>>> {
  return new Promise((resolve) => (getSocket() as CommandEmitter).emit(name, body, resolve));
}

/** socket.io's typed `emit` cannot follow a generic event name; this is the same call, typed per command. */
interface CommandEmitter {
  emit<K extends CommandName>(name: K, body: CommandInput<K>, ack: (result: Ack<CommandResult<K>>) => void): unknown;
}

export function startRealtime(): void {
  if (socket) return;
  const board = useBoardStore();
  socket = io({ transports: ['websocket'], reconnectionDelay: 500, reconnectionDelayMax: 5000 });
  const sync = new BoardSync(socket, {
    state: entitiesRaw(board.state),
    later: (fn, ms) => setTimeout(fn, ms),
    onStatus: (status) => {
      board.status = status;
      board.clockOffsetMs = sync.clockOffsetMs;
      if (status === 'live') board.lastLiveAt = Date.now();
      board.tick();
    },
    onEvent: (event) => {
      board.lastEvent = event;
      for (const listener of listeners) listener(event);
    },
  });
  socket.on('score', (score) => {
    for (const listener of scoreListeners) listener(score);
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') for (const listener of serverDisconnectListeners) listener();
  });
  watchForNewBuild(socket);
  // Yesterday's closed items leave the board with the next snapshot (no memory growth on a kiosk).
  setInterval(() => sync.refreshSnapshot(), SNAPSHOT_REFRESH_MS);
  setInterval(() => {
    board.tick();
    if (board.status === 'live') board.lastLiveAt = Date.now();
  }, 1000);
}

/**
 * A kiosk runs for weeks: after a deploy (the server restarts, the socket reconnects) it reloads
 * itself when the served client build differs from the one it is running.
 */
function watchForNewBuild(s: NonNullable<typeof socket>) {
  let running: string | null | undefined;
  s.on('connect', async () => {
    try {
      const { build } = (await (await fetch('/api/health')).json()) as { build: string | null };
      if (running === undefined) running = build;
      else if (build && build !== running) location.reload();
    } catch {
      /* the next reconnect checks again */
    }
  });
}
