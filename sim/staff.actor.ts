import type { Shift } from '../shared/coverage/shift';
import type { Post, Staff } from '../shared/domain/staff';
import { randomPointNear, DISTRICT_CENTER } from '../shared/geo/district';
import { dayKey, localParts, startOfDayKey } from '../shared/time';
import { GIVEN, SURNAMES } from './catalog';
import { HOUR, MINUTE, type ResponderState, type SimContext } from './context';
import type { Rng } from './rng';

/**
 * The team and its rotation: seats in three shifts (08–16, 16–24, 00–08) with one person of
 * each shift off per day, responders two by day and one by night, evaluators 10–20 (all of
 * them Mon–Wed, two of three Thu–Sun). Meets the contract's per-shift minimums with a margin;
 * now and then someone clocks in a few minutes late, which the coverage view should show.
 */
interface Member {
  id: string;
  post: Post;
  index: number;
  version: number;
  onDuty: boolean;
}

interface SeatShift {
  startHour: number;
  endHour: number;
}

const SEAT_SHIFTS: SeatShift[] = [
  { startHour: 8, endHour: 16 },
  { startHour: 16, endHour: 24 },
  { startHour: 0, endHour: 8 },
];

export class StaffActor {
  readonly members: Member[] = [];
  /** The roster's shifts for today and tomorrow when the server has a roster; else the sim's own rotation. */
  private shifts: Shift[] | null = null;

  constructor(
    private readonly ctx: SimContext,
    private readonly rng: Rng,
  ) {}

  /**
   * Takes on the team already on the server (the demo seed's, or an earlier run's) and hires
   * whoever is missing up to the configured size, so the roster never counts two teams.
   */
  async hire(): Promise<void> {
    const { config, api } = this.ctx;
    const existing = await api.get<Staff[]>('/api/staff');
    const active = (existing.ok ? existing.data : []).filter((s) => s.active).sort((a, b) => a.id.localeCompare(b.id));
    for (const post of ['seat', 'responder', 'evaluator'] as const) {
      const team = active.filter((s) => s.post === post).slice(0, config.team[post]);
      for (let i = team.length; i < config.team[post]; i++) {
        const id = `${config.idPrefix}-${post.toUpperCase()}-${String(i + 1).padStart(2, '0')}`;
        const name = `${this.rng.pick(SURNAMES)}${this.rng.pick(GIVEN)}${this.rng.pick(GIVEN)}`;
        const result = await this.ctx.call('staff.add', api.post<Staff>('/api/staff', { id, name, post }));
        if (result.ok) team.push(result.data);
      }
      team.forEach((staff, index) => this.members.push({ id: staff.id, post, index, version: staff.version, onDuty: staff.onDuty }));
    }
    for (const m of this.members.filter((m) => m.post === 'responder')) {
      const base = randomPointNear(this.rng.fn, DISTRICT_CENTER, 4);
      this.ctx.responders.push({ id: m.id, onDuty: m.onDuty, busy: false, lat: base.lat, lng: base.lng, base });
    }
  }

  /** Sets everyone as the roster says for `at`, then plans each hour's changes. */
  async start(at: number): Promise<void> {
    await this.readRoster(at);
    for (const m of this.members) await this.setDuty(m, this.shouldBeOnDuty(m, at));
    // Responders already on duty show where they are from the first moment (dispatch needs it).
    for (const r of this.ctx.responders) if (r.onDuty) await postPosition(this.ctx, r);
    const next = Math.floor(at / HOUR) * HOUR + HOUR;
    this.ctx.sched.at(Math.max(at, next - 15 * MINUTE), () => this.onHour(next));
  }

