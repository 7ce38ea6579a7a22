import type { Post } from '../../../shared/domain/staff';
import { EMPTY_PROFILE, type RosterMember } from '../../../shared/coverage';

let next = 0;

/** A member who meets every requirement of the post, with overrides. */
export function member(post: Post, overrides: Partial<RosterMember> = {}): RosterMember {
  next++;
  return {
    ...EMPTY_PROFILE,
    id: `${post}-${String(next).padStart(3, '0')}`,
    name: `${post} ${next}`,
    post,
    active: true,
    education: 'bachelor',
    birthDate: '1998-05-01',
    gender: 'male',
    drivingLicence: true,
    ...overrides,
  };
}

export function team(counts: Partial<Record<Post, number>>, lawGraduate = true): RosterMember[] {
  const out: RosterMember[] = [];
  for (const [post, n] of Object.entries(counts) as Array<[Post, number]>) {
    for (let i = 0; i < n; i++) out.push(member(post, { lawDegree: lawGraduate && post === 'seat' && i === 0 }));
  }
  return out;
}
