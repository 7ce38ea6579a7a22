import { Router } from 'express';
import { daysBetween } from '../../shared/coverage/team-headcount';
import { dayKey } from '../../shared/time';
import type { CommandContext } from '../commands/context';
import type { ApiError } from '../../shared/realtime/protocol';
import { daysBetweenCount } from '../../shared/realtime/routes';
import { restRoute, SENT } from '../http/rest-route';
import { coverageNow, rosterWeek, staffingReport } from './coverage.service';
import { fulfilReplacement, requestReplacement, saveProfile } from './profile.commands';
import { generateRotationShifts } from './rotation.commands';
import { ImportRefused, importSchedule } from './schedule-import';
import { createShift, deleteShift, editShift } from './shift.commands';

/** Roster and coverage: reads for the wall and the roster page, commands for leads and managers. */
export function rosterRoutes(ctx: CommandContext): Router {
  const router = Router();

  restRoute(router, 'GET /api/coverage/now', () => coverageNow(ctx));
  restRoute(router, 'GET /api/coverage/days', ({ query }) => staffingReport(ctx, daysBetween(query.from, daysBetweenCount(query.from, query.to))));
  restRoute(router, 'GET /api/roster/week', ({ query }) => rosterWeek(ctx, query.from ?? dayKey(ctx.clock.now(), ctx.settings().timeZone), query.days));

  restRoute(router, 'POST /api/shifts', ({ body, actor }) => createShift(ctx, body, actor), 201);
  restRoute(router, 'POST /api/shifts/:id/edit', ({ params, body, actor }) => editShift(ctx, params.id, body, actor));
  restRoute(router, 'POST /api/shifts/:id/delete', ({ params, body, actor }) => deleteShift(ctx, params.id, body, actor));
  restRoute(router, 'POST /api/roster/rotation', ({ body, actor }) => generateRotationShifts(ctx, body, actor), 201);
  restRoute(
    router,
    'POST /api/roster/import',
    async ({ body, actor, res }) => {
      try {
        return await importSchedule(ctx, body, actor);
      } catch (error) {
        if (!(error instanceof ImportRefused)) throw error;
        const refusal: { error: ApiError } = { error: { code: 'invalid_rows', message: error.message, field: 'content', rows: error.rows } };
        res.status(422).json(refusal);
        return SENT;
      }
    },
    201,
  );

  restRoute(router, 'POST /api/roster/profiles/:id', ({ params, body, actor }) => saveProfile(ctx, params.id, body, actor));
  restRoute(router, 'POST /api/roster/profiles/:id/replacement-request', ({ params, body, actor }) => requestReplacement(ctx, params.id, body, actor));
  restRoute(router, 'POST /api/roster/profiles/:id/replacement-fulfilled', ({ params, body, actor }) => fulfilReplacement(ctx, params.id, body, actor));
  return router;
}
