import type { WorkOrder } from '../domain/work-order';
import type { ContractSettings } from '../settings';
import type { ManualBlock } from './blocks';
import type { MonthScore } from './types';

/** A quality check (质检) of an order's content. */
export interface QualityCheck {
  id: string;
  workOrderId: string;
  passed: boolean;
  reason: string | null;
  checkedAt: string;
  checkedBy: string;
}

/** The Center's verdict on an evaluator's report (a work order from the evaluator_report channel). */
export interface EvaluatorVerification {
  id: string;
  reportId: string;
  correct: boolean;
  note: string | null;
  verifiedAt: string;
  verifiedBy: string;
}

export interface EquipmentFault {
  id: string;
  equipment: string;
  description: string;
  /** Only faults that delay work can cost points (造成工作延误的). */
  delaysWork: boolean;
  reportedAt: string;
  reportedBy: string;
  repairedAt: string | null;
  version: number;
}

/** One revision of a deduction for serious consequences; revisions are kept, never overwritten. */
export interface ManualDeduction {
  id: string;
  revision: number;
  block: ManualBlock;
  points: number;
  reason: string;
  /** When the consequence happened: decides the month it is deducted in. */
  occurredAt: string;
  /** The event or entity it refers to, e.g. { entityType: 'incident', entityId: 'INC-7' }. */
  refersTo: { entityType: string; entityId: string } | null;
  withdrawn: boolean;
  enteredBy: string;
  enteredAt: string;
}

/** Events added for the score (shared/events.ts includes them in DomainEvent). */
export type ScoreDomainEvent =
  | { type: 'workOrder.qualityChecked'; payload: { qualityCheck: QualityCheck } }
  /** The Center judged a dispatch wrong; the order's wrongDispatchCount goes up. */
  /** `dispatchedAt`: when the judged dispatch was made: the judgment counts in that month. */
  | { type: 'workOrder.dispatchJudgedWrong'; payload: { workOrder: WorkOrder; dispatchNumber: number; reason: string; dispatchedAt?: string } }
  | { type: 'evaluatorReport.verified'; payload: { verification: EvaluatorVerification } }
  | { type: 'equipment.faultReported' | 'equipment.faultRepaired'; payload: { fault: EquipmentFault } }
  | { type: 'score.deductionEntered' | 'score.deductionRevised'; payload: { deduction: ManualDeduction } }
  | { type: 'settings.changed'; payload: { settings: ContractSettings } }
  /**
   * A month closed (frozen): by a manager (the event's actor) or by itself on the set day (`auto`).
   * `revision` counts the closes of the month; events written before revisions existed lack it.
   */
  | { type: 'score.monthClosed'; payload: { score: MonthScore; revision?: number; auto?: boolean; recomputed?: boolean } }
  /** A closed month reopened by a manager (who: the actor), with the reason: provisional again. */
  | { type: 'score.monthReopened'; payload: { month: string; revision: number; reason: string } };
