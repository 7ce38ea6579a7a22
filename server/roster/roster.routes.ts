import { Router } from 'express';
import { z } from 'zod';
import { dayKeySchema } from '../../shared/coverage/staff-profile';
import { daysBetween } from '../../shared/coverage/team-headcount';
import { dayKey } from '../../shared/time';
import type { CommandContext } from '../commands/context';
import { parseInput } from '../commands/validate';
import { actorOf, requireRole } from '../http/access';
import { route } from '../http/errors';
import { coverageNow, rosterWeek, staffingReport } from './coverage.service';
import { fulfilReplacement, requestReplacement, saveProfile } from './profile.commands';
import { generateRotationShifts } from './rotation.commands';
import { ImportRefused, importSchedule } from './schedule-import';
import { createShift, deleteShift, editShift } from './shift.commands';

const weekQuery = z.strictObject({
  from: dayKeySchema.optional(),
  days: z.coerce.number().int().min(1).max(31).default(7),
});
const daysQuery = z
  .strictObject({ from: dayKeySchema, to: dayKeySchema })
  .refine((q) => q.from <= q.to, { message: 'must not be before from', path: ['to'] })
  .refine((q) => daysBetweenCount(q.from, q.to) <= 366, { message: 'at most 366 days', path: ['to'] });

function daysBetweenCount(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Roster and coverage: reads for the wall and the roster page, commands for leads and managers. */
export function rosterRoutes(ctx: CommandContext): Router {
  const router = Router();
  const id = (req: { params: Record<string, unknown> }) => String(req.params.id);

  router.get('/coverage/now', requireRole('wall'), route(async () => coverageNow(ctx)));
  router.get(
    '/coverage/days',
    requireRole('lead'),
    route(async (req) => {
      const q = parseInput(daysQuery, req.query);
      return staffingReport(ctx, daysBetween(q.from, daysBetweenCount(q.from, q.to)));
    }),
  );
  router.get(
    '/roster/week',
    requireRole('lead'),
    route(async (req) => {
      const q = parseInput(weekQuery, req.query);
      return rosterWeek(ctx, q.from ?? dayKey(ctx.clock.now(), ctx.settings().timeZone), q.days);
    }),
  );

  router.post('/shifts', requireRole('lead'), route(async (req) => createShift(ctx, req.body, actorOf(req)), 201));
  router.post('/shifts/:id/edit', requireRole('lead'), route(async (req) => editShift(ctx, id(req), req.body, actorOf(req))));
  router.post('/shifts/:id/delete', requireRole('lead'), route(async (req) => deleteShift(ctx, id(req), req.body, actorOf(req))));
  router.post('/roster/rotation', requireRole('lead'), route(async (req) => generateRotationShifts(ctx, req.body, actorOf(req)), 201));
  router.post(
    '/roster/import',
    requireRole('lead'),
    route(async (req, res) => {
      try {
        return await importSchedule(ctx, req.body, actorOf(req));
      } catch (error) {
        if (!(error instanceof ImportRefused)) throw error;
        res.status(422).json({ error: { code: 'invalid_rows', message: error.message, field: 'content', rows: error.rows } });
        return undefined;
      }
    }, 201),
  );

  router.post('/roster/profiles/:id', requireRole('manager'), route(async (req) => saveProfile(ctx, id(req), req.body, actorOf(req))));
  router.post(
    '/roster/profiles/:id/replacement-request',
    requireRole('manager'),
    route(async (req) => requestReplacement(ctx, id(req), req.body, actorOf(req))),
  );
  router.post(
    '/roster/profiles/:id/replacement-fulfilled',
    requireRole('manager'),
    route(async (req) => fulfilReplacement(ctx, id(req), req.body, actorOf(req))),
  );
  return router;
}

