import { DomainError } from '../../shared/domain/common';
import { dutySchema, positionInputSchema, staffCreateSchema, type ResponderPosition, type Staff } from '../../shared/domain/staff';
import { toWgs84 } from '../geo/coords';
import type { Actor, CommandContext } from './context';
import { checkClientTime } from './time-bounds';
import { parseInput } from './validate';

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
  const event = await ctx.store.commit([{ kind: 'staff', entity: staff, expectedVersion: null }], {
    type: 'staff.added',
    payload: { staff },
    entityType: 'staff',
    entityId: staff.id,
    actor: actor.id,
    at: now,
  });
  ctx.publish(event);
  return staff;
}

/** Clock-in / clock-out. */
export async function setDuty(ctx: CommandContext, id: string, input: unknown, actor: Actor): Promise<Staff> {
  const data = parseInput(dutySchema, input);
  const current = await ctx.store.getStaff(id);
  if (!current) throw new DomainError('not_found', `staff ${id} not found`, { field: 'id' });
  if (data.expectedVersion !== undefined && data.expectedVersion !== current.version) {
    throw new DomainError('stale_version', `staff ${id} is at version ${current.version}`, {
      field: 'expectedVersion',
      currentVersion: current.version,
    });
  }
  if (current.onDuty === data.onDuty) return current;
  const now = ctx.clock.now().toISOString();
  const staff: Staff = { ...current, onDuty: data.onDuty, updatedAt: now, version: current.version + 1 };
  const event = await ctx.store.commit([{ kind: 'staff', entity: staff, expectedVersion: current.version }], {
    type: 'staff.dutyChanged',
    payload: { staff },
    entityType: 'staff',
    entityId: id,
    actor: actor.id,
    at: now,
  });
  ctx.publish(event);
  return staff;
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
