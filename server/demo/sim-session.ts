import type { AuthService } from '../auth/auth-service';
import { SESSION_COOKIE } from '../auth/cookies';

const TEN_YEARS = 10 * 365 * 86_400_000;

/**
 * A long-lived manager session for a feed running inside the server's process (the demo feed,
 * a month fill): the sim files, dispatches, runs the roster and reports faults through it.
 * The cookie still goes over HTTP like any browser's.
 */
export async function simSessionCookie(auth: AuthService, actor = 'simulator'): Promise<string> {
  return `${SESSION_COOKIE}=${await auth.startSession(actor, 'manager', null, TEN_YEARS)}`;
}
