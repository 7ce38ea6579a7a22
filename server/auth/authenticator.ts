import type { IncomingMessage } from 'node:http';
import type { Actor } from '../../shared/roles';

/**
 * Resolves who is calling, for HTTP requests and socket handshakes alike.
 * Returns null for an unknown caller (401). The routes and socket commands check the role.
 * The real one is AuthService (sessions and API keys, server/auth/auth-service.ts).
 */
export interface Authenticator {
  actorFor(request: IncomingMessage): Promise<Actor | null>;
  /** Tells when a session, user or key has just stopped being valid (open sockets are re-checked). */
  onRevoke?(listener: () => void): () => void;
}

/** The default when no auth is configured: nobody gets in, rather than everybody. */
export const denyAllAuthenticator: Authenticator = {
  actorFor() {
    return Promise.resolve(null);
  },
};
