import { EMPTY_PROFILE, type RosterMember } from '../../shared/coverage/staff-profile';
import type { StaffProfileRecord } from '../../shared/coverage/shift';
import type { Staff } from '../../shared/domain/staff';
import type { Store } from '../store/store';

/** The board's staff rows joined with their roster profiles (an absent profile = nothing known yet). */
export function toMembers(staff: readonly Staff[], profiles: readonly StaffProfileRecord[]): RosterMember[] {
  const byId = new Map(profiles.map((p) => [p.id, p]));
  return staff.map((s) => {
    const p = byId.get(s.id);
    const profile = p ? { ...p } : { ...EMPTY_PROFILE };
    delete (profile as Partial<StaffProfileRecord>).updatedAt;
    delete (profile as Partial<StaffProfileRecord>).version;
    return { ...EMPTY_PROFILE, ...profile, id: s.id, name: s.name, post: s.post, active: s.active };
  });
}

export async function loadMembers(store: Store): Promise<RosterMember[]> {
  const [staff, profiles] = await Promise.all([store.listStaff(), store.listProfiles()]);
  return toMembers(staff, profiles);
}
