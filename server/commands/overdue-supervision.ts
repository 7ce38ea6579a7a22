import { DomainError } from '../../shared/domain/common';
import { applyWorkOrderAction } from '../../shared/domain/work-order';
import type { CommandContext } from './context';

/** Who the log names for supervision nobody typed: the deadline passed. */
export const SYSTEM_ACTOR = 'system';

/**
 * 督办 without a person: every order past its limit (the handling deadline, or 受理→立单 for one still
 * received) gets the supervision flag once, as an ordinary `workOrder.supervised` event with
 * `automatic: true`. A lead acting on the same order at that moment wins; the next sweep retries.
 * Returns how many orders it flagged.
 */
export async function superviseOverdue(ctx: CommandContext): Promise<number> {
  const now = ctx.clock.now();
  const limit = ctx.settings().handling.fileWithinMinutes * 60_000;
  const overdue = await ctx.store.listOverdueUnsupervised(now.toISOString(), new Date(now.getTime() - limit).toISOString());
  let flagged = 0;
  for (const order of overdue) {
    const note = order.state === 'received' ? '受理超时未立单，自动督办' : '超过处置时限，自动督办';
    const next = applyWorkOrderAction(order, { action: 'supervise', expectedVersion: order.version, note }, now, () => now);
    try {
      const event = await ctx.store.commit([{ kind: 'workOrder', entity: next, expectedVersion: order.version }], {
        type: 'workOrder.supervised',
        payload: { workOrder: next, note, automatic: true },
        entityType: 'workOrder',
        entityId: order.id,
        actor: SYSTEM_ACTOR,
        at: now.toISOString(),
      });
      ctx.publish(event);
      flagged++;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'stale_version')) throw error;
    }
  }
  return flagged;
}

/** Sweeps once a minute (and at start); the returned function stops it. */
export function startOverdueSupervision(ctx: CommandContext, everyMs = 60_000, onError: (error: unknown) => void = () => {}): () => void {
  const sweep = () => superviseOverdue(ctx).catch(onError);
  const timer = setInterval(() => void sweep(), everyMs);
  timer.unref();
  void sweep();
  return () => clearInterval(timer);
}
