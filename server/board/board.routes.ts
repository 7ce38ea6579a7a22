import { Router } from 'express';
import { z } from 'zod';
import { redactSnapshot } from '../../shared/board/redact';
import type { Snapshot } from '../../shared/board/state';
import { startOfLocalDay } from '../../shared/time';
import { hasRole } from '../../shared/roles';
import type { CommandContext } from '../commands/context';
import { parseInput } from '../commands/validate';
import { actorOf, requireRole } from '../http/access';
import { route } from '../http/errors';

/** Open items plus today's closed ones (the Center's day), stamped with the seq and server time. */
export async function buildSnapshot(ctx: CommandContext, withPersonalData: boolean): Promise<Snapshot> {
  const now = ctx.clock.now();
  const body = await ctx.store.snapshot(startOfLocalDay(now, ctx.settings().timeZone));
  const snapshot = { ...body, serverTime: now.toISOString() };
  return withPersonalData ? snapshot : redactSnapshot(snapshot);
}

const eventsQuery = z.strictObject({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

/** `build` identifies the client build being served: screens reload themselves when it changes. */
export function boardRoutes(ctx: CommandContext, build: string | null = null): Router {
  const router = Router();
  router.get('/health', route(async () => ({ ok: true, seq: await ctx.store.lastSeq(), build })));
  router.get(
    '/snapshot',
    requireRole('wall'),
    route(async (req) => buildSnapshot(ctx, hasRole(actorOf(req), 'lead'))),
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
