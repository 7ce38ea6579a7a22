import { describe, expect, it } from 'vitest';
import { backlogByStage } from '../../../shared/board/backlog';
import { emptyState, pruneClosedBefore } from '../../../shared/board/state';
import { newWorkOrder, workOrderIntakeSchema, type WorkOrder, type WorkOrderState } from '../../../shared/domain/work-order';
import { streetOfficeOf } from '../../../shared/geo/street-office';

const NOW = Date.parse('2025-03-14T10:00:00+08:00');
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();
let n = 0;

/** An order that entered `state` `minutes` ago, with a handling deadline `deadlineIn` minutes from now (null = none). */
function order(state: WorkOrderState, minutes: number, deadlineIn: number | null, extra: Partial<WorkOrder> = {}): WorkOrder {
  const location = { lat: 45.6, lng: 84.87, address: extra.location?.address ?? '克拉玛依区天山路街道天山路1号' };
  const intake = workOrderIntakeSchema.parse({
    channel: 'hotline_12345',
    externalId: `x-${++n}`,
    title: '井盖破损',
    category: { kind: 'component', class: 'public_facilities', subClass: '井盖破损' },
    location,
  });
  const o = newWorkOrder(`WO-${n}`, intake, location, new Date(ago(minutes + 60)));
  return {
    ...o,
    ...extra,
    location,
    state,
    handlingDeadline: deadlineIn === null ? null : new Date(NOW + deadlineIn * 60_000).toISOString(),
    timestamps: { ...o.timestamps, [state]: ago(minutes) },
    updatedAt: ago(minutes),
  };
}

describe('backlog by stage', () => {
  it('counts each stage, its oldest wait and its share inside the handling deadline', () => {
    const b = backlogByStage(
      [
        order('received', 5, null),
        order('received', 42, null),
        order('filed', 30, 60),
        order('filed', 90, -10, { department: '城管执法局' }),
        order('dispatched', 600, -120, { department: '城管执法局', location: { lat: 0, lng: 0, address: '克拉玛依区胜利路街道石油小区3栋' } }),
        order('in_progress', 20, 300, { department: '住建局' }),
        order('handled', 15, -5),
        order('suspended', 10, -100),
        order('called_back', 1, null),
      ],
      NOW,
    );
    const stage = Object.fromEntries(b.stages.map((s) => [s.stage, s]));
    expect(b.stages.map((s) => s.stage)).toEqual(['received', 'filed', 'dispatched', 'in_progress', 'handled']);
    expect(stage.received).toMatchObject({ count: 2, oldestMs: 42 * 60_000, onTimePct: null, overdue: 0 });
    expect(stage.filed).toMatchObject({ count: 2, oldestMs: 90 * 60_000, onTimePct: 50, overdue: 1 });
    expect(stage.dispatched).toMatchObject({ count: 1, oldestMs: 600 * 60_000, onTimePct: 0, overdue: 1 });
    expect(stage.in_progress).toMatchObject({ count: 1, onTimePct: 100, overdue: 0 });
    // Handled 15 minutes ago, 5 minutes before its deadline passed: on time, and no longer "overdue".
    expect(stage.handled).toMatchObject({ count: 1, onTimePct: 100, overdue: 0 });
    expect(b.parked).toBe(1);
    expect(b.overdue).toBe(2);
    expect(b.topDepartments).toEqual([{ name: '城管执法局', overdue: 2 }]);
    // A tie is broken by the name in Chinese order (pinyin: sheng before tian), so the list holds still.
    expect(b.topStreets).toEqual([
      { name: '胜利路街道', overdue: 1 },
      { name: '天山路街道', overdue: 1 },
    ]);
  });

  it('reads the street office from an address, or a town road named after it', () => {
    expect(streetOfficeOf('克拉玛依区银河路街道银河路12号')).toBe('银河路街道');
    expect(streetOfficeOf('天山路 58 号')).toBe('天山路街道');
    expect(streetOfficeOf('克拉玛依区小拐乡村委会附近')).toBe('小拐乡');
    expect(streetOfficeOf('友谊路 33 号')).toBeNull();
    expect(streetOfficeOf(undefined)).toBeNull();
  });
});

describe('pruning the board as the day turns', () => {
  it('drops what a snapshot would not hold: items closed before the cut-off, never open ones', () => {
    const state = emptyState();
    const dayStart = NOW - 10 * 3_600_000;
    const closedYesterday = order('called_back', 11 * 60, null);
    const closedToday = order('called_back', 60, null);
    const openOld = order('dispatched', 30 * 60, -100);
    for (const o of [closedYesterday, closedToday, openOld]) state.workOrders[o.id] = o;
    state.incidents['INC-1'] = { id: 'INC-1', state: 'closed', closedAt: ago(11 * 60) } as never;
    state.incidents['INC-2'] = { id: 'INC-2', state: 'on_scene', closedAt: null } as never;
    expect(pruneClosedBefore(state, dayStart)).toBe(2);
    expect(Object.keys(state.workOrders).sort()).toEqual([closedToday.id, openOld.id].sort());
    expect(Object.keys(state.incidents)).toEqual(['INC-2']);
  });
});
