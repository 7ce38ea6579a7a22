import { and, asc, eq, gt, gte, inArray, lt } from 'drizzle-orm';
import type { GridDb } from '../../db/connection';
import * as schema from '../../db/schema';
import type { Shift, StaffProfileRecord } from '../../shared/coverage/shift';
import type { DutyChange } from '../store/store';
import { profileFromRow, shiftFromRow } from './roster.mappers';

/** Roster reads on the SQLite connection; SqliteStore delegates its roster methods here. */
type Db = GridDb;

export function listProfiles(db: Db): StaffProfileRecord[] {
  return db.select().from(schema.staffProfiles).orderBy(asc(schema.staffProfiles.id)).all().map(profileFromRow);
}

export function getProfile(db: Db, id: string): StaffProfileRecord | undefined {
  const row = db.select().from(schema.staffProfiles).where(eq(schema.staffProfiles.id, id)).get();
  return row && profileFromRow(row);
}

/** Shifts overlapping [from, to) — ISO instants in UTC compare as strings. */
export function listShifts(db: Db, from: string, to: string, staffId?: string): Shift[] {
  const t = schema.shifts;
  const overlap = and(lt(t.start, to), gt(t.end, from));
  return db
    .select()
    .from(t)
    .where(staffId === undefined ? overlap : and(overlap, eq(t.staffId, staffId)))
    .orderBy(asc(t.start), asc(t.staffId))
    .all()
    .map(shiftFromRow);
}

export function getShift(db: Db, id: string): Shift | undefined {
  const row = db.select().from(schema.shifts).where(eq(schema.shifts.id, id)).get();
  return row && shiftFromRow(row);
}

/** Clock-in/out as logged (staff.dutyChanged, staff.added), from `from` on, in log order. */
export function dutyChangesSince(db: Db, from: string): DutyChange[] {
  const e = schema.events;
  return db
    .select({ payload: e.payload, at: e.at, type: e.type })
    .from(e)
    .where(and(gte(e.at, from), inArray(e.type, ['staff.dutyChanged', 'staff.added'])))
    .orderBy(asc(e.seq))
    .all()
    .map((r) => {
      const staff = (r.payload as { staff: { id: string; onDuty: boolean } }).staff;
      return { staffId: staff.id, onDuty: staff.onDuty, at: r.at, added: r.type === 'staff.added' };
    });
}
