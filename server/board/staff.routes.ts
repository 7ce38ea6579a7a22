import { Router } from 'express';
import type { ResponderPosition } from '../../shared/domain/staff';
import type { CommandContext } from '../commands/context';
import { addStaff, reportPosition, setDuty } from './staff.commands';
import { restRoute } from '../http/rest-route';

export function staffRoutes(ctx: CommandContext, onPosition: (p: ResponderPosition) => void): Router {
  const router = Router();
  restRoute(router, 'GET /api/staff', () => ctx.store.listStaff());
  restRoute(router, 'POST /api/staff', ({ body, actor }) => addStaff(ctx, body, actor), 201);
  restRoute(router, 'POST /api/staff/:id/duty', ({ params, body, actor }) => setDuty(ctx, params.id, body, actor));
  restRoute(router, 'POST /api/responders/:id/position', ({ params, body }) => reportPosition(ctx, params.id, body, onPosition));
  return router;
}
