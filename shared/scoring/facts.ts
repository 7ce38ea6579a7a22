import type { Post } from '../domain/staff';
import type { ContractSettings } from '../settings';
import type { ManualBlock } from './blocks';
import type { EmptyStretch } from '../coverage/staffing-day';

/** Where a fact came from: the logged event behind it, so every deduction can name its cause. */
export interface FactRef {
  /** Event-log seq; null for facts not (yet) in the log, e.g. headcounts supplied by the roster. */
  seq: number | null;
  /** ISO time of the event. */
  at: string;
  actor: string | null;
  entityType: string | null;
  entityId: string | null;
}

interface FactBase {
  /** Epoch ms of the instant that decides which month the fact counts in (see each variant). */
  at: number;
  ref: FactRef;
}

/**
 * Everything the monthly score depends on, as small facts. A month's score is a fold of its facts
 * (accumulator.ts); the server adds one fact at a time, a closed month folds them all again.
 * Facts that are re-stated (a second quality check of the same order, a revised manual deduction)
 * replace the earlier one, so the order of arrival decides, as in the event log.
 */
export type ScoreFact =
  /** Dispatch number `n` of an order (first dispatch n = 1, each reassignment n + 1). at = dispatch time. */
  | (FactBase & { kind: 'dispatch'; orderId: string; n: number })
  /**
   * Dispatch `n` of an order was wrong: the order was reassigned for it, or the Center judged it so.
   * at = the time of that dispatch: a judgment counts in the month of the dispatch it judges (§5).
   */
  | (FactBase & { kind: 'wrongDispatch'; orderId: string; n: number; by: 'reassign' | 'center'; reason: string | null })
  /** Quality-check result of an order's content. at = check time; a re-check replaces the earlier result. */
  | (FactBase & { kind: 'qualityCheck'; orderId: string; passed: boolean; reason: string | null })
  /**
   * The order was handled and now needs a callback. at = handled time. `excluded`: the order was
   * suspended or marked difficult at some point, so it is outside the callback rate (挂起单、疑难单不计入).
   */
  | (FactBase & { kind: 'callbackDue'; orderId: string; excluded: boolean })
  /** The order was called back. at = its handled time, so the callback counts in the month it was due. */
  | (FactBase & { kind: 'calledBack'; orderId: string; excluded: boolean })
  /**
   * 返工: the order went back to handling, so the callback due on its latest 办结 is withdrawn, and
   * its 回访 too when one was made (`calledBack`: sent back from 已回访). The next 办结 makes it due
   * again (a new `callbackDue`). at = the withdrawn 办结's time, the month the due was counted in.
   */
  | (FactBase & { kind: 'callbackWithdrawn'; orderId: string; excluded: boolean; calledBack: boolean })
  /** An evaluator's report verified as correct or wrong (错报). at = verification time. */
  | (FactBase & { kind: 'evaluatorReport'; reportId: string; correct: boolean; note: string | null })
  /**
   * An incident's arrival clock, re-stated at each dispatch and at arrival. `firstDeadline` is the
   * first dispatch's deadline, `lastDeadline` the latest dispatch's (settings.arrivalDeadlineFrom
   * picks one); `arrivedAt` null until someone arrives. The incident is late (协调不及时) when the
   * deadline passes with nobody arrived by then. at = firstDeadline: it counts in the month the
   * deadline passes, once, whether the responder comes late or never.
   */
  | (FactBase & {
      kind: 'incident';
      incidentId: string;
      firstDeadline: number;
      lastDeadline: number;
      arrivedAt: number | null;
      /** How the arrival was recorded: geofence / button / lead (shared/domain/incident ArrivalSource); null before arrival or before sources existed. */
      source?: string | null;
      /** Distance from the responder to the site at the dispatch that set the deadline (km); evidence only. */
      distanceKm?: number | null;
    })
  /** An equipment fault. at = reported time; `repairedAt` null while unrepaired. */
  | (FactBase & {
      kind: 'fault';
      faultId: string;
      equipment: string;
      delaysWork: boolean;
      repairedAt: number | null;
    })
  /** A deduction for serious consequences entered by the Center; a higher revision replaces a lower one. at = when it happened. */
  | (FactBase & {
      kind: 'manualDeduction';
      deductionId: string;
      revision: number;
      block: ManualBlock;
      points: number;
      reason: string;
      withdrawn: boolean;
    })
  /** Headcount of a post from the staff records, in force from `at` until the next one. */
  | (FactBase & { kind: 'headcount'; post: Post; headcount: number })
  /**
   * A post's local day as the roster saw it (shared/coverage/staffing-day.ts); wins over `headcount`.
   * at = start of day. `headcount` already counts members whose replacement is overdue as missing.
   * The rest is optional (older callers send only the count): whether the seat team had no law
   * graduate on the books, who was missing, and the 空岗 stretches from the clock-in/out log.
   * The score decides from these, with the month's settings, whether the day is short (staffing.ts).
   */
  | (FactBase & {
      kind: 'dailyHeadcount';
      day: string;
      post: Post;
      headcount: number;
      noLawGraduate?: boolean;
      /** Names: shown to managers, never on the wall. */
      missing?: string[];
      empty?: EmptyStretch[];
    })
  /** Settings changed; a month is scored with the last settings in force before it ends. */
  | (FactBase & { kind: 'settings'; settings: ContractSettings });

export type ScoreFactKind = ScoreFact['kind'];
export type FactOf<K extends ScoreFactKind> = Extract<ScoreFact, { kind: K }>;
