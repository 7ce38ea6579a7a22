import { Router } from 'express';
import { z } from 'zod';
import { hasRole } from '../../shared/roles';
import { closeMonthSchema, monthParamSchema, reopenMonthSchema, scoreForWall } from '../../shared/scoring';
import { actorOf, requireRole } from '../http/access';
import { route } from '../http/errors';
import { parseInput } from '../commands/validate';
import type { ScoreCommands } from './score.commands';
import type { ScoreService } from './score.service';
import { whatIfView } from './what-if.service';

const whatIfQuery = z.strictObject({ month: monthParamSchema.optional() });

/**
 * Score API. Reading the score is open to every screen (the wall shows it too); the Center's
 * judgments and manual deductions need a manager; quality checks and faults a shift lead.
 */

export function scoreRoutes(scores: ScoreService, commands: ScoreCommands): Router {
  const router = Router();
  const id = (value: unknown) => String(value);

  router.get(
    '/score',
    requireRole('wall'),
    route(async (req) => {
      const month = req.query.month === undefined ? undefined : parseInput(monthParamSchema, req.query.month);
      const score = await scores.score(month);
      // The wall is a public screen: numbers, but no names and no typed reasons.
      return hasRole(actorOf(req), 'lead') ? score : scoreForWall(score);
    }),
  );
  // The next mistake's cost, headroom and month-end range: numbers only, so the wall reads it too.
  router.get(
    '/score/what-if',
    requireRole('wall'),
    route(async (req) => whatIfView(scores, parseInput(whatIfQuery, req.query).month)),
  );
  // Month close: a manager closes a provisional month, or reopens a closed one with the reason on record.
  router.post(
    '/score/:month/close',
    requireRole('manager'),
    route(async (req) => {
      const month = parseInput(monthParamSchema, req.params.month);
      parseInput(closeMonthSchema, req.body ?? {});
      return scores.closeMonth(month, actorOf(req).id);
    }),
  );
  router.post(
    '/score/:month/reopen',
    requireRole('manager'),
    route(async (req) => {
      const month = parseInput(monthParamSchema, req.params.month);
      const { reason } = parseInput(reopenMonthSchema, req.body);
      return scores.reopenMonth(month, reason, actorOf(req).id);
    }),
  );

  router.post(
    '/work-orders/:id/quality-check',
    requireRole('lead'),
    route(async (req) => commands.checkQuality(id(req.params.id), req.body, actorOf(req)), 201),
  );
  router.post(
    '/work-orders/:id/judge-dispatch',
    requireRole('manager'),
    route(async (req) => commands.judgeDispatch(id(req.params.id), req.body, actorOf(req))),
  );
  router.post(
    '/evaluator-reports/:id/verify',
    requireRole('manager'),
    route(async (req) => commands.verifyReport(id(req.params.id), req.body, actorOf(req)), 201),
  );

  router.get('/equipment-faults', requireRole('lead'), route(async () => (await scores.ready, [...scores.faults.values()])));
  router.post('/equipment-faults', requireRole('lead'), route(async (req) => commands.reportFault(req.body, actorOf(req)), 201));
  router.post(
    '/equipment-faults/:id/repair',
    requireRole('lead'),
    route(async (req) => commands.repairFault(id(req.params.id), req.body, actorOf(req))),
  );

  // Each deduction as it stands, with every revision entered (oldest first) for the page's history.
  router.get(
    '/score/deductions',
    requireRole('manager'),
    route(async () => {
      await scores.ready;
      return [...scores.deductions.values()].map((d) => ({ ...d, history: scores.deductionHistory.get(d.id) ?? [d] }));
    }),
  );
  router.post('/score/deductions', requireRole('manager'), route(async (req) => commands.enterDeduction(req.body, actorOf(req)), 201));
  router.post(
    '/score/deductions/:id/revise',
    requireRole('manager'),
    route(async (req) => commands.reviseDeduction(id(req.params.id), req.body, actorOf(req))),
  );
  return router;
}
