import type { EventEnvelope } from '../../shared/events';
import type { ContractSettings } from '../../shared/settings';
import { hasRole } from '../../shared/roles';
import { scoreForWall, withoutCauses, type MonthScore } from '../../shared/scoring';
import type { CommandContext } from '../commands/context';
import type { GridIo } from '../realtime/socket-server';
import { scoreCommands } from './score.commands';
import { scoreRoutes } from './score.routes';
import { ScoreService } from './score.service';
import { staffingFactsForMonth } from '../roster/staffing-facts';

/** Score rooms: people (lead and up) get who and why; the wall's public screen gets the numbers only. */
const SCORE_FULL = 'score:full';
const SCORE_WALL = 'score:wall';

/**
 * Wires the score into the app: the service folds every published event, pushes `score` to every
 * screen allowed to see it (redacted for the wall role), and records month closes and reopens
 * as `score.monthClosed` / `score.monthReopened` events.
 */
export function attachScore(ctx: CommandContext, io: () => GridIo | undefined, baseSettings: ContractSettings, checkpointEvery?: number) {
  // Rooms are joined on connection (the actor is set by the realtime layer's auth middleware);
  // an intake key's socket joins neither: it only creates work orders.
  io()?.on('connection', (socket) => {
    const actor = socket.data.actor;
    if (hasRole(actor, 'lead')) void socket.join(SCORE_FULL);
    else if (hasRole(actor, 'wall')) void socket.join(SCORE_WALL);
  });
  const service = new ScoreService({
    store: ctx.store,
    clock: ctx.clock,
    baseSettings,
    staffingFacts: (month, asOf, settings) => staffingFactsForMonth(ctx.store, settings, month, asOf),
    includeReplayed: () => ctx.settings().scoreReplayedOrders,
    checkpointEvery,
    push: (score: MonthScore) => {
      const pushed = withoutCauses(score);
      // `local`: each node folds the whole event stream and pushes to its own screens.
      io()?.local.to(SCORE_FULL).emit('score', pushed);
      io()?.local.to(SCORE_WALL).emit('score', scoreForWall(pushed));
    },
    commitClose: async (score, revision, auto, actor) => {
      const event = await ctx.store.commit([], {
        type: 'score.monthClosed',
        payload: { score, revision, auto },
        entityType: 'score',
        entityId: score.month,
        actor,
        at: ctx.clock.now().toISOString(),
      });
      ctx.publish(event);
      return event;
    },
    commitReopen: async (month, revision, reason, actor) => {
      const event = await ctx.store.commit([], {
        type: 'score.monthReopened',
        payload: { month, revision, reason },
        entityType: 'score',
        entityId: month,
        actor,
        at: ctx.clock.now().toISOString(),
      });
      ctx.publish(event);
      return event;
    },
  });
  return {
    service,
    routes: scoreRoutes(service, scoreCommands(ctx, service)),
    onEvent: (event: EventEnvelope) => service.onEvent(event),
  };
}
