import type { InferSelectModel } from 'drizzle-orm';
import type * as schema from '../../db/schema';
import type { Education, Gender, StaffStatus } from '../../shared/coverage/staff-profile';
import type { Shift, ShiftSource, StaffProfileRecord } from '../../shared/coverage/shift';

type ProfileRow = InferSelectModel<typeof schema.staffProfiles>;
type ShiftRow = InferSelectModel<typeof schema.shifts>;

export function profileToRow(p: StaffProfileRecord): ProfileRow {
  return {
    id: p.id,
    education: p.education,
    lawDegree: p.lawDegree,
    birthDate: p.birthDate,
    drivingLicence: p.drivingLicence,
    gender: p.gender,
    hireDate: p.hireDate,
    leaveDate: p.leaveDate,
    status: p.status,
    replacementRequestedOn: p.replacementRequestedOn,
    replacementFulfilledOn: p.replacementFulfilledOn,
    updatedAt: p.updatedAt,
    version: p.version,
  };
}

export function profileFromRow(r: ProfileRow): StaffProfileRecord {
  return {
    ...r,
    education: r.education as Education | null,
    gender: r.gender as Gender | null,
    status: r.status as StaffStatus,
  };
}

export function shiftToRow(s: Shift): ShiftRow {
  return { ...s };
}

export function shiftFromRow(r: ShiftRow): Shift {
  return { ...r, source: r.source as ShiftSource };
}
