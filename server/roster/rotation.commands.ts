import { DomainError } from '../../shared/domain/common';
import { generateRotation } from '../../shared/coverage/rotation';
import { rotationRequestSchema, type Shift } from '../../shared/coverage/shift';
import type { RosterMember } from '../../shared/coverage/staff-profile';
import { absenceReason, daysBetween } from '../../shared/coverage/team-headcount';
import { addDaysToKey, dayKey, startOfDayKey } from '../../shared/time';
import type { Actor, CommandContext } from '../commands/context';
import { parseInput } from '../commands/validate';
import { loadMembers } from './roster-members';
import { createShiftsAtomically } from './shift.commands';

/**
 * Fills `days` days from `fromDay` with the post's rotation pattern, for the people of the post
 * who are in the team (on the days they are) and not on leave. Refused when the post already has shifts
 * starting in that window: a generated week never silently doubles a planned one.
 */
export async function generateRotationShifts(ctx: CommandContext, input: unknown, actor: Actor): Promise<Shift[]> {
  const { post, fromDay, days } = parseInput(rotationRequestSchema, input);
  const settings = ctx.settings();
  const windowDays = daysBetween(fromDay, days);
  const inTeam = (m: RosterMember, day: string) => absenceReason(m, day, settings.replacementGraceDays) === null;
  // Everyone of the post in the team on some day of the window takes a place in the pattern;
  // their shifts on days before they join or after they leave are dropped below.
  const members = (await loadMembers(ctx.store)).filter((m) => m.post === post && m.status !== 'on_leave' && windowDays.some((d) => inTeam(m, d)));
  const byId = new Map(members.map((m) => [m.id, m]));
  if (members.length === 0) throw new DomainError('invalid', `post: nobody of ${post} is in the team on ${fromDay}`, { field: 'post' });
  const ids = new Set(members.map((m) => m.id));
  const from = startOfDayKey(fromDay, settings.timeZone).toISOString();
  const to = startOfDayKey(addDaysToKey(fromDay, days), settings.timeZone).toISOString();
  const existing = (await ctx.store.listShifts(from, addHours(to, 48))).filter((s) => ids.has(s.staffId));
  const planned = existing.find((s) => s.start >= from && s.start < to);
  if (planned) {
    throw new DomainError('conflict', `fromDay: ${post} already has shifts in this period (e.g. ${planned.id}); delete them first`, {
      field: 'fromDay',
    });
  }
  const drafts = generateRotation(post, [...ids], fromDay, days, settings).filter(
    (d) =>
      inTeam(byId.get(d.staffId)!, dayKey(new Date(d.start), settings.timeZone)) &&
      !existing.some((s) => s.staffId === d.staffId && s.start < d.end && s.end > d.start),
  );
  return createShiftsAtomically(ctx, drafts, 'rotation', actor);
}

const addHours = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString();
