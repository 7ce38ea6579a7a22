import { Router } from 'express';
import { DomainError } from '../../shared/domain/common';
import type { CommandContext } from '../commands/context';
import { actOnIncident, openIncident } from './incident.commands';
import { actorOf, requireRole } from '../http/access';
import { route } from '../http/errors';

export function incidentRoutes(ctx: CommandContext): Router {
  const router = Router();
  router.post(
    '/incidents',
    requireRole('lead'),
    route(async (req) => openIncident(ctx, req.body, actorOf(req)), 201),
  );
  router.get(
    '/incidents/:id',
    requireRole('lead'),
    route(async (req) => {
      const incident = await ctx.store.getIncident(String(req.params.id));
      if (!incident) throw new DomainError('not_found', `incident ${String(req.params.id)} not found`, { field: 'id' });
      return incident;
    }),
  );
  router.post(
    '/incidents/:id/actions',
    requireRole('lead'),
    route(async (req) => actOnIncident(ctx, String(req.params.id), req.body, actorOf(req))),
  );
  return router;
}
