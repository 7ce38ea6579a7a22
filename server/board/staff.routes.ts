import { Router } from 'express';
import type { ResponderPosition } from '../../shared/domain/staff';
import type { CommandContext } from '../commands/context';
import { addStaff, reportPosition, setDuty } from './staff.commands';
import { actorOf, requireRole } from '../http/access';
import { route } from '../http/errors';

export function staffRoutes(ctx: CommandContext, onPosition: (p: ResponderPosition) => void): Router {
  const router = Router();
  router.get('/staff', requireRole('wall'), route(async () => ctx.store.listStaff()));
  router.post('/staff', requireRole('manager'), route(async (req) => addStaff(ctx, req.body, actorOf(req)), 201));
  router.post('/staff/:id/duty', requireRole('lead'), route(async (req) => setDuty(ctx, String(req.params.id), req.body, actorOf(req))));
  router.post(
    '/responders/:id/position',
    requireRole('lead'),
    route(async (req) => reportPosition(ctx, String(req.params.id), req.body, onPosition)),
  );
  return router;
}
