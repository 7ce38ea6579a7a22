import { Router } from 'express';
import { calendarDays } from '../../shared/planning/seat-demand';
import { calendarOf } from '../../shared/sla';
import { dayKey } from '../../shared/time';
import type { CommandContext } from '../commands/context';
import { restRoute } from '../http/rest-route';
import { seatDemandForecast } from './seat-demand.service';

/** Planning reads for leads and managers: what the coming days will ask of the seats. */
export function planningRoutes(ctx: CommandContext): Router {
  const router = Router();
  restRoute(router, 'GET /api/planning/seat-demand', ({ query }) => {
    const settings = ctx.settings();
    const from = query.from ?? dayKey(ctx.clock.now(), settings.timeZone);
    // Holidays and 调休 make-up days as the deadlines count them (the package plus the settings' overrides).
    const calendar = calendarDays(calendarOf(settings.handling));
    return seatDemandForecast(ctx, from, query.days, { serviceLevel: query.serviceLevel, answerSeconds: query.answerSeconds }, calendar);
  });
  return router;
}
