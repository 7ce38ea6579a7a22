import { Router } from 'express';
import { DomainError } from '../../shared/domain/common';
import type { CommandContext } from '../commands/context';
import { actOnWorkOrder, receiveWorkOrder, type PhotoOwnership } from './work-order.commands';
import { searchWorkOrders } from '../commands/work-order.search';
import { findDuplicates } from '../commands/work-order.duplicates';
import { actorOf, requireRole } from '../http/access';
import { route } from '../http/errors';
import { PreEncoded } from '../realtime/pre-encoded';
import { payloadFieldJson } from '../store/event-json';

export function workOrderRoutes(ctx: CommandContext, ownPhotos?: PhotoOwnership): Router {
  const router = Router();
  router.post(
    '/work-orders',
    requireRole('intake'),
    route(async (req, res) => {
      const received = await receiveWorkOrder(ctx, req.body, actorOf(req), ownPhotos);
      res.status(received.created ? 201 : 200);
      // A new order answers with the JSON its event was stored with: serialised once for the log, the reply and every socket.
      return received.event ? new PreEncoded(received.workOrder, payloadFieldJson(received.event, 'workOrder')) : received.workOrder;
    }),
  );
  router.get(
    '/work-orders',
    requireRole('seat'),
    route(async (req) => searchWorkOrders(ctx, req.query)),
  );
  router.get(
    '/work-orders/duplicates',
    requireRole('seat'),
    route(async (req) => findDuplicates(ctx, req.query)),
  );
  router.get(
    '/work-orders/:id',
    requireRole('seat'),
    route(async (req) => {
      const order = await ctx.store.getWorkOrder(String(req.params.id));
      if (!order) throw new DomainError('not_found', `work order ${String(req.params.id)} not found`, { field: 'id' });
      return order;
    }),
  );
  router.post(
    '/work-orders/:id/actions',
    requireRole('seat'),
    route(async (req) => actOnWorkOrder(ctx, String(req.params.id), req.body, actorOf(req))),
  );
  return router;
}
