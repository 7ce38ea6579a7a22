import type { ServerOptions } from 'socket.io';
import type { EventEnvelope } from '../../shared/events';
import type { Authenticator } from '../auth/authenticator';
import type { Realtime } from '../realtime/socket-server';
import type { EventRelay } from './event-relay';

/** What nodes tell each other over the Socket.IO adapter (`io.serverSideEmit`). */
export interface InterNodeEvents {
  /** A node committed this event: the others deliver it in seq order without reading the log. */
  committed(event: EventEnvelope): void;
  /** A session or key ended on some node: every node re-checks its sockets now. */
  credentialsRevoked(): void;
}

export interface ClusterOptions {
  /** This node's name (GRIDOPS_NODE_ID), in logs and /api/health. */
  nodeId: string;
  /** The Socket.IO adapter that links the nodes' sockets (Redis: server/cluster/redis-adapter.ts). */
  adapter: NonNullable<ServerOptions['adapter']>;
}

/**
 * Links this node to the others: events other nodes committed go to the relay, and a logout,
 * disabled user or revoked key on any node makes every node re-check its sockets at once (the
 * sessions live in the database, so the re-check sees the change).
 */
export function joinCluster(realtime: Realtime, relay: EventRelay, authenticator: Authenticator): void {
  const io = realtime.io;
  io.on('committed', (event) => relay.heard(event));
  io.on('credentialsRevoked', () => void realtime.sweepSessions());
  authenticator.onRevoke?.(() => io.serverSideEmit('credentialsRevoked'));
}
