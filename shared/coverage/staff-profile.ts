import { z } from 'zod';
import type { Post } from '../domain/staff';

/**
 * What the roster knows about a person beyond the board's Staff row: the dates that decide
 * whether they count in the team on a given day, the qualifications the contract asks of their
 * post (附件1), and a replacement the Center may have requested.
 */
export const EDUCATION_LEVELS = ['none', 'secondary', 'college', 'bachelor', 'master', 'doctor'] as const;
export type Education = (typeof EDUCATION_LEVELS)[number];

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

/** 'left' is set when the person's leave date has passed; 'on_leave' still counts in the team. */
export const STAFF_STATUSES = ['active', 'on_leave', 'left'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

export const dayKeySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export interface Qualifications {
  education: Education | null;
  lawDegree: boolean;
  birthDate: string | null;
  drivingLicence: boolean;
  gender: Gender | null;
}

export interface StaffProfile extends Qualifications {
  hireDate: string | null;
  /** First day the person is no longer in the team. */
  leaveDate: string | null;
  status: StaffStatus;
  /** Day the Center asked the contractor to replace this person (合同: within 3 days). */
  replacementRequestedOn: string | null;
  /** Day the replacement started; the person leaves the team that day. */
  replacementFulfilledOn: string | null;
}

/** One team member as the coverage engine sees them. */
export interface RosterMember extends StaffProfile {
  id: string;
  name: string;
  post: Post;
  /** Board flag; an inactive member without a leave date never counts. */
  active: boolean;
}

export const EMPTY_PROFILE: StaffProfile = {
  education: null,
  lawDegree: false,
  birthDate: null,
  drivingLicence: false,
  gender: null,
  hireDate: null,
  leaveDate: null,
  status: 'active',
  replacementRequestedOn: null,
  replacementFulfilledOn: null,
};

/** Editable fields of a profile; every field optional so an edit sends only what changed. */
export const staffProfileInputSchema = z.strictObject({
  education: z.enum(EDUCATION_LEVELS).nullable().optional(),
  lawDegree: z.boolean().optional(),
  birthDate: dayKeySchema.nullable().optional(),
  drivingLicence: z.boolean().optional(),
  gender: z.enum(GENDERS).nullable().optional(),
  hireDate: dayKeySchema.nullable().optional(),
  leaveDate: dayKeySchema.nullable().optional(),
  status: z.enum(STAFF_STATUSES).optional(),
});
export type StaffProfileInput = z.infer<typeof staffProfileInputSchema>;

/** The profile edit command: the fields plus the version it was based on (0 = no profile yet). */
export const staffProfileEditSchema = staffProfileInputSchema.extend({
  expectedVersion: z.number().int().nonnegative().optional(),
});
