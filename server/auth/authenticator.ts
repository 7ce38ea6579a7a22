import type { IncomingMessage } from 'node:http';
import type { Actor } from '../../shared/roles';

/**
 * Resolves who is calling, for HTTP requests and socket handshakes alike.
 * Returns null for an unknown caller (401). The routes and socket commands check the role.
 */
export interface Authenticator {
  actorFor(request: IncomingMessage): Promise<Actor | null>;
}

/** Development only: every caller is an administrator. Replaced by real sessions and keys. */
export const openAuthenticator: Authenticator = {
  async actorFor() {
    return { id: 'operator', role: 'admin' };
  },
};
