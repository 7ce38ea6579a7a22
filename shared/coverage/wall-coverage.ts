import { POSTS, type Post, type Staff } from '../domain/staff';
import type { ContractSettings } from '../settings';
import { minimumsAt } from './on-duty';
import type { CoverageNowView } from './views';

/**
 * The wall's coverage panel: the server's engine figures (team headcount with leave dates and
 * overdue replacements, the logged 24-hour strip) merged with the live board (who is clocked in
 * this second), so a clock-in shows at once and the team numbers match the score's.
 */
export interface WallPostCoverage {
  post: Post;
  onDuty: number;
  minimum: number;
  headcount: number;
  team: number;
  teamShort: boolean;
  /** 'engine' once the server's figures arrived; 'board' = active staff count meanwhile. */
  source: 'engine' | 'board';
}

export interface WallStripHour {
  /** Epoch ms of the hour's start. */
  start: number;
  /** null = no data for that hour. */
  short: Post[] | null;
}

export function wallCoverage(
  view: CoverageNowView | null,
  staff: Iterable<Staff>,
  now: number,
  settings: Pick<ContractSettings, 'timeZone' | 'onDutyMinimums' | 'teamMinimums' | 'staffingThreshold'>,
): WallPostCoverage[] {
  const onDuty: Record<Post, number> = { seat: 0, responder: 0, evaluator: 0 };
  const active: Record<Post, number> = { seat: 0, responder: 0, evaluator: 0 };
  for (const s of staff) {
    if (!s.active) continue;
    active[s.post]++;
    if (s.onDuty) onDuty[s.post]++;
  }
  const minimum = minimumsAt(new Date(now), settings);
  return POSTS.map((post) => {
    const engine = view?.posts.find((p) => p.post === post);
    const team = settings.teamMinimums[post];
    return engine
      ? { post, onDuty: onDuty[post], minimum: minimum[post], headcount: engine.headcount, team: engine.team, teamShort: engine.teamShort, source: 'engine' }
      : {
          post,
          onDuty: onDuty[post],
          minimum: minimum[post],
          headcount: active[post],
          team,
          teamShort: active[post] < team * settings.staffingThreshold - 1e-9,
          source: 'board',
        };
  });
}

/**
 * 24 hourly cells ending with the hour in progress; that hour also counts the live shortfalls.
 * Known data only: `live` is null while the board is not live (connecting, reconnecting, a fresh
 * page before its snapshot), when its on-duty counts are not the center's; the hour in progress
 * then shows what the server logged, or unknown.
 */
export function wallStrip(view: CoverageNowView | null, live: readonly WallPostCoverage[] | null, now: number): WallStripHour[] {
  const hour = 3_600_000;
  const current = Math.floor(now / hour) * hour;
  const byStart = new Map((view?.strip ?? []).map((c) => [Date.parse(c.start), c.short]));
  return Array.from({ length: 24 }, (_, i) => {
    const start = current - (23 - i) * hour;
    const logged = byStart.get(start) ?? null;
    if (start !== current || live === null) return { start, short: logged };
    const shortNow = live.filter((c) => c.onDuty < c.minimum).map((c) => c.post);
    return { start, short: POSTS.filter((p) => shortNow.includes(p) || (logged ?? []).includes(p)) };
  });
}
