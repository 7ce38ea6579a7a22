import { Router } from 'express';
import { DomainError } from '../../shared/domain/common';
import type { CommandContext } from '../commands/context';
import { actOnIncident, openIncident } from './incident.commands';
import { restRoute } from '../http/rest-route';

export function incidentRoutes(ctx: CommandContext): Router {
  const router = Router();
  restRoute(router, 'POST /api/incidents', ({ body, actor }) => openIncident(ctx, body, actor), 201);
  restRoute(router, 'GET /api/incidents/:id', async ({ params }) => {
    const incident = await ctx.store.getIncident(params.id);
    if (!incident) throw new DomainError('not_found', `incident ${params.id} not found`, { field: 'id' });
    return incident;
  });
  restRoute(router, 'POST /api/incidents/:id/actions', ({ params, body, actor }) => actOnIncident(ctx, params.id, body, actor));
  return router;
}
