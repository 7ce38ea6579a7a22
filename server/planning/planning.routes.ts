import { Router } from 'express';
import { z } from 'zod';
import { dayKeySchema } from '../../shared/coverage/staff-profile';
import { calendarDays, DEFAULT_SERVICE_TARGET } from '../../shared/planning/seat-demand';
import { calendarOf } from '../../shared/sla';
import { dayKey } from '../../shared/time';
import type { CommandContext } from '../commands/context';
import { parseInput } from '../commands/validate';
import { requireRole } from '../http/access';
import { route } from '../http/errors';
import { seatDemandForecast } from './seat-demand.service';

const seatDemandQuery = z.strictObject({
  from: dayKeySchema.optional(),
  days: z.coerce.number().int().min(1).max(14).default(7),
  serviceLevel: z.coerce.number().gt(0).lt(1).default(DEFAULT_SERVICE_TARGET.serviceLevel),
  answerSeconds: z.coerce.number().int().min(0).max(600).default(DEFAULT_SERVICE_TARGET.answerSeconds),
});

/** Planning reads for leads and managers: what the coming days will ask of the seats. */
export function planningRoutes(ctx: CommandContext): Router {
  const router = Router();
  router.get(
    '/planning/seat-demand',
    requireRole('lead'),
    route(async (req) => {
      const q = parseInput(seatDemandQuery, req.query);
      const settings = ctx.settings();
      const from = q.from ?? dayKey(ctx.clock.now(), settings.timeZone);
      // Holidays and 调休 make-up days as the deadlines count them (the package plus the settings' overrides).
      const calendar = calendarDays(calendarOf(settings.handling));
      return seatDemandForecast(ctx, from, q.days, { serviceLevel: q.serviceLevel, answerSeconds: q.answerSeconds }, calendar);
    }),
  );
  return router;
}
