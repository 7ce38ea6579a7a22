import { DomainError } from '../../shared/domain/common';
import { replacementFulfilSchema, replacementRequestSchema, type StaffProfileRecord } from '../../shared/coverage/shift';
import { EMPTY_PROFILE, staffProfileEditSchema } from '../../shared/coverage/staff-profile';
import { dayKey } from '../../shared/time';
import type { Actor, CommandContext } from '../commands/context';
import { parseInput } from '../commands/validate';
import { assertVersion, commitEvent, mustExist } from '../commands/change';

type ProfileEventType = 'staffProfile.saved' | 'staffProfile.replacementRequested' | 'staffProfile.replacementFulfilled';

async function current(ctx: CommandContext, staffId: string): Promise<{ profile: StaffProfileRecord; version: number | null }> {
  mustExist('staff', staffId, await ctx.store.getStaff(staffId));
  const stored = await ctx.store.getProfile(staffId);
  if (stored) return { profile: stored, version: stored.version };
  return { profile: { ...EMPTY_PROFILE, id: staffId, updatedAt: '', version: 0 }, version: null };
}

/** One transaction: the profile row and its event; broadcast after commit. */
async function save(
  ctx: CommandContext,
  type: ProfileEventType,
  next: StaffProfileRecord,
  expectedVersion: number | null,
  actor: Actor,
): Promise<StaffProfileRecord> {
  await commitEvent(ctx, actor, next.updatedAt, [{ kind: 'staffProfile', entity: next, expectedVersion }], {
    type,
    payload: { profile: next },
    entityType: 'staffProfile',
    entityId: next.id,
  });
  return next;
}

const checkVersion = (staffId: string, expected: number | undefined, actual: number) => assertVersion('profile of', staffId, actual, expected);

export async function saveProfile(ctx: CommandContext, staffId: string, input: unknown, actor: Actor): Promise<StaffProfileRecord> {
  const { expectedVersion, ...fields } = parseInput(staffProfileEditSchema, input);
  const { profile, version } = await current(ctx, staffId);
  checkVersion(staffId, expectedVersion, profile.version);
  const next: StaffProfileRecord = { ...profile, ...fields, updatedAt: ctx.clock.now().toISOString(), version: profile.version + 1 };
  if (next.hireDate && next.leaveDate && next.leaveDate <= next.hireDate) {
    throw new DomainError('invalid', 'leaveDate: must be after the hire date', { field: 'leaveDate' });
  }
  return save(ctx, 'staffProfile.saved', next, version, actor);
}

/** The Center asks the contractor to replace this person; the grace period starts on `on`. */
export async function requestReplacement(ctx: CommandContext, staffId: string, input: unknown, actor: Actor) {
  const { on } = parseInput(replacementRequestSchema, input);
  const { profile, version } = await current(ctx, staffId);
  if (profile.replacementRequestedOn && !profile.replacementFulfilledOn) {
    throw new DomainError('conflict', `a replacement was already requested on ${profile.replacementRequestedOn}`, { field: 'on' });
  }
  const next: StaffProfileRecord = {
    ...profile,
    replacementRequestedOn: on,
    replacementFulfilledOn: null,
    updatedAt: ctx.clock.now().toISOString(),
    version: profile.version + 1,
  };
  return save(ctx, 'staffProfile.replacementRequested', next, version, actor);
}

/**
 * The replacement started on `on`: the person leaves the team that day (their new colleague is
 * added as staff with that hire date). A day in the past or today marks them as left now.
 */
export async function fulfilReplacement(ctx: CommandContext, staffId: string, input: unknown, actor: Actor) {
  const { on } = parseInput(replacementFulfilSchema, input);
  const { profile, version } = await current(ctx, staffId);
  if (!profile.replacementRequestedOn || profile.replacementFulfilledOn) {
    throw new DomainError('illegal_transition', 'no replacement request is pending', { field: 'on' });
  }
  if (on < profile.replacementRequestedOn) {
    throw new DomainError('invalid', `on: before the request (${profile.replacementRequestedOn})`, { field: 'on' });
  }
  const now = ctx.clock.now();
  const today = dayKey(now, ctx.settings().timeZone);
  const next: StaffProfileRecord = {
    ...profile,
    replacementFulfilledOn: on,
    leaveDate: profile.leaveDate && profile.leaveDate < on ? profile.leaveDate : on,
    status: on <= today ? 'left' : profile.status,
    updatedAt: now.toISOString(),
    version: profile.version + 1,
  };
  return save(ctx, 'staffProfile.replacementFulfilled', next, version, actor);
}
