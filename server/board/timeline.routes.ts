import { Router } from 'express';
import { DomainError } from '../../shared/domain/common';
import type { EntityType } from '../../shared/events';
import type { CommandContext } from '../commands/context';
import type { Timeline } from '../../shared/realtime/routes';
import { restRoute } from '../http/rest-route';

/** Far more than any one order or incident collects; a bound so one request stays small. */
const TIMELINE_LIMIT = 500;

/**
 * `GET /api/incidents/:id/events`, `GET /api/work-orders/:id/events`: one item's events with actor
 * and time, oldest first (the dispatch board's timeline and its "what changed" on a conflict).
 * Lead and up: the payloads carry reporters' personal data.
 */
export function timelineRoutes(ctx: CommandContext): Router {
  const router = Router();
  const timeline = async (entityType: EntityType, id: string, exists: (id: string) => Promise<unknown>): Promise<Timeline> => {
    if (!(await exists(id))) throw new DomainError('not_found', `${entityType} ${id} not found`, { field: 'id' });
    return { events: await ctx.store.eventsOf(entityType, id, TIMELINE_LIMIT) };
  };
  restRoute(router, 'GET /api/incidents/:id/events', ({ params }) => timeline('incident', params.id, (id) => ctx.store.getIncident(id)));
  restRoute(router, 'GET /api/work-orders/:id/events', ({ params }) => timeline('workOrder', params.id, (id) => ctx.store.getWorkOrder(id)));
  return router;
}
