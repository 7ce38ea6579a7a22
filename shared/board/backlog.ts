import { streetOfficeOf } from '../geo/street-office';
import type { WorkOrder, WorkOrderState } from '../domain/work-order';

/**
 * The backlog by stage, as a 数字城管 wall shows it: how much work waits at each step of the
 * pipeline, how long the oldest item has waited there, the share still inside its handling
 * deadline, and which street offices and departments hold the overdue items.
 *
 * Folded from the board state (shared/board/state.ts), the same orders the dispatch board shows,
 * so the wall cannot disagree with it. Each stage is the state an order waits in, named by the
 * step it waits for:
 *   received    → 待立单 (to be filed by a seat)
 *   filed       → 待派遣 (to be dispatched)
 *   dispatched  → 待受理 (the department has not accepted it yet: 12345 承办单位签收)
 *   in_progress → 处置中
 *   handled     → 待回访 (to be called back)
 * Suspended and difficult orders have their clock stopped and are counted apart (`parked`).
 */
export const BACKLOG_STAGES = ['received', 'filed', 'dispatched', 'in_progress', 'handled'] as const satisfies readonly WorkOrderState[];
export type BacklogStage = (typeof BACKLOG_STAGES)[number];

export interface StageBacklog {
  stage: BacklogStage;
  count: number;
  /** ms the longest-waiting order has been in this stage; null when the stage is empty. */
  oldestMs: number | null;
  /** % of the stage's orders with a handling deadline that are inside it (handled: handled in time); null with none. */
  onTimePct: number | null;
  overdue: number;
}

export interface Ranked {
  name: string;
  overdue: number;
}

export interface Backlog {
  stages: StageBacklog[];
  parked: number;
  /** Open orders past their handling deadline (not yet handled, not parked). */
  overdue: number;
  topStreets: Ranked[];
  topDepartments: Ranked[];
}

const STAGE_SET: ReadonlySet<string> = new Set(BACKLOG_STAGES);

/** Overdue = past the handling deadline and still waiting to be handled (the clock stops at 办结). */
export function isOverdue(order: WorkOrder, now: number): boolean {
  if (!order.handlingDeadline || order.state === 'handled' || !STAGE_SET.has(order.state)) return false;
  return Date.parse(order.handlingDeadline) <= now;
}

function onTime(order: WorkOrder, now: number): boolean | null {
  if (!order.handlingDeadline) return null;
  const deadline = Date.parse(order.handlingDeadline);
  if (order.state === 'handled') return Date.parse(order.timestamps.handled ?? order.updatedAt) <= deadline;
  return deadline > now;
}

export function backlogByStage(orders: Iterable<WorkOrder>, now: number, top = 3): Backlog {
  const acc = new Map<BacklogStage, { count: number; oldest: number; dated: number; inTime: number; overdue: number }>(
    BACKLOG_STAGES.map((s) => [s, { count: 0, oldest: Infinity, dated: 0, inTime: 0, overdue: 0 }]),
  );
  const streets = new Map<string, number>();
  const departments = new Map<string, number>();
  let parked = 0;
  let overdue = 0;
  for (const o of orders) {
    if (o.state === 'suspended' || o.state === 'difficult') parked++;
    const a = acc.get(o.state as BacklogStage);
    if (!a) continue;
    a.count++;
    const entered = Date.parse(o.timestamps[o.state] ?? o.updatedAt);
    if (entered < a.oldest) a.oldest = entered;
    const ok = onTime(o, now);
    if (ok !== null) {
      a.dated++;
      if (ok) a.inTime++;
    }
    if (!isOverdue(o, now)) continue;
    a.overdue++;
    overdue++;
    const street = streetOfficeOf(o.location.address);
    if (street) streets.set(street, (streets.get(street) ?? 0) + 1);
    if (o.department) departments.set(o.department, (departments.get(o.department) ?? 0) + 1);
  }
  return {
    stages: BACKLOG_STAGES.map((stage) => {
      const a = acc.get(stage)!;
      return {
        stage,
        count: a.count,
        oldestMs: a.count ? Math.max(0, now - a.oldest) : null,
        onTimePct: a.dated ? (a.inTime / a.dated) * 100 : null,
        overdue: a.overdue,
      };
    }),
    parked,
    overdue,
    topStreets: ranked(streets, top),
    topDepartments: ranked(departments, top),
  };
}

/** Most overdue first; ties by name so the list does not shuffle between renders. */
function ranked(counts: Map<string, number>, top: number): Ranked[] {
  return [...counts]
    .map(([name, overdue]) => ({ name, overdue }))
    .sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, top);
}
