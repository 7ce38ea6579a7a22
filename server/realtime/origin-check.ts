import type { IncomingMessage } from 'node:http';

/**
 * Socket.IO handshakes from a browser carry an Origin; one from another site is refused, so a page
 * elsewhere cannot ride a logged-in browser's cookie onto the board (cross-site WebSocket
 * hijacking). Same origin (the Host the request was sent to) and the origins listed in
 * GRIDOPS_ALLOWED_ORIGINS pass. No Origin at all is a non-browser client (the simulator, a test,
 * a machine with an API key): it still has to authenticate.
 */
export function originAllowed(request: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  const forwarded = request.headers['x-forwarded-host'];
  const hosts = [request.headers.host, ...(typeof forwarded === 'string' ? forwarded.split(',').map((h) => h.trim()) : [])];
  return hosts.includes(host);
}
