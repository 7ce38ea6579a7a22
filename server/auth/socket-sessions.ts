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
    // Screens that connected with the same credential get the same answer: each is asked once per
    // pass (a control room's 100 screens on one login cost one look-up, not 100 in a row, and a
    // logout elsewhere reaches them within the second).
    const answers = new Map<string, Promise<Actor | null>>();
    for (const socket of [...io.of('/').sockets.values()] as AuthedSocket[]) {
      if (!socket.connected) continue;
      const key = credentialKey(socket);
      let answer = answers.get(key);
      if (!answer) answers.set(key, (answer = authenticator.actorFor(socket.request).catch(() => null)));
      const now = await answer;
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

/** What the authenticator may read from a handshake: its cookie and key (and its other credentials, to be safe). */
function credentialKey(socket: AuthedSocket): string {
  const { headers, url } = socket.request;
  return JSON.stringify([headers.cookie ?? '', headers['x-api-key'] ?? '', headers.authorization ?? '', url ?? '']);
}
