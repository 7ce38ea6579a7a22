import { Router } from 'express';
import { hasRole } from '../../shared/roles';
import { closeMonthSchema, monthParamSchema, reopenMonthSchema, scoreForWall } from '../../shared/scoring';
import { restRoute } from '../http/rest-route';
import { parseInput } from '../commands/validate';
import type { ScoreCommands } from './score.commands';
import type { ScoreService } from './score.service';
import { whatIfView } from './what-if.service';

/**
 * Score API. Reading the score is open to every screen (the wall shows it too); the Center's
 * judgments and manual deductions need a manager; quality checks and faults a shift lead.
 */

export function scoreRoutes(scores: ScoreService, commands: ScoreCommands): Router {
  const router = Router();

  restRoute(router, 'GET /api/score', async ({ query, actor }) => {
    const score = await scores.score(query.month);
    // The wall is a public screen: numbers, but no names and no typed reasons.
    return hasRole(actor, 'lead') ? score : scoreForWall(score);
  });
  // The next mistake's cost, headroom and month-end range: numbers only, so the wall reads it too.
  restRoute(router, 'GET /api/score/what-if', ({ query }) => whatIfView(scores, query.month));
  // Month close: a manager closes a provisional month, or reopens a closed one with the reason on record.
  restRoute(router, 'POST /api/score/:month/close', ({ params, body, actor }) => {
    const month = parseInput(monthParamSchema, params.month);
    parseInput(closeMonthSchema, body ?? {});
    return scores.closeMonth(month, actor.id);
  });
  restRoute(router, 'POST /api/score/:month/reopen', ({ params, body, actor }) => {
    const month = parseInput(monthParamSchema, params.month);
    const { reason } = parseInput(reopenMonthSchema, body);
    return scores.reopenMonth(month, reason, actor.id);
  });

  restRoute(router, 'POST /api/work-orders/:id/quality-check', ({ params, body, actor }) => commands.checkQuality(params.id, body, actor), 201);
  restRoute(router, 'POST /api/work-orders/:id/judge-dispatch', ({ params, body, actor }) => commands.judgeDispatch(params.id, body, actor));
  restRoute(router, 'POST /api/evaluator-reports/:id/verify', ({ params, body, actor }) => commands.verifyReport(params.id, body, actor), 201);

  restRoute(router, 'GET /api/equipment-faults', async () => (await scores.ready, [...scores.faults.values()]));
  restRoute(router, 'POST /api/equipment-faults', ({ body, actor }) => commands.reportFault(body, actor), 201);
  restRoute(router, 'POST /api/equipment-faults/:id/repair', ({ params, body, actor }) => commands.repairFault(params.id, body, actor));

  // Each deduction as it stands, with every revision entered (oldest first) for the page's history.
  restRoute(router, 'GET /api/score/deductions', async () => {
    await scores.ready;
    return [...scores.deductions.values()].map((d) => ({ ...d, history: scores.deductionHistory.get(d.id) ?? [d] }));
  });
  restRoute(router, 'POST /api/score/deductions', ({ body, actor }) => commands.enterDeduction(body, actor), 201);
  restRoute(router, 'POST /api/score/deductions/:id/revise', ({ params, body, actor }) => commands.reviseDeduction(params.id, body, actor));
  return router;
}
