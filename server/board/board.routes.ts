import { Router } from 'express';
import { z } from 'zod';
import { seesPersonalData } from '../../shared/roles';
import type { CommandContext } from '../commands/context';
import { parseInput } from '../commands/validate';
import { actorOf, requireRole } from '../http/access';
import { route } from '../http/errors';
import type { Realtime } from '../realtime/socket-server';

const eventsQuery = z.strictObject({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

/** `build` identifies the client build being served: screens reload themselves when it changes. */
export function boardRoutes(ctx: CommandContext, realtime: Pick<Realtime, 'snapshots' | 'limits'>, build: string | null = null): Router {
  const router = Router();
  router.get('/health', route(async () => ({ ok: true, seq: await ctx.store.lastSeq(), build })));
  router.get(
    '/snapshot',
    requireRole('wall'),
    route(async (req, res) => {
      const actor = actorOf(req);
      await realtime.limits.consume(actor.id, null);
      // The cached JSON, as the sockets get it: one build per seq however many ask.
      const snapshot = await realtime.snapshots.get(seesPersonalData(actor));
      // end(), not send(): send() would hash megabytes for an ETag no client can use (serverTime
      // differs per request), blocking the event loop for ~100 ms at 50,000 orders.
      res.set('Cache-Control', 'no-store').type('application/json').end(snapshot.json);
    }),
  );
  router.get(
    '/events',
    requireRole('lead'),
    route(async (req) => {
      const { after, limit } = parseInput(eventsQuery, req.query);
      return { events: await ctx.store.eventsAfter(after, limit) };
    }),
  );
  return router;
}
