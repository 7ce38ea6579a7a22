import type { Actor } from '../../shared/roles';
import { addDaysToKey, dayKey, weekdayOfKey } from '../../shared/time';
import type { CommandContext } from '../commands/context';
import { saveProfile } from './profile.commands';
import { generateRotationShifts } from './rotation.commands';

const SEEDER: Actor = { id: 'demo-seed', role: 'admin' };

/**
 * Roster data for the demo's staff: hire dates at the contract start, qualifications (one law
 * graduate among the seats, one seat without 大专 so the roster has a flag to show), and two
 * weeks of rotation from this week's Monday.
 */
export async function seedDemoRoster(ctx: CommandContext): Promise<void> {
  const settings = ctx.settings();
  const staff = await ctx.store.listStaff();
  const seats = staff.filter((s) => s.post === 'seat').map((s) => s.id);
  for (const [i, s] of staff.entries()) {
    const seat = seats.indexOf(s.id);
    await saveProfile(
      ctx,
      s.id,
      {
        hireDate: settings.servicePeriods[0].start,
        education: seat === 11 ? 'secondary' : i % 3 === 0 ? 'college' : 'bachelor',
        lawDegree: seat === 0,
        birthDate: `${1992 + (i % 9)}-0${1 + (i % 9)}-1${i % 10}`,
        gender: s.post === 'responder' || i % 2 === 0 ? 'male' : 'female',
        drivingLicence: s.post === 'responder',
      },
      SEEDER,
    );
  }
  const today = dayKey(ctx.clock.now(), settings.timeZone);
  // From the Sunday before this week's Monday: its night and 24-hour shifts cover Monday morning.
  const fromDay = addDaysToKey(today, -((weekdayOfKey(today) + 6) % 7) - 1);
  for (const post of ['seat', 'responder', 'evaluator'] as const) {
    if (staff.some((s) => s.post === post)) await generateRotationShifts(ctx, { post, fromDay, days: 15 }, SEEDER);
  }
}
