import { Router } from 'express';
import { DomainError } from '../../shared/domain/common';
import type { EntityType } from '../../shared/events';
import type { CommandContext } from '../commands/context';
import { requireRole } from '../http/access';
import { route } from '../http/errors';

/** Far more than any one order or incident collects; a bound so one request stays small. */
const TIMELINE_LIMIT = 500;

/**
 * `GET /api/incidents/:id/events`, `GET /api/work-orders/:id/events`: one item's events with actor
 * and time, oldest first (the dispatch board's timeline and its "what changed" on a conflict).
 * Lead and up: the payloads carry reporters' personal data.
 */
export function timelineRoutes(ctx: CommandContext): Router {
  const router = Router();
  const timeline = (entityType: EntityType, exists: (id: string) => Promise<unknown>) =>
    route(async (req) => {
      const id = String(req.params.id);
      if (!(await exists(id))) throw new DomainError('not_found', `${entityType} ${id} not found`, { field: 'id' });
      return { events: await ctx.store.eventsOf(entityType, id, TIMELINE_LIMIT) };
    });
  router.get('/incidents/:id/events', requireRole('lead'), timeline('incident', (id) => ctx.store.getIncident(id)));
  router.get('/work-orders/:id/events', requireRole('seat'), timeline('workOrder', (id) => ctx.store.getWorkOrder(id)));
  return router;
}
