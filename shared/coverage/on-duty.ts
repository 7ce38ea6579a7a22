import { POSTS, type Post } from '../domain/staff';
import type { ContractSettings } from '../settings';
import { localParts, startOfDayKey, addDaysToKey } from '../time';

/**
 * On-duty coverage at an instant: how many people of each post are on duty vs the per-shift
 * minimum (settings.onDutyMinimums; the contract only says "7×24", the numbers are defaults).
 * Duty comes as intervals — scheduled shifts for the future, clock-in/out for the past —
 * so the same code answers "now", "03:00 last Tuesday" and "next Thursday".
 */
export interface DutyInterval {
  readonly staffId: string;
  /** ISO instant. */
  readonly start: string;
  /** ISO instant, exclusive; null = clocked in and not yet out. */
  readonly end: string | null;
}

/** An interval's edges in epoch ms; an open one ends at Infinity. */
export interface DutySpan {
  start: number;
  end: number;
}

const spans = new WeakMap<DutyInterval, DutySpan>();

/**
 * The interval's edges, parsed once per interval (intervals are never changed, hence readonly):
 * the score reads a month's intervals at every edge of every day, and parsing the ISO strings
 * each time was most of the staffing block's cost.
 */
export function spanOf(iv: DutyInterval): DutySpan {
  let span = spans.get(iv);
  if (!span) {
    span = { start: Date.parse(iv.start), end: iv.end === null ? Infinity : Date.parse(iv.end) };
    spans.set(iv, span);
  }
  return span;
}

/** On duty at `t` (the end is exclusive). */
export function covers(iv: DutyInterval, t: number): boolean {
  const span = spanOf(iv);
  return span.start <= t && t < span.end;
}

/** On duty at some moment of [from, to). */
export function overlaps(iv: DutyInterval, from: number, to: number): boolean {
  const span = spanOf(iv);
  return span.start < to && span.end > from;
}

export type PostCounts = Record<Post, number>;

/** Contract 附件1: evaluators Thu–Sun rotate with "at least one" on duty. */
export const EVALUATOR_ROTATION_MINIMUM = 1;
/** Mon, Tue, Wed (0 = Sunday): every evaluator of the minimum team on duty. */
export const EVALUATOR_ALL_ON_DUTY_WEEKDAYS: readonly number[] = [1, 2, 3];

type CoverageSettings = Pick<ContractSettings, 'timeZone' | 'onDutyMinimums' | 'teamMinimums'>;

const inHours = (hour: number, from: number, to: number) => hour >= from && hour < to;

/** Evaluators required on the local day with weekday `weekday` during working hours. */
export function evaluatorsRequiredOnWeekday(weekday: number, settings: Pick<ContractSettings, 'teamMinimums'>): number {
  return EVALUATOR_ALL_ON_DUTY_WEEKDAYS.includes(weekday) ? settings.teamMinimums.evaluator : EVALUATOR_ROTATION_MINIMUM;
}

export function minimumsAt(at: Date, settings: CoverageSettings): PostCounts {
  const { hour, weekday } = localParts(at, settings.timeZone);
  const m = settings.onDutyMinimums;
  return {
    seat: inHours(hour, m.dayStartHour, m.dayEndHour) ? m.seatDay : m.seatNight,
    responder: m.responder,
    evaluator: inHours(hour, m.evaluatorStartHour, m.evaluatorEndHour) ? evaluatorsRequiredOnWeekday(weekday, settings) : 0,
  };
}

const zero = (): PostCounts => ({ seat: 0, responder: 0, evaluator: 0 });

/** Distinct people per post on duty at `at` (one person on two overlapping shifts counts once). */
export function onDutyAt(at: Date, intervals: readonly DutyInterval[], postOf: ReadonlyMap<string, Post>): PostCounts {
  const t = at.getTime();
  const seen = new Set<string>();
  const counts = zero();
  for (const iv of intervals) {
    const post = postOf.get(iv.staffId);
    if (post === undefined || seen.has(iv.staffId) || !covers(iv, t)) continue;
    seen.add(iv.staffId);
    counts[post]++;
  }
  return counts;
}

export interface CoverageSegment {
  start: string;
  end: string;
  onDuty: PostCounts;
  minimum: PostCounts;
  /** Posts below their minimum during the whole segment. */
  short: Post[];
}

/**
 * Splits [from, to) at every local hour boundary (minimums change only on whole hours) and at
 * every interval edge, so each segment has constant counts and minimums; then merges neighbours
 * that look the same. Exact, and linear in the number of edges.
 */
