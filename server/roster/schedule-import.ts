import { DomainError } from '../../shared/domain/common';
import { scheduleImportSchema, type ImportRowError, type Shift } from '../../shared/coverage/shift';
import type { RosterMember } from '../../shared/coverage/staff-profile';
import { absenceReason } from '../../shared/coverage/team-headcount';
import { zonedTime } from '../../shared/time';
import type { Actor, CommandContext } from '../commands/context';
import { parseInput } from '../commands/validate';
import { loadMembers } from './roster-members';
import { readCsv, readXlsx, type RawScheduleRow } from './schedule-file';
import { createShiftsAtomically } from './shift.commands';

/**
 * Importing a schedule is all or nothing: every row is checked first, and a file with any bad
 * row is refused whole — every bad row listed with its number and reason, nothing stored, no
 * event. A good file becomes its shifts in one transaction, one `shift.created` event each.
 */
export class ImportRefused extends Error {
  constructor(readonly rows: ImportRowError[]) {
    super(`${rows.length} row(s) refused; nothing was imported`);
  }
}

interface Draft {
  row: number;
  staffId: string;
  start: string;
  end: string;
}

function normalizeDay(text: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Minutes after midnight of 'H:MM' / 'HH:MM[:SS]'; 24:00 is allowed as an end. */
function minutesOf(text: string, allow24: boolean): number | null {
  const m = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && (min > 0 || !allow24))) return null;
  return h * 60 + min;
}

export function checkRows(
  rows: readonly RawScheduleRow[],
  members: readonly RosterMember[],
  existing: readonly Shift[],
  timeZone: string,
  graceDays: number,
): { drafts: Draft[]; errors: ImportRowError[] } {
  const byId = new Map(members.map((m) => [m.id, m]));
  const errors: ImportRowError[] = [];
  const drafts: Draft[] = [];
  for (const { row, cells } of rows) {
    const fail = (field: string, code: ImportRowError['code'], reason: string) => errors.push({ row, field, code, reason });
    const staffId = cells.staffId ?? '';
    if (!staffId) {
      fail('staffId', 'required', 'staff id is empty');
      continue;
    }
    const member = byId.get(staffId);
    if (!member) {
      fail('staffId', 'unknown_staff', `no staff with id ${staffId}`);
      continue;
    }
    if (cells.name && cells.name !== member.name) {
      fail('name', 'name_mismatch', `${staffId} is ${member.name}, not ${cells.name}`);
      continue;
    }
    const day = normalizeDay(cells.day ?? '');
    if (!day) {
      fail('day', 'bad_date', `not a date: "${cells.day ?? ''}" (YYYY-MM-DD)`);
      continue;
    }
    const startMin = minutesOf(cells.start ?? '', false);
    if (startMin === null) {
      fail('start', 'bad_time', `not a time: "${cells.start ?? ''}" (HH:MM)`);
      continue;
    }
    const endMin = minutesOf(cells.end ?? '', true);
    if (endMin === null) {
      fail('end', 'bad_time', `not a time: "${cells.end ?? ''}" (HH:MM)`);
      continue;
    }
    const absent = absenceReason(member, day, graceDays);
    if (absent) {
      fail('day', 'not_in_team', `${staffId} is not in the team on ${day} (${absent})`);
      continue;
    }
    const [y, mo, d] = day.split('-').map(Number);
    // An end at or before the start means the shift runs past midnight (night shift, 24 h duty).
    const endTotal = endMin > startMin ? endMin : endMin + 1440;
    const start = zonedTime(y, mo, d, timeZone, 0, startMin).toISOString();
    const end = zonedTime(y, mo, d, timeZone, 0, endTotal).toISOString();
    drafts.push({ row, staffId, start, end });
  }

  // Overlaps: with the stored schedule, then between rows of the file (the later row is the bad one).
  const good: Draft[] = [];
  const sorted = [...drafts].sort((a, b) => a.row - b.row);
  for (const d of sorted) {
    const stored = existing.find((s) => s.staffId === d.staffId && s.start < d.end && s.end > d.start);
    if (stored) {
      errors.push({ row: d.row, field: 'start', code: 'overlap_existing', reason: `overlaps shift ${stored.id} of ${d.staffId}` });
      continue;
    }
    const earlier = good.find((g) => g.staffId === d.staffId && g.start < d.end && g.end > d.start);
    if (earlier) {
      errors.push({ row: d.row, field: 'start', code: 'overlap_in_file', reason: `overlaps row ${earlier.row} for ${d.staffId}` });
      continue;
    }
    good.push(d);
  }
  return { drafts: good, errors: errors.sort((a, b) => a.row - b.row) };
}

export async function importSchedule(ctx: CommandContext, input: unknown, actor: Actor): Promise<Shift[]> {
  const { format, content } = parseInput(scheduleImportSchema, input);
  const rows = format === 'csv' ? readCsv(content) : await readXlsx(content);
  if (rows.length === 0) throw new DomainError('invalid', 'content: the file has no schedule rows', { field: 'content' });
  const settings = ctx.settings();
  const members = await loadMembers(ctx.store);
  // The stored shifts that could overlap: a generous window around the days in the file.
  const days = rows
    .map((r) => normalizeDay(r.cells.day ?? ''))
    .filter((d): d is string => d !== null)
    .sort();
  const existing =
    days.length === 0
      ? []
      : await ctx.store.listShifts(
          zonedTime(...ymd(days[0]), settings.timeZone, -24).toISOString(),
          zonedTime(...ymd(days[days.length - 1]), settings.timeZone, 48).toISOString(),
        );
  const { drafts, errors } = checkRows(rows, members, existing, settings.timeZone, settings.replacementGraceDays);
  if (errors.length > 0) throw new ImportRefused(errors);
  return createShiftsAtomically(ctx, drafts, 'import', actor);
}

const ymd = (day: string) => day.split('-').map(Number) as [number, number, number];
