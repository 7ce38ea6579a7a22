import { DomainError } from '../../shared/domain/common';
import type { WorkOrder } from '../../shared/domain/work-order';
import {
  faultRepairSchema,
  faultReportSchema,
  judgeDispatchSchema,
  MANUAL_RANGES,
  manualDeductionSchema,
  manualRevisionSchema,
  qualityCheckSchema,
  verifyReportSchema,
  type EquipmentFault,
  type EvaluatorVerification,
  type ManualDeduction,
  type QualityCheck,
} from '../../shared/scoring';
import type { Actor, CommandContext } from '../commands/context';
import { checkClientTime } from '../commands/time-bounds';
import { parseInput } from '../commands/validate';
import type { EntityWrite } from '../store/store';
import { assertVersion, commitEvent, mustExist, type EventDraft } from '../commands/change';
import type { ScoreService } from './score.service';

/**
 * Commands for the facts the score needs that the board does not record. Each is validated,
 * committed as one event in one transaction (with the order's row where it changes one),
 * and published after the commit. Faults and deductions live in the event log itself
 * (settings are server/settings).
 */
export interface ScoreCommands {
  checkQuality(orderId: string, input: unknown, actor: Actor): Promise<QualityCheck>;
  judgeDispatch(orderId: string, input: unknown, actor: Actor): Promise<WorkOrder>;
  verifyReport(reportId: string, input: unknown, actor: Actor): Promise<EvaluatorVerification>;
  reportFault(input: unknown, actor: Actor): Promise<EquipmentFault>;
  repairFault(id: string, input: unknown, actor: Actor): Promise<EquipmentFault>;
  enterDeduction(input: unknown, actor: Actor): Promise<ManualDeduction>;
  reviseDeduction(id: string, input: unknown, actor: Actor): Promise<ManualDeduction>;
}

