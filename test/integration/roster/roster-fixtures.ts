import type { TestServer } from '../../support/server';
import type { Post } from '../../../shared/domain/staff';

/** Adds staff with valid profiles: `counts` per post, ids S01…, R01…, E01…; the first seat is the law graduate. */
export async function seedTeam(server: TestServer, counts: Record<Post, number>, hireDate = '2025-01-01'): Promise<string[]> {
  const ids: string[] = [];
  const prefix: Record<Post, string> = { seat: 'S', responder: 'R', evaluator: 'E' };
  for (const post of Object.keys(counts) as Post[]) {
    for (let i = 1; i <= counts[post]; i++) {
      const id = `${prefix[post]}${String(i).padStart(2, '0')}`;
      const added = await server.api('POST', '/api/staff', { id, name: `${post}${i}`, post });
      if (added.status !== 201) throw new Error(`staff ${id}: ${JSON.stringify(added.body)}`);
      const profile = await server.api('POST', `/api/roster/profiles/${id}`, {
        hireDate,
        education: 'bachelor',
        birthDate: '1998-06-01',
        gender: 'male',
        drivingLicence: true,
        lawDegree: post === 'seat' && i === 1,
      });
      if (profile.status !== 200) throw new Error(`profile ${id}: ${JSON.stringify(profile.body)}`);
      ids.push(id);
    }
  }
  return ids;
}
