import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { redactEvent } from '../../shared/board/redact';
import type { ResponderPosition } from '../../shared/domain/staff';
import type { EventEnvelope } from '../../shared/events';
import { SOCKET_COMMANDS, type CommandName, type CommandResult } from '../../shared/realtime/commands';
import { MAX_RESUME_EVENTS, type Ack, type ClientToServerEvents, type ServerToClientEvents, type SyncResult } from '../../shared/realtime/protocol';
import { hasRole, seesPersonalData, type Actor, type Role } from '../../shared/roles';
import type { Authenticator } from '../auth/authenticator';
import { enforceSocketSessions } from '../auth/socket-sessions';
import { originAllowed } from './origin-check';
import { PreEncoded, sharedJsonParser } from './pre-encoded';
import { eventJson } from '../store/event-json';
import { ResumeReads } from './resume-reads';
import { SendQueue } from './send-queue';
import { SnapshotCache } from './snapshot-cache';
import { SyncLimits, type SyncLimitOptions } from './sync-limits';
import type { Snapshot } from '../../shared/board/state';
import { HttpError, toApiError } from '../http/errors';
import type { CommandContext } from '../commands/context';
import type { InterNodeEvents } from '../cluster/inter-node';
import { actOnIncident, openIncident } from '../board/incident.commands';
import { actOnWorkOrder, receiveWorkOrder } from '../board/work-order.commands';

export type GridIo = Server<ClientToServerEvents, ServerToClientEvents, InterNodeEvents, { actor: Actor }>;
export type GridSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterNodeEvents, { actor: Actor }>;

/** Rooms by what a role may see: 'full' includes reporters' personal data, 'redacted' does not. */
const FULL = 'board:full';
const REDACTED = 'board:redacted';
const POSITION_TICK_MS = 250;

export interface Realtime {
  io: GridIo;
  /** One snapshot build per seq, shared by sockets and GET /api/snapshot. */
  snapshots: SnapshotCache;
  limits: SyncLimits;
  /** Sends a committed event to every room, in commit order. */
  publish(event: EventEnvelope): void;
  /** Queues a position for the next coalesced tick. */
  queuePosition(position: ResponderPosition): void;
  /** Disconnects sockets whose session or key is no longer valid (also runs by itself). */
  sweepSessions(): Promise<number>;
  close(): Promise<void>;
}

/**
 * One wrapper for every socket command: checks the role, runs, and acks a result union.
 * A refused or failed command acks an error and broadcasts nothing.
 */
function command<T>(socket: GridSocket, role: Role, run: (body: unknown, actor: Actor) => Promise<T>) {
  return async (body: unknown, ack: (result: Ack<T>) => void) => {
    if (typeof ack !== 'function') return;
    try {
      const actor = socket.data.actor;
      if (!hasRole(actor, role)) throw new HttpError(403, 'forbidden', `needs the ${role} role`);
      ack({ ok: true, data: await run(body, actor) });
    } catch (error) {
      ack({ ok: false, error: toApiError(error).body });
    }
  };
}

/**
 * Binds one socket command: its role and result type come from the command table
 * (shared/realtime/commands.ts); `run` checks the body with the table's schema.
 */
export function onCommand<K extends CommandName>(socket: GridSocket, name: K, run: (body: unknown, actor: Actor) => Promise<CommandResult<K>>): void {
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- command() catches every error and answers by the ack
  (socket as CommandListener).on(name, command(socket, SOCKET_COMMANDS[name].role, run));
}

/** socket.io's typed `on` cannot follow a generic event name; this is the same call, typed per command. */
interface CommandListener {
  on<K extends CommandName>(name: K, listener: (body: unknown, ack: (result: Ack<CommandResult<K>>) => void) => void): unknown;
}

const idOf = (body: unknown) => {
  const id = (body as { id?: unknown })?.id;
  if (typeof id !== 'string' || id.length === 0) throw new HttpError(400, 'invalid', 'id: required', 'id');
  return id;
};
const withoutId = (body: unknown) => {
  const { id: _id, ...rest } = body as Record<string, unknown>;
  return rest;
};

export interface RealtimeOptions {
  /** Browser origins besides the server's own that may open a socket. */
  allowedOrigins?: readonly string[];
  syncLimits?: SyncLimitOptions;
  /** The Socket.IO adapter that links several nodes (server/cluster); default in-memory. */
  adapter?: ServerOptions['adapter'];
}