export function scoreCommands(ctx: CommandContext, scores: ScoreService): ScoreCommands {
  const commit = (event: EventDraft, actor: Actor, at: Date, writes: EntityWrite[] = []) => commitEvent(ctx, actor, at, writes, event);
  /**
   * Faults and deductions live in the service's maps, not in rows with a version column: the new
   * value is claimed in the map before the await, so a concurrent second change sees it and is
   * refused; a failed commit puts the old value back.
   */
  const commitClaimed = async <T>(map: Map<string, T>, id: string, current: T, next: T, event: EventDraft, actor: Actor, at: Date) => {
    map.set(id, next);
    try {
      await commit(event, actor, at);
    } catch (error) {
      map.set(id, current);
      throw error;
    }
  };
  const order = async (id: string) => {
    const found = await ctx.store.getWorkOrder(id);
    if (!found) throw new DomainError('not_found', `work order ${id} not found`, { field: 'id' });
    return found;
  };
  /** When dispatch `n` of the order was made (the judgment counts in that dispatch's month). */
  const dispatchTime = async (orderId: string, n: number, current: WorkOrder): Promise<string | undefined> => {
    if (n === current.dispatchCount) return current.timestamps.dispatched;
    const events = await ctx.store.eventsOf('workOrder', orderId, 1000);
    const dispatches = events.filter((e) => e.type === 'workOrder.dispatched' || e.type === 'workOrder.reassigned').sort((a, b) => a.seq - b.seq);
    return dispatches[n - 1]?.at;
  };
  const notFuture = (at: Date, now: Date, field: string) => {
    if (at.getTime() > now.getTime()) throw new DomainError('invalid', `${field}: cannot be in the future`, { field });
  };

  return {
    async checkQuality(orderId, input, actor) {
      const command = parseInput(qualityCheckSchema, input);
      if (!command.passed && !command.reason) throw new DomainError('invalid', 'reason: required when the check fails', { field: 'reason' });
      await order(orderId);
      const now = ctx.clock.now();
      const qualityCheck = {
        id: ctx.ids.next('QC'),
        workOrderId: orderId,
        passed: command.passed,
        reason: command.reason ?? null,
        checkedAt: now.toISOString(),
        checkedBy: actor.id,
      };
      await commit({ type: 'workOrder.qualityChecked', payload: { qualityCheck }, entityType: 'fact', entityId: orderId }, actor, now);
      return qualityCheck;
    },

    async judgeDispatch(orderId, input, actor) {
      const command = parseInput(judgeDispatchSchema, input);
      const current = await order(orderId);
      assertVersion('work order', orderId, current.version, command.expectedVersion);
      const n = command.dispatchNumber ?? current.dispatchCount;
      if (n < 1 || n > current.dispatchCount) {
        throw new DomainError('invalid', `dispatchNumber: the order has ${current.dispatchCount} dispatch(es)`, { field: 'dispatchNumber' });
      }
      await scores.ready;
      if (scores.isJudgedWrong(orderId, n)) {
        throw new DomainError('conflict', `dispatch ${n} of ${orderId} is already counted as wrong`, { field: 'dispatchNumber' });
      }
      const dispatchedAt = await dispatchTime(orderId, n, current);
      const now = ctx.clock.now();
      const next: WorkOrder = {
        ...current,
        wrongDispatchCount: current.wrongDispatchCount + 1,
        updatedAt: now.toISOString(),
        version: current.version + 1,
      };
      await commit(
        {
          type: 'workOrder.dispatchJudgedWrong',
          payload: { workOrder: next, dispatchNumber: n, reason: command.reason, ...(dispatchedAt ? { dispatchedAt } : {}) },
          entityType: 'workOrder',
          entityId: orderId,
        },
        actor,
        now,
        [{ kind: 'workOrder', entity: next, expectedVersion: current.version }],
      );
      return next;
    },

    async verifyReport(reportId, input, actor) {
      const command = parseInput(verifyReportSchema, input);
      const report = await order(reportId);
      if (report.channel !== 'evaluator_report') {
        throw new DomainError('invalid', `${reportId} is not an evaluator report (channel ${report.channel})`, { field: 'id' });
      }
      const now = ctx.clock.now();
      const verification = {
        id: ctx.ids.next('EV'),
        reportId,
        correct: command.correct,
        note: command.note ?? null,
        verifiedAt: now.toISOString(),
        verifiedBy: actor.id,
      };
      await commit({ type: 'evaluatorReport.verified', payload: { verification }, entityType: 'fact', entityId: reportId }, actor, now);
      return verification;
    },

    async reportFault(input, actor) {
      const command = parseInput(faultReportSchema, input);
      const now = ctx.clock.now();
      const reportedAt = command.reportedAt ? new Date(command.reportedAt) : now;
      notFuture(reportedAt, now, 'reportedAt');
      checkClientTime(ctx, command.reportedAt, 'reportedAt', actor);
      const fault: EquipmentFault = {
        id: ctx.ids.next('EQF'),
        equipment: command.equipment,
        description: command.description ?? '',
        delaysWork: command.delaysWork ?? true,
        reportedAt: reportedAt.toISOString(),
        reportedBy: actor.id,
        repairedAt: null,
        version: 1,
      };
      await commit({ type: 'equipment.faultReported', payload: { fault }, entityType: 'fact', entityId: fault.id }, actor, now);
      return fault;
    },

    async repairFault(id, input, actor) {
      const command = parseInput(faultRepairSchema, input);
      await scores.ready;
      const fault = mustExist('equipment fault', id, scores.faults.get(id));
      assertVersion('equipment fault', id, fault.version, command.expectedVersion);
      if (fault.repairedAt !== null) throw new DomainError('illegal_transition', `fault ${id} is already repaired`, { field: 'id' });
      const now = ctx.clock.now();
      const repairedAt = command.repairedAt ? new Date(command.repairedAt) : now;
      notFuture(repairedAt, now, 'repairedAt');
      if (repairedAt.getTime() < Date.parse(fault.reportedAt)) {
        throw new DomainError('invalid', 'repairedAt: before the fault was reported', { field: 'repairedAt' });
      }
      const next: EquipmentFault = { ...fault, repairedAt: repairedAt.toISOString(), version: fault.version + 1 };
      await commitClaimed(
        scores.faults,
        id,
        fault,
        next,
        { type: 'equipment.faultRepaired', payload: { fault: next }, entityType: 'fact', entityId: id },
        actor,
        now,
      );
      return next;
    },

    async enterDeduction(input, actor) {
      const command = parseInput(manualDeductionSchema, input);
      const now = ctx.clock.now();
      const occurredAt = command.occurredAt ? new Date(command.occurredAt) : now;
      notFuture(occurredAt, now, 'occurredAt');
      const deduction: ManualDeduction = {
        id: ctx.ids.next('DED'),
        revision: 1,
        block: command.block,
        points: command.points,
        reason: command.reason,
        occurredAt: occurredAt.toISOString(),
        refersTo: command.refersTo ?? null,
        withdrawn: false,
        enteredBy: actor.id,
        enteredAt: now.toISOString(),
      };
      await commit({ type: 'score.deductionEntered', payload: { deduction }, entityType: 'score', entityId: deduction.id }, actor, now);
      return deduction;
    },

    async reviseDeduction(id, input, actor) {
      const command = parseInput(manualRevisionSchema, input);
      await scores.ready;
      const current = mustExist('deduction', id, scores.deductions.get(id));
      // A deduction counts revisions, not versions: the same check on its own field.
      assertVersion('deduction', id, current.revision, command.expectedRevision, 'expectedRevision');
      const points = command.points ?? current.points;
      const range = MANUAL_RANGES[current.block];
      if (points < range.min || points > range.max) {
        throw new DomainError('invalid', `points: must be ${range.min}–${range.max} for ${current.block}`, { field: 'points' });
      }
      const now = ctx.clock.now();
      const next: ManualDeduction = {
        ...current,
        revision: current.revision + 1,
        points,
        reason: command.reason,
        withdrawn: command.withdrawn ?? false,
        enteredBy: actor.id,
        enteredAt: now.toISOString(),
      };
      await commitClaimed(
        scores.deductions,
        id,
        current,
        next,
        { type: 'score.deductionRevised', payload: { deduction: next }, entityType: 'score', entityId: id },
        actor,
        now,
      );
      return next;
    },
  };
}
