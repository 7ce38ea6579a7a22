import type { ContractSettings } from '../settings';
import { addDaysToKey, startOfDayKey } from '../time';
import type { MonthScore } from './types';

/**
 * Month close (contract-rules.md §1 "Month close"). A month is `open` while its days run,
 * `provisional` after its last day (late callbacks, repairs and judgments still change it, live),
 * and `closed` once a manager closes it or it closes itself on the set day. A closed month is
 * served from its frozen score; it changes only through a recorded reopen, after which it is
 * provisional again until closed anew. Every close is a revision, and all of them are kept.
 */
export type MonthStatus = 'open' | 'provisional' | 'closed';

export interface MonthRevision {
  revision: number;
  closedAt: string;
  /** Who closed it; 'system' when it closed itself on the set day. */
  closedBy: string | null;
  auto: boolean;
  total: number;
  fee: number;
  /** Set when this revision was reopened: who, when and why. */
  reopenedAt: string | null;
  reopenedBy: string | null;
  reopenReason: string | null;
}

interface LoggedEvent {
  at: string;
  actor: string | null;
}

export interface Book {
  frozen: MonthScore | null;
  revisions: MonthRevision[];
}

/** The months' close history, folded from `score.monthClosed` / `score.monthReopened` events. */
export class MonthCloseBook {
  private readonly months = new Map<string, Book>();

  private book(month: string): Book {
    let b = this.months.get(month);
    if (!b) this.months.set(month, (b = { frozen: null, revisions: [] }));
    return b;
  }

  /** Idempotent per revision: the service records its own close at once and sees the event again. */
  closed(score: MonthScore, revision: number | undefined, auto: boolean, event: LoggedEvent): void {
    const b = this.book(score.month);
    const n = revision ?? b.revisions.length + 1;
    b.frozen = { ...score, status: 'closed', revisions: undefined };
    b.revisions[n - 1] = {
      revision: n,
      closedAt: event.at,
      closedBy: event.actor,
      auto,
      total: score.total,
      fee: score.fee.paid,
      reopenedAt: null,
      reopenedBy: null,
      reopenReason: null,
    };
  }

  reopened(month: string, reason: string, event: LoggedEvent): void {
    const b = this.book(month);
    const last = b.revisions.at(-1);
    if (last) Object.assign(last, { reopenedAt: event.at, reopenedBy: event.actor, reopenReason: reason });
    b.frozen = null;
  }

  /** The book as JSON-safe data (the score service's checkpoint). */
  dump(): [string, Book][] {
    return [...this.months];
  }

  static load(months: [string, Book][]): MonthCloseBook {
    const book = new MonthCloseBook();
    for (const [month, b] of months) book.months.set(month, b);
    return book;
  }

  frozen(month: string): MonthScore | null {
    return this.months.get(month)?.frozen ?? null;
  }

  revisions(month: string): MonthRevision[] {
    return this.months.get(month)?.revisions.filter(Boolean) ?? [];
  }
}

/**
 * When a month closes itself: 00:00 on day `monthCloseDay` after its last day (calendar months:
 * the 10th of the next month). null when only a manager closes months (monthCloseDay 0).
 */
export function closesAt(lastDay: string, settings: Pick<ContractSettings, 'monthCloseDay' | 'timeZone'>): number | null {
  if (!settings.monthCloseDay) return null;
  return startOfDayKey(addDaysToKey(lastDay, settings.monthCloseDay), settings.timeZone).getTime();
}
