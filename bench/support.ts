/** Small helpers shared by the benchmarks: percentiles and a fixed-width report line. */
import http from 'node:http';
import { loadavg } from 'node:os';

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The 1-, 5- and 15-minute load averages, printed beside every figure (the machine is shared). */
export function loadAverage(): string {
  return `load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
}

export function report(label: string, value: number, unit: string) {
  console.log(`${label.padEnd(60)} ${value.toFixed(value >= 100 ? 0 : 2).padStart(10)} ${unit.padEnd(9)} ${loadAverage()}`);
}

/** Benchmarks measure the pipeline, not logins: every caller is an administrator. */
export const benchAuthenticator = { actorFor: () => Promise.resolve({ id: 'bench', role: 'admin' as const }) };

/**
 * Posts work-order bodies to `/api/work-orders` on loopback with `inFlight` requests open at once,
 * over node:http with keep-alive (a lighter client than fetch, so the server is what is measured).
 * Returns `send(bodies)`, which resolves when every body was answered 201, and `close()`.
 */
export function orderPoster(port: number, inFlight: number, headers: Record<string, string> = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
  const post = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/work-orders',
          method: 'POST',
          agent,
          headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new Error(`intake failed: ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const send = async (bodies: string[]) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < bodies.length) await post(bodies[next++]);
      }),
    );
  };
  return { send, post, close: () => agent.destroy() };
}
