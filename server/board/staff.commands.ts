import { DomainError } from '../../shared/domain/common';
import { dutySchema, positionInputSchema, staffCreateSchema, type ResponderPosition, type Staff } from '../../shared/domain/staff';
import { toWgs84 } from '../geo/coords';
import type { Actor, CommandContext } from '../commands/context';
import { checkClientTime } from '../commands/time-bounds';
import { parseInput } from '../commands/validate';
import { changeVersioned, commitEvent } from '../commands/change';

export async function addStaff(ctx: CommandContext, input: unknown, actor: Actor): Promise<Staff> {
  const data = parseInput(staffCreateSchema, input);
  const now = ctx.clock.now().toISOString();
  const staff: Staff = {
    id: data.id ?? ctx.ids.next(data.post.toUpperCase().slice(0, 3)),
    name: data.name,
    post: data.post,
    onDuty: data.onDuty ?? false,
    active: true,
    updatedAt: now,
    version: 1,
  };
  await commitEvent(ctx, actor, now, [{ kind: 'staff', entity: staff, expectedVersion: null }], {
    type: 'staff.added',
    payload: { staff },
    entityType: 'staff',
    entityId: staff.id,
  });
  return staff;
}

/** Clock-in / clock-out. */
export async function setDuty(ctx: CommandContext, id: string, input: unknown, actor: Actor): Promise<Staff> {
  const data = parseInput(dutySchema, input);
  return changeVersioned<Staff, Staff>(ctx, actor, {
    what: 'staff',
    id,
    expectedVersion: data.expectedVersion,
    load: () => ctx.store.getStaff(id),
    apply(current, now) {
      if (current.onDuty === data.onDuty) return { unchanged: current };
      const staff: Staff = { ...current, onDuty: data.onDuty, updatedAt: now.toISOString(), version: current.version + 1 };
      return {
        writes: [{ kind: 'staff', entity: staff, expectedVersion: current.version }],
        event: { type: 'staff.dutyChanged', payload: { staff }, entityType: 'staff', entityId: id },
        result: staff,
      };
    },
  });
}

/**
 * A responder's position report (telemetry). Stored as the latest position, not as an event:
 * at 1 Hz per responder it would drown the log; what matters for the contract (the position at
 * dispatch) is copied into the incident's dispatch event.
 */
export async function reportPosition(
  ctx: CommandContext,
  responderId: string,
  input: unknown,
  onPosition: (p: ResponderPosition) => void,
): Promise<ResponderPosition> {
  const data = parseInput(positionInputSchema, input);
  checkClientTime(ctx, data.at, 'at');
  const responder = await ctx.store.getStaff(responderId);
  if (!responder || responder.post !== 'responder') {
    throw new DomainError('not_found', `responder ${responderId} not found`, { field: 'id' });
  }
  const at = (data.at ? new Date(data.at) : ctx.clock.now()).toISOString();
  const previous = await ctx.store.getPosition(responderId);
  if (previous && previous.at > at) return previous; // an older fix arriving late changes nothing
  const position: ResponderPosition = { responderId, ...toWgs84(data.lat, data.lng, data.coordSystem), at };
  await ctx.store.setPosition(position);
  onPosition(position);
  return position;
}
