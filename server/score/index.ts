import type { EventEnvelope } from '../../shared/events';
import type { ContractSettings } from '../../shared/settings';
import { withoutCauses, type MonthScore } from '../../shared/scoring';
import type { CommandContext } from '../commands/context';
import type { GridIo } from '../realtime/socket-server';
import { scoreCommands } from './score.commands';
import { scoreRoutes } from './score.routes';
import { ScoreService } from './score.service';
import { staffingFactsForMonth } from '../roster/staffing-facts';

/**
 * Wires the score into the app: the service folds every published event, pushes `score` to every
 * connected screen, and freezes closed months as `score.monthClosed` events.
 */
export function attachScore(ctx: CommandContext, io: () => GridIo | undefined, baseSettings: ContractSettings) {
  const service = new ScoreService({
    store: ctx.store,
    clock: ctx.clock,
    baseSettings,
    staffingFacts: (month, asOf, settings) => staffingFactsForMonth(ctx.store, settings, month, asOf),
    push: (score: MonthScore) => io()?.emit('score', withoutCauses(score)),
    freeze: async (score, recomputed) => {
      const event = await ctx.store.commit([], {
        type: 'score.monthClosed',
        payload: { score, recomputed },
        entityType: 'score',
        entityId: score.month,
        actor: 'system',
        at: ctx.clock.now().toISOString(),
      });
      ctx.publish(event);
    },
  });
  return {
    service,
    routes: scoreRoutes(service, scoreCommands(ctx, service)),
    onEvent: (event: EventEnvelope) => service.onEvent(event),
  };
}
