import { DomainError } from '../../shared/domain/common';
import { shiftCreateSchema, shiftDeleteSchema, shiftEditSchema, type Shift, type ShiftSource } from '../../shared/coverage/shift';
import type { Actor, CommandContext } from '../commands/context';
import { parseInput } from '../commands/validate';
import { assertVersion, commitEvent, mustExist, toNewEvent, type EventDraft } from '../commands/change';

/** Stored instants are UTC ISO strings so that the store can compare them as text. */
export const toUtcIso = (iso: string) => new Date(iso).toISOString();

function shiftDraft(type: 'shift.created' | 'shift.edited' | 'shift.deleted', shift: Shift): EventDraft {
  return { type, payload: { shift }, entityType: 'shift', entityId: shift.id };
}

async function assertStaff(ctx: CommandContext, staffId: string) {
  const staff = await ctx.store.getStaff(staffId);
  if (!staff) throw new DomainError('not_found', `staff ${staffId} not found`, { field: 'staffId' });
  if (!staff.active) throw new DomainError('invalid', `staffId: ${staffId} is not active`, { field: 'staffId' });
}

/** A person cannot be on two shifts at once; the second one is refused naming the first. */
async function assertNoOverlap(ctx: CommandContext, staffId: string, start: string, end: string, exceptId?: string) {
  const clash = (await ctx.store.listShifts(start, end, staffId)).find((s) => s.id !== exceptId);
  if (clash) {
    throw new DomainError('conflict', `${staffId} already has shift ${clash.id} (${clash.start} – ${clash.end})`, { field: 'start' });
  }
}

/** A roster is planned up to a year ahead and corrected up to two months back. */
const SHIFT_AHEAD_MS = 366 * 86_400_000;
const SHIFT_BACK_MS = 62 * 86_400_000;

function checkShiftTime(ctx: CommandContext, iso: string | undefined, field: 'start' | 'end') {
  if (iso === undefined) return;
  const at = Date.parse(iso);
  const now = ctx.clock.now().getTime();
  if (at > now + SHIFT_AHEAD_MS) throw new DomainError('invalid', `${field}: more than a year ahead`, { field });
  if (at < now - SHIFT_BACK_MS) throw new DomainError('invalid', `${field}: more than 62 days ago`, { field });
}

export async function createShift(ctx: CommandContext, input: unknown, actor: Actor, source: ShiftSource = 'manual'): Promise<Shift> {
  const data = parseInput(shiftCreateSchema, input);
  checkShiftTime(ctx, data.start, 'start');
  checkShiftTime(ctx, data.end, 'end');
  const start = toUtcIso(data.start);
  const end = toUtcIso(data.end);
  await assertStaff(ctx, data.staffId);
  await assertNoOverlap(ctx, data.staffId, start, end);
  const now = ctx.clock.now().toISOString();
  const shift: Shift = { id: ctx.ids.next('SH'), staffId: data.staffId, start, end, source, updatedAt: now, version: 1 };
  await commitEvent(ctx, actor, now, [{ kind: 'shift', entity: shift, expectedVersion: null }], shiftDraft('shift.created', shift));
  return shift;
}

async function existing(ctx: CommandContext, id: string, expectedVersion: number): Promise<Shift> {
  const shift = mustExist('shift', id, await ctx.store.getShift(id));
  assertVersion('shift', id, shift.version, expectedVersion);
  return shift;
}

export async function editShift(ctx: CommandContext, id: string, input: unknown, actor: Actor): Promise<Shift> {
  const data = parseInput(shiftEditSchema, input);
  checkShiftTime(ctx, data.start, 'start');
  checkShiftTime(ctx, data.end, 'end');
  const before = await existing(ctx, id, data.expectedVersion);
  const staffId = data.staffId ?? before.staffId;
  const start = data.start ? toUtcIso(data.start) : before.start;
  const end = data.end ? toUtcIso(data.end) : before.end;
  // Re-check the merged shift: only one of start/end may have been sent.
  parseInput(shiftCreateSchema, { staffId, start, end });
  if (staffId !== before.staffId) await assertStaff(ctx, staffId);
  await assertNoOverlap(ctx, staffId, start, end, id);
  const now = ctx.clock.now().toISOString();
  const shift: Shift = { ...before, staffId, start, end, updatedAt: now, version: before.version + 1 };
  await commitEvent(ctx, actor, now, [{ kind: 'shift', entity: shift, expectedVersion: before.version }], shiftDraft('shift.edited', shift));
  return shift;
}

export async function deleteShift(ctx: CommandContext, id: string, input: unknown, actor: Actor): Promise<Shift> {
  const data = parseInput(shiftDeleteSchema, input);
  const before = await existing(ctx, id, data.expectedVersion);
  const now = ctx.clock.now().toISOString();
  await commitEvent(ctx, actor, now, [{ kind: 'shift', entity: before, expectedVersion: before.version, remove: true }], shiftDraft('shift.deleted', before));
  return before;
}

/** Stores many new shifts in ONE transaction, one `shift.created` event each; broadcasts after commit. */
export async function createShiftsAtomically(
  ctx: CommandContext,
  drafts: ReadonlyArray<{ staffId: string; start: string; end: string }>,
  source: ShiftSource,
  actor: Actor,
): Promise<Shift[]> {
  const now = ctx.clock.now().toISOString();
  const shifts: Shift[] = drafts.map((d) => ({
    id: ctx.ids.next('SH'),
    staffId: d.staffId,
    start: toUtcIso(d.start),
    end: toUtcIso(d.end),
    source,
    updatedAt: now,
    version: 1,
  }));
  const events = await ctx.store.commitMany(
    shifts.map((shift) => ({
      writes: [{ kind: 'shift' as const, entity: shift, expectedVersion: null }],
      event: toNewEvent(shiftDraft('shift.created', shift), actor, now),
    })),
  );
  for (const e of events) ctx.publish(e);
  return shifts;
}
