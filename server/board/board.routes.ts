import { Router } from 'express';
import { seesPersonalData } from '../../shared/roles';
import type { CommandContext } from '../commands/context';
import { restRoute, SENT } from '../http/rest-route';
import type { Realtime } from '../realtime/socket-server';

/**
 * `build` identifies the client build being served: screens reload themselves when it changes.
 * `node`: which node answered (GRIDOPS_NODE_ID), so whoever stands behind the proxy can tell.
 */
export function boardRoutes(
  ctx: CommandContext,
  realtime: Pick<Realtime, 'snapshots' | 'limits'>,
  served: { build: string | null; node: string | null } = { build: null, node: null },
): Router {
  const router = Router();
  restRoute(router, 'GET /api/health', async () => ({ ok: true, seq: await ctx.store.lastSeq(), ...served }));
  restRoute(router, 'GET /api/snapshot', async ({ actor, res }) => {
    await realtime.limits.consume(actor.id, null);
    // The cached JSON, as the sockets get it: one build per seq however many ask.
    const snapshot = await realtime.snapshots.get(seesPersonalData(actor));
    // end(), not send(): send() would hash megabytes for an ETag no client can use (serverTime
    // differs per request), blocking the event loop for ~100 ms at 50,000 orders.
    res.set('Cache-Control', 'no-store').type('application/json').end(snapshot.json);
    return SENT;
  });
  restRoute(router, 'GET /api/events', async ({ query }) => ({ events: await ctx.store.eventsAfter(query.after, query.limit) }));
  return router;
}