  /** Reads the planned shifts (GET /api/roster/week); none planned, or no roster route: own rotation. */
  private async readRoster(at: number) {
    const from = dayKey(new Date(at), this.ctx.config.timeZone);
    const result = await this.ctx.api.get<{ shifts: Shift[] }>(`/api/roster/week?from=${from}&days=2`);
    const ids = new Set(this.members.map((m) => m.id));
    const shifts = result.ok ? result.data.shifts.filter((s) => ids.has(s.staffId)) : [];
    this.shifts = shifts.length ? shifts : null;
  }

  private async onHour(at: number) {
    // Just before midnight, read the coming day's roster (people may have edited it during the day).
    if (localParts(new Date(at), this.ctx.config.timeZone).hour === 0) await this.readRoster(at);
    for (const m of this.members) {
      const want = this.shouldBeOnDuty(m, at);
      if (want === m.onDuty) continue;
      // Clocking out is on time; clocking in is a minute or two early, or now and then late.
      const late = want && this.rng.chance(this.ctx.config.mistakes.lateClockIn);
      const offset = !want ? this.rng.between(0, 3) * MINUTE : late ? this.rng.between(5, 25) * MINUTE : -this.rng.between(1, 10) * MINUTE;
      this.ctx.sched.at(at + offset, () => this.setDuty(m, want));
    }
    // Plan the next hour's changes an hour ahead, so early clock-ins can land before the hour.
    this.ctx.sched.at(at + HOUR - 15 * MINUTE, () => this.onHour(at + HOUR));
  }

  private shouldBeOnDuty(m: Member, at: number): boolean {
    if (this.shifts) {
      const t = new Date(at).toISOString();
      return this.shifts.some((s) => s.staffId === m.id && s.start <= t && t < s.end);
    }
    const tz = this.ctx.config.timeZone;
    const local = localParts(new Date(at), tz);
    const dayIndex = Math.floor(startOfDayKey(dayKey(new Date(at), tz), tz).getTime() / (24 * HOUR));
    const h = local.hour;
    if (m.post === 'seat') {
      const shift = m.index % 3;
      const s = SEAT_SHIFTS[shift];
      if (h < s.startHour || h >= s.endHour) return false;
      const group = this.members.filter((x) => x.post === 'seat' && x.index % 3 === shift);
      const offToday = group[dayIndex % group.length];
      return offToday?.id !== m.id;
    }
    if (m.post === 'responder') {
      const team = this.ctx.config.team.responder;
      const slot = (dayIndex + m.index) % Math.max(team, 1);
      const day = h >= 8 && h < 20;
      // Two by day (slots 0, 1), one by night (slot 2; the night runs into the next morning).
      if (day) return slot === 0 || slot === 1;
      const nightSlot = h < 8 ? (dayIndex - 1 + m.index) % Math.max(team, 1) : slot;
      return nightSlot === 2 || (team < 3 && nightSlot === 0);
    }
    // evaluator
    if (h < 10 || h >= 20) return false;
    const weekday = local.weekday;
    if (weekday >= 1 && weekday <= 3) return true;
    return (dayIndex + m.index) % 3 !== 0;
  }

  private async setDuty(m: Member, onDuty: boolean) {
    if (m.onDuty === onDuty) return;
    const result = await this.ctx.call('staff.duty', this.ctx.api.post<Staff>(`/api/staff/${m.id}/duty`, { onDuty }));
    if (!result.ok) return;
    m.onDuty = onDuty;
    m.version = result.data.version;
    const responder = this.ctx.responders.find((r) => r.id === m.id);
    if (responder) {
      responder.onDuty = onDuty;
      if (onDuty) await postPosition(this.ctx, responder);
    }
  }
}

/**
 * Posts where the responder is now. No `at`: the server stamps it, which is the simulated time
 * in-process (fake clock) and real time against a server running faster or slower than the sim.
 */
export async function postPosition(ctx: SimContext, r: ResponderState): Promise<void> {
  const result = await ctx.call('responder.position', ctx.api.post(`/api/responders/${r.id}/position`, { lat: round6(r.lat), lng: round6(r.lng) }));
  if (result.ok) ctx.stats.positionsPosted++;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
