import { minimumsAt, type PostCounts } from '../../../../../shared/coverage';
import { POSTS, type Post, type Staff } from '../../../../../shared/domain/staff';
import type { ContractSettings } from '../../../../../shared/settings';

export interface PostCoverage {
  post: Post;
  onDuty: number;
  minimum: number;
  headcount: number;
  team: number;
}

/** On duty now vs the shift minimum, and active headcount vs the contract team, per post. */
export function coverageNow(staff: Iterable<Staff>, now: number, settings: ContractSettings): PostCoverage[] {
  const onDuty: PostCounts = { seat: 0, responder: 0, evaluator: 0 };
  const headcount: PostCounts = { seat: 0, responder: 0, evaluator: 0 };
  for (const s of staff) {
    if (!s.active) continue;
    headcount[s.post]++;
    if (s.onDuty) onDuty[s.post]++;
  }
  const minimum = minimumsAt(new Date(now), settings);
  return POSTS.map((post) => ({
    post,
    onDuty: onDuty[post],
    minimum: minimum[post],
    headcount: headcount[post],
    team: settings.teamMinimums[post],
  }));
}

export interface StripHour {
  /** ms of the hour's start. */
  start: number;
  /** null = the wall has no observation of that hour. */
  short: Post[] | null;
}

/**
 * The last 24 hours of coverage as this wall observed it: each sample records which posts
 * were short at that moment; an hour is short for a post if any sample in it was. Bounded to
 * 24 hours so a wall that runs for weeks does not grow.
 */
export class DutySamples {
  private hours = new Map<number, Set<Post>>();

  record(now: number, coverage: readonly PostCoverage[]) {
    const hour = Math.floor(now / 3_600_000) * 3_600_000;
    let short = this.hours.get(hour);
    if (!short) {
      short = new Set();
      this.hours.set(hour, short);
    }
    for (const c of coverage) if (c.onDuty < c.minimum) short.add(c.post);
    for (const h of this.hours.keys()) if (h <= hour - 24 * 3_600_000) this.hours.delete(h);
  }

  strip(now: number): StripHour[] {
    const current = Math.floor(now / 3_600_000) * 3_600_000;
    return Array.from({ length: 24 }, (_, i) => {
      const start = current - (23 - i) * 3_600_000;
      const short = this.hours.get(start);
      return { start, short: short ? POSTS.filter((p) => short.has(p)) : null };
    });
  }
}
