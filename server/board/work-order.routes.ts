import { Router } from 'express';
import { DomainError } from '../../shared/domain/common';
import type { CommandContext } from '../commands/context';
import { actOnWorkOrder, receiveWorkOrder, type PhotoOwnership } from './work-order.commands';
import { searchWorkOrders } from '../commands/work-order.search';
import { findDuplicates } from '../commands/work-order.duplicates';
import { restRoute } from '../http/rest-route';
import { PreEncoded } from '../realtime/pre-encoded';
import { payloadFieldJson } from '../store/event-json';

export function workOrderRoutes(ctx: CommandContext, ownPhotos?: PhotoOwnership): Router {
  const router = Router();
  restRoute(router, 'POST /api/work-orders', async ({ body, actor, res }) => {
    const received = await receiveWorkOrder(ctx, body, actor, ownPhotos);
    res.status(received.created ? 201 : 200);
    // A new order answers with the JSON its event was stored with: serialised once for the log, the reply and every socket.
    return received.event ? new PreEncoded(received.workOrder, payloadFieldJson(received.event, 'workOrder')) : received.workOrder;
  });
  restRoute(router, 'GET /api/work-orders', ({ req }) => searchWorkOrders(ctx, req.query));
  restRoute(router, 'GET /api/work-orders/duplicates', ({ req }) => findDuplicates(ctx, req.query));
  restRoute(router, 'GET /api/work-orders/:id', async ({ params }) => {
    const order = await ctx.store.getWorkOrder(params.id);
    if (!order) throw new DomainError('not_found', `work order ${params.id} not found`, { field: 'id' });
    return order;
  });
  restRoute(router, 'POST /api/work-orders/:id/actions', ({ params, body, actor }) => actOnWorkOrder(ctx, params.id, body, actor));
  return router;
}
