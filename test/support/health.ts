import { createServer } from 'node:net';
import type { Health } from '../../shared/realtime/routes';

/** A free port on loopback, so a server that is killed can come back on the same address. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Whether `url`'s /api/health answers 200 (and `accept` takes its answer) within `timeoutMs`:
 * asked every 25 ms until then.
 */
export async function answersHealth(url: string, timeoutMs: number, accept: (health: Health) => boolean = () => true): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok && accept((await res.json()) as Health)) return true;
    } catch {
      /* not up yet, or a proxy with no node to send it to */
    }
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
}
