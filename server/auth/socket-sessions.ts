import type { DefaultEventsMap, Server, Socket } from 'socket.io';
import type { Actor } from '../../shared/roles';
import type { Authenticator } from './authenticator';

/** How often open sockets are re-checked when nothing told us a credential ended (expiry, another node). */
export const SESSION_SWEEP_MS = 15_000;

export interface SocketSessions {
  /** Re-checks every open socket now; resolves with how many were disconnected. */
  sweep(): Promise<number>;
  stop(): void;
}

type AuthedSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, { actor: Actor }>;

/**
 * A socket lives no longer than the credential it connected with. Each socket kept its handshake
 * request (cookie or X-Api-Key); re-asking the authenticator with it answers "still valid, with
 * the same actor and role?" for every case at once: logout, expiry (the authenticator reads the
 * injected clock), a disabled user, a revoked API key or kiosk token, a changed role. A refused
 * socket is disconnected by the server; its reconnect is refused at the handshake by the same check.
 *
 * Re-checks run at once when the authenticator reports a revocation, and on a slow sweep
 * otherwise (the only way to notice an expiry, or a logout handled by another server process).
 */
export function enforceSocketSessions(
  io: Server<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, { actor: Actor }>,
  authenticator: Authenticator,
  sweepMs = SESSION_SWEEP_MS,
): SocketSessions {
  let running: Promise<number> | null = null;
  let again = false;

  async function checkAll(): Promise<number> {
    let dropped = 0;
    for (const socket of [...io.of('/').sockets.values()] as AuthedSocket[]) {
      if (!socket.connected) continue;
      const now = await authenticator.actorFor(socket.request).catch(() => null);
      const was = socket.data.actor;
      if (now && was && now.id === was.id && now.role === was.role) continue;
      socket.disconnect(true);
      dropped++;
    }
    return dropped;
  }

  /** One pass at a time; a revocation during a pass queues exactly one more. */
  function sweep(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = checkAll().finally(() => {
      running = null;
      if (again) {
        again = false;
        void sweep();
      }
    });
    return running;
  }

  const unsubscribe = authenticator.onRevoke?.(() => void sweep());
  const timer = setInterval(() => void sweep(), sweepMs);
  timer.unref();
  return {
    sweep,
    stop() {
      clearInterval(timer);
      unsubscribe?.();
    },
  };
}