export function coverageTimeline(
  from: Date,
  to: Date,
  intervals: readonly DutyInterval[],
  postOf: ReadonlyMap<string, Post>,
  settings: CoverageSettings,
): CoverageSegment[] {
  const a = from.getTime();
  const b = to.getTime();
  const edges = new Set<number>([a, b]);
  // Local hour starts; stepping by 30 min also finds them in half-hour zones (Asia/Kolkata).
  for (let t = Math.ceil(a / 1_800_000) * 1_800_000; t < b; t += 1_800_000) {
    if (localParts(new Date(t), settings.timeZone).minute === 0) edges.add(t);
  }
  for (const iv of intervals) {
    const span = spanOf(iv);
    for (const e of [span.start, span.end]) {
      if (e > a && e < b) edges.add(e);
    }
  }
  const sorted = [...edges].sort((x, y) => x - y);
  const segments: CoverageSegment[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const at = new Date(sorted[i]);
    const onDuty = onDutyAt(at, intervals, postOf);
    const minimum = minimumsAt(at, settings);
    const short = POSTS.filter((p) => onDuty[p] < minimum[p]);
    const prev = segments[segments.length - 1];
    if (prev && sameCounts(prev.onDuty, onDuty) && sameCounts(prev.minimum, minimum)) {
      prev.end = new Date(sorted[i + 1]).toISOString();
      continue;
    }
    segments.push({ start: at.toISOString(), end: new Date(sorted[i + 1]).toISOString(), onDuty, minimum, short });
  }
  return segments;
}

function sameCounts(x: PostCounts, y: PostCounts): boolean {
  return POSTS.every((p) => x[p] === y[p]);
}

export interface DutyGap {
  post: Post;
  start: string;
  end: string;
  /** Fewest on duty during the gap, and the minimum then required. */
  onDuty: number;
  minimum: number;
}

/** Stretches of the local day `day` when a post is below its on-duty minimum. */
export function dutyGapsOnDay(day: string, intervals: readonly DutyInterval[], postOf: ReadonlyMap<string, Post>, settings: CoverageSettings): DutyGap[] {
  const from = startOfDayKey(day, settings.timeZone);
  const to = startOfDayKey(addDaysToKey(day, 1), settings.timeZone);
  return gapsOf(coverageTimeline(from, to, intervals, postOf, settings));
}

export function gapsOf(segments: readonly CoverageSegment[]): DutyGap[] {
  const gaps: DutyGap[] = [];
  for (const post of POSTS) {
    let open: DutyGap | null = null;
    for (const s of segments) {
      if (!s.short.includes(post)) {
        open = null;
        continue;
      }
      if (open && open.end === s.start) {
        open.end = s.end;
        open.onDuty = Math.min(open.onDuty, s.onDuty[post]);
        open.minimum = Math.max(open.minimum, s.minimum[post]);
      } else {
        open = { post, start: s.start, end: s.end, onDuty: s.onDuty[post], minimum: s.minimum[post] };
        gaps.push(open);
      }
    }
  }
  return gaps.sort((x, y) => x.start.localeCompare(y.start));
}

export interface HourCell {
  /** ISO start of the hour. */
  start: string;
  /** Fewest on duty per post in the hour, and the highest minimum. */
  onDuty: PostCounts;
  minimum: PostCounts;
  short: Post[];
}

/**
 * The wall's 24-hour strip: one cell per hour from `from` (worst moment of each hour).
 * `until` (e.g. now) cuts the last cells short, so the hour in progress is judged on what happened.
 */
export function hourlyStrip(
  from: Date,
  hours: number,
  intervals: readonly DutyInterval[],
  postOf: ReadonlyMap<string, Post>,
  settings: CoverageSettings,
  until?: Date,
): HourCell[] {
  const end = from.getTime() + hours * 3_600_000;
  const to = new Date(until ? Math.min(end, Math.max(until.getTime(), from.getTime() + 1)) : end);
  const segments = coverageTimeline(from, to, intervals, postOf, settings);
  const cells: HourCell[] = [];
  for (let h = 0; h < hours && from.getTime() + h * 3_600_000 <= to.getTime(); h++) {
    const a = from.getTime() + h * 3_600_000;
    const b = a + 3_600_000;
    const onDuty = { seat: Infinity, responder: Infinity, evaluator: Infinity };
    const minimum = zero();
    const short = new Set<Post>();
    for (const s of segments) {
      if (Date.parse(s.end) <= a || Date.parse(s.start) >= b) continue;
      for (const p of POSTS) {
        onDuty[p] = Math.min(onDuty[p], s.onDuty[p]);
        minimum[p] = Math.max(minimum[p], s.minimum[p]);
      }
      for (const p of s.short) short.add(p);
    }
    if (onDuty.seat === Infinity) {
      // The hour in progress has just begun: judge it on its first instant.
      Object.assign(onDuty, onDutyAt(new Date(a), intervals, postOf));
      Object.assign(minimum, minimumsAt(new Date(a), settings));
      for (const p of POSTS) if (onDuty[p] < minimum[p]) short.add(p);
    }
    cells.push({ start: new Date(a).toISOString(), onDuty, minimum, short: POSTS.filter((p) => short.has(p)) });
  }
  return cells;
}
