import { DomainError } from '../../shared/domain/common';
import { categoryKey } from '../../shared/domain/category';
import { hasRole } from '../../shared/roles';
import {
  applyWorkOrderAction,
  isSeatAction,
  newWorkOrder,
  WORK_ORDER_EVENT_OF,
  workOrderActionSchema,
  workOrderIntakeSchema,
  type ReopenReason,
  type WorkOrder,
} from '../../shared/domain/work-order';
import { calendarOf, handlingDeadline } from '../../shared/sla';
import { addWorkingDays } from '../../shared/calendar/working-calendar';
import { toWgs84 } from '../geo/coords';
import type { Actor, CommandContext } from '../commands/context';
import { parseInput } from '../commands/validate';
import { changeVersioned, commitEvent } from '../commands/change';
import { checkClientTime } from '../commands/time-bounds';

/** Refuses photo ids the caller did not upload; absent where photos are not kept (no field storage). */
export type PhotoOwnership = (actor: Actor, ids: readonly string[]) => Promise<void>;

/**
 * Intake from any channel. (channel, externalId) is the idempotency key: a repeat returns the
 * stored order and appends nothing, so a channel may safely retry. Photos (order entry on the
 * board) must have been uploaded by the same person.
 */
export async function receiveWorkOrder(ctx: CommandContext, input: unknown, actor: Actor, ownPhotos?: PhotoOwnership) {
  const intake = parseInput(workOrderIntakeSchema, input);
  checkClientTime(ctx, intake.receivedAt, 'receivedAt', actor);
  const photos = intake.photos ?? [];
  if (photos.length) {
    // A repeat answers with the stored order before its photos are checked (they were, the first time).
    const existing = await ctx.store.findWorkOrderByExternalId(intake.channel, intake.externalId);
    if (existing) return { created: false, workOrder: existing };
    if (!ownPhotos) throw new DomainError('invalid', 'photos: this door takes no photos (attach them on the board)', { field: 'photos' });
    await ownPhotos(actor, photos);
  }

  const { coordSystem, ...place } = intake.location;
  const location = { ...place, ...toWgs84(place.lat, place.lng, coordSystem) };
  const now = ctx.clock.now();
  const received = newWorkOrder(ctx.ids.next('WO'), intake, location, now);
  const withPhotos: WorkOrder = photos.length ? { ...received, photos } : received;
  const workOrder: WorkOrder = actor.historical ? { ...withPhotos, replayed: true } : withPhotos;
  try {
    const event = await commitEvent(ctx, actor, now, [{ kind: 'workOrder', entity: workOrder, expectedVersion: null }], {
      type: 'workOrder.received',
      payload: { workOrder },
      entityType: 'workOrder',
      entityId: workOrder.id,
    });
    return { created: true, workOrder, event };
  } catch (error) {
    // Insert first, look up only on refusal: the (channel, external_id) unique index makes a repeat
    // fail its insert (the commit stores nothing, no event), whether it comes later or concurrently,
    // and the stored order is the answer. New orders, nearly all of them, skip the look-up.
    const winner = await ctx.store.findWorkOrderByExternalId(intake.channel, intake.externalId);
    if (winner) return { created: false, workOrder: winner };
    throw error;
  }
}

export async function actOnWorkOrder(ctx: CommandContext, id: string, input: unknown, actor: Actor): Promise<WorkOrder> {
  const command = parseInput(workOrderActionSchema, input);
  if (!hasRole(actor, 'lead') && !isSeatAction(command.action)) {
    throw new DomainError('forbidden', `action: ${command.action} needs the lead role`, { field: 'action' });
  }
  return changeVersioned(ctx, actor, {
    what: 'work order',
    id,
    expectedVersion: command.expectedVersion,
    load: () => ctx.store.getWorkOrder(id),
    apply(order, now) {
      const settings = ctx.settings();
      if (
        (command.action === 'dispatch' || command.action === 'reassign') &&
        settings.departments.length &&
        !settings.departments.includes(command.department)
      ) {
        throw new DomainError('invalid', `department: '${command.department}' is not in the department directory`, { field: 'department' });
      }
      const next = applyWorkOrderAction(
        order,
        command,
        now,
        () => handlingDeadline(now, order.priority, settings.handling, settings.timeZone, categoryKey(order.category)),
        // 延期 counts working days on the same calendar as the deadline itself.
        (from, days) => addWorkingDays(from, days, calendarOf(settings.handling), settings.timeZone),
      );
      const extra: {
        reason?: string;
        note?: string;
        wrongDispatch?: boolean;
        previousDispatchAt?: string;
        days?: number;
        report?: { channel: string; description: string; reporter: { name?: string; phone?: string } | null };
        reopen?: { reason: ReopenReason; from: 'handled' | 'called_back' };
      } = {};
      if ('reason' in command && command.reason) extra.reason = command.reason;
      if ('note' in command && command.note) extra.note = command.note;
      if ('result' in command && command.result) extra.note = command.result;
      if ('days' in command) extra.days = command.days;
      // The score needs to know whether a reassignment judged the previous dispatch wrong.
      if (command.action === 'reassign') {
        extra.wrongDispatch = command.wrongDispatch;
        // …and when that dispatch was made: a wrong dispatch counts in its own month.
        if (order.timestamps.dispatched) extra.previousDispatchAt = order.timestamps.dispatched;
      }
      // 返工: why, and the step it undid (the score withdraws the callback due on that 办结, and its 回访 if one was made).
      if (command.action === 'reopen') extra.reopen = { reason: command.reasonCode, from: order.state === 'called_back' ? 'called_back' : 'handled' };
      if (command.action === 'add-report') extra.report = { channel: command.channel, description: command.description, reporter: command.reporter ?? null };
      return {
        writes: [{ kind: 'workOrder', entity: next, expectedVersion: order.version }],
        event: { type: `workOrder.${WORK_ORDER_EVENT_OF[command.action]}`, payload: { workOrder: next, ...extra }, entityType: 'workOrder', entityId: id },
        result: next,
      };
    },
  });
}
