import { addDaysToKey, zonedTime } from '../../../shared/time';
import { workOrderIntake } from '../../support/factories';
import type { TestServer } from '../../support/server';

const ZONE = 'Asia/Shanghai';
const local = (day: string, hour: number, minute = 0) => {
  const [y, m, d] = day.split('-').map(Number);
  return zonedTime(y, m, d, ZONE, hour, minute);
};

/**
 * A call history: `perHour` hotline orders at 10:xx on each of the eight Mondays before `monday` (the
 * whole look-back),
 * entered as they happened (the fake clock is moved to each morning), then the clock back at `now`.
 */
export async function mondayMorningHistory(server: TestServer, monday: string, perHour: number, now: Date): Promise<void> {
  for (let week = 1; week <= 8; week++) {
    const day = addDaysToKey(monday, -7 * week);
    for (let i = 0; i < perHour; i++) {
      server.clock.set(local(day, 10, i % 60));
      const created = await server.api('POST', '/api/work-orders', workOrderIntake({ externalId: `HIST-${day}-${i}` }));
      if (created.status !== 201) throw new Error(`history order: ${JSON.stringify(created.body)}`);
    }
  }
  server.clock.set(now);
}

/** `seats` seat agents S01… planned on `day` from 08:00 to 16:00. */
export async function planSeats(server: TestServer, day: string, seats: number): Promise<void> {
  for (let i = 1; i <= seats; i++) {
    const staffId = `S${String(i).padStart(2, '0')}`;
    const shift = await server.api('POST', '/api/shifts', { staffId, start: local(day, 8).toISOString(), end: local(day, 16).toISOString() });
    if (shift.status !== 201) throw new Error(`shift ${staffId}: ${JSON.stringify(shift.body)}`);
  }
}