export function attachRealtime(httpServer: HttpServer, ctx: CommandContext, authenticator: Authenticator, options: RealtimeOptions = {}): Realtime {
  const allowedOrigins = options.allowedOrigins ?? [];
  const snapshots = new SnapshotCache(ctx);
  const resumes = new ResumeReads((after) => ctx.store.eventsAfter(after, MAX_RESUME_EVENTS));
  const limits = new SyncLimits(options.syncLimits);
  const sends = new SendQueue();
  const io: GridIo = new Server(httpServer, {
    parser: sharedJsonParser,
    serveClient: false,
    maxHttpBufferSize: 256 * 1024,
    ...(options.adapter ? { adapter: options.adapter } : {}),
    allowRequest: (request, callback) => {
      const ok = originAllowed(request, allowedOrigins);
      callback(ok ? null : 'origin not allowed', ok);
    },
  });

  io.use((socket, next) => {
    authenticator.actorFor(socket.request).then((actor) => {
      if (!actor) return next(new Error('unauthenticated'));
      socket.data.actor = actor;
      next();
    }, next);
  });

  const sessions = enforceSocketSessions(io, authenticator);

  io.on('connection', (socket: GridSocket) => {
    const withPersonalData = seesPersonalData(socket.data.actor);
    // Join before any snapshot is read, so no event committed in between can be missed.
    // An intake key sees nothing of the board: it may only create work orders.
    if (hasRole(socket.data.actor, 'wall')) void socket.join(withPersonalData ? FULL : REDACTED);

    // Not the command() wrapper: a resync is rate-limited, and its (large) answer waits its turn in
    // the send queue, so no client's resyncs can delay another client's events.
    socket.on('sync', async (request, ack) => {
      if (typeof ack !== 'function') return;
      try {
        if (!hasRole(socket.data.actor, 'wall')) throw new HttpError(403, 'forbidden', 'needs the wall role');
        await limits.consume(socket.data.actor.id, socket.id);
        const result = await syncResult(request);
        await sends.push(
          () => ack({ ok: true, data: result }),
          (done) => {
            socket.conn.once('drain', done);
            socket.once('disconnect', done);
            return () => {
              socket.conn.off('drain', done);
              socket.off('disconnect', done);
            };
          },
        );
      } catch (error) {
        ack({ ok: false, error: toApiError(error).body });
      }
    });
    socket.on('disconnect', () => limits.forgetSocket(socket.id));

    const syncResult = async (request: unknown): Promise<SyncResult> => {
      const lastSeq = (request as { lastSeq?: unknown })?.lastSeq;
      if (typeof lastSeq === 'number' && Number.isInteger(lastSeq) && lastSeq >= 0) {
        const head = await ctx.store.lastSeq();
        if (lastSeq <= head && head - lastSeq <= MAX_RESUME_EVENTS) {
          // Shared with the screens resuming from the same seq, and sent as JSON made once (as the snapshot).
          const page = await resumes.get(lastSeq);
          return {
            kind: 'events',
            events: (withPersonalData ? page.full() : page.redacted()) as unknown as EventEnvelope[],
            serverTime: ctx.clock.now().toISOString(),
          };
        }
      }
      // Sent as its cached JSON by the shared-JSON encoder; anything else sees the plain snapshot.
      return { kind: 'snapshot', snapshot: (await snapshots.get(withPersonalData)) as unknown as Snapshot };
    };
    onCommand(socket, 'workOrder:create', async (body, actor) => (await receiveWorkOrder(ctx, body, actor)).workOrder);
    onCommand(socket, 'workOrder:act', (body, actor) => actOnWorkOrder(ctx, idOf(body), withoutId(body), actor));
    onCommand(socket, 'incident:create', (body, actor) => openIncident(ctx, body, actor));
    onCommand(socket, 'incident:act', (body, actor) => actOnIncident(ctx, idOf(body), withoutId(body), actor));
  });

  const pendingPositions = new Map<string, ResponderPosition>();
  const ticker = setInterval(() => {
    if (pendingPositions.size === 0) return;
    const batch = [...pendingPositions.values()];
    pendingPositions.clear();
    // volatile: a client that misses a tick gets the next position anyway. Not `local`: with
    // several nodes the adapter carries the tick to the sockets of every node.
    io.volatile.emit('positions', batch);
  }, POSITION_TICK_MS);
  ticker.unref();

  /**
   * The events published in one turn of the event loop (a group commit's batch resolves its
   * commands together; several heard from other nodes arrive together) go to each screen as one
   * packet, `events`, and a lone one as `event`: a batch of 40 was 40 frames and 40 socket writes
   * per screen. `local`: every node's relay delivers every event to its own sockets
   * (cluster/event-relay.ts). One encode per batch per role, none for a role with no screen open
   * here: the full room gets the JSON the store wrote (spliced in by the shared-JSON parser), the
   * redacted room its own.
   */
  const published: EventEnvelope[] = [];
  function sendPublished() {
    const batch = published.splice(0);
    const rooms = io.of('/').adapter.rooms;
    if (rooms.get(FULL)?.size) {
      // The parser sends a PreEncoded as its JSON; the typed emit cannot say so (as with the snapshot).
      if (batch.length === 1) io.local.to(FULL).emit('event', new PreEncoded(batch[0], eventJson(batch[0])) as unknown as EventEnvelope);
      else io.local.to(FULL).emit('events', new PreEncoded(batch, `[${batch.map(eventJson).join(',')}]`) as unknown as EventEnvelope[]);
    }
    if (rooms.get(REDACTED)?.size) {
      if (batch.length === 1) io.local.to(REDACTED).emit('event', redactEvent(batch[0]));
      else io.local.to(REDACTED).emit('events', batch.map(redactEvent));
    }
  }

  return {
    io,
    snapshots,
    limits,
    publish(event) {
      published.push(event);
      if (published.length === 1) setImmediate(sendPublished);
    },
    queuePosition(position) {
      pendingPositions.set(position.responderId, position);
    },
    sweepSessions: () => sessions.sweep(),
    async close() {
      clearInterval(ticker);
      sessions.stop();
      // No disconnectSockets(): a client told "server disconnect" would not reconnect by itself,
      // and after a restart or deploy every screen must come back on its own.
      await new Promise<void>((resolve) => void io.close(() => resolve()));
    },
  };
}
