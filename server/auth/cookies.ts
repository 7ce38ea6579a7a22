import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'gridops_session';

/** Reads one cookie from a request (HTTP or the socket handshake alike). */
export function readCookie(request: IncomingMessage, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * HttpOnly: page scripts never see the token. SameSite=Strict: no other site can make the browser
 * send it (with requireJson, that closes cross-site request forgery). Secure when served over HTTPS.
 */
export function sessionCookieOptions(secure: boolean, maxAgeMs: number) {
  return { httpOnly: true, sameSite: 'strict' as const, secure, path: '/', maxAge: maxAgeMs };
}
