import type { Post } from '../domain/staff';
import type { Education, RosterMember } from './staff-profile';

/**
 * Post requirements fixed by the contract (附件1 二): seats 大专及以上学历 and under 35;
 * responders male with a driving licence; the seat team includes one law graduate.
 * Missing data is flagged too: the roster cannot vouch for what it does not know.
 */
export type QualificationIssue = 'education_below_college' | 'education_unknown' | 'age_35_or_over' | 'birth_date_unknown' | 'not_male' | 'no_driving_licence';

export const SEAT_MAX_AGE_EXCLUSIVE = 35;
const COLLEGE_OR_ABOVE: readonly Education[] = ['college', 'bachelor', 'master', 'doctor'];

/** Whole years between birth and `day` (both 'YYYY-MM-DD'). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

export function qualificationIssues(member: RosterMember, day: string): QualificationIssue[] {
  const issues: QualificationIssue[] = [];
  if (member.post === 'seat') {
    if (member.education === null) issues.push('education_unknown');
    else if (!COLLEGE_OR_ABOVE.includes(member.education)) issues.push('education_below_college');
    if (member.birthDate === null) issues.push('birth_date_unknown');
    else if (ageOn(member.birthDate, day) >= SEAT_MAX_AGE_EXCLUSIVE) issues.push('age_35_or_over');
  }
  if (member.post === 'responder') {
    if (member.gender !== 'male') issues.push('not_male');
    if (!member.drivingLicence) issues.push('no_driving_licence');
  }
  return issues;
}

/** Posts whose team must include a law graduate, per the contract (坐席: 1名法学专业). */
export const LAW_GRADUATE_POSTS: readonly Post[] = ['seat'];
