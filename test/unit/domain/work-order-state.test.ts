import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/domain/common';
import {
  applyWorkOrderAction,
  isSeatAction,
  newWorkOrder,
  workOrderActionSchema,
  type WorkOrder,
  type WorkOrderAction,
} from '../../../shared/domain/work-order';

const at = new Date('2025-03-14T07:00:00Z');
const deadline = () => new Date('2025-03-19T07:00:00Z');

function order(): WorkOrder {
  return newWorkOrder(
    'WO-1',
    {
      channel: 'hotline_12345',
      externalId: 'x',
      category: { kind: 'event', class: 'street_order', subClass: '占道经营' },
      title: '占道经营',
      description: '',
      location: { lat: 45.6, lng: 84.87 },
      priority: 'normal',
    },
    { lat: 45.6, lng: 84.87 },
    at,
  );
}

/** An action without its expectedVersion (distributed over the union, so each keeps its fields). */
type ActionInput = WorkOrderAction extends infer A ? (A extends WorkOrderAction ? Omit<A, 'expectedVersion'> : never) : never;

function run(o: WorkOrder, ...actions: ActionInput[]): WorkOrder {
  return actions.reduce((current, a) => applyWorkOrderAction(current, { ...a, expectedVersion: current.version }, at, deadline), o);
}

describe('work-order lifecycle', () => {
  it('walks received → filed → dispatched → in progress → handled → called back → evaluated', () => {
    const done = run(
      order(),
      { action: 'file' },
      { action: 'dispatch', department: '城管局' },
      { action: 'start' },
      { action: 'handle' },
      { action: 'callback' },
      { action: 'evaluate', satisfaction: 'satisfied' },
    );
    expect(done.state).toBe('evaluated');
    expect(done.version).toBe(7);
    expect(done.handlingDeadline).toBe('2025-03-19T07:00:00.000Z');
    expect(Object.keys(done.timestamps).sort()).toEqual(['called_back', 'dispatched', 'evaluated', 'filed', 'handled', 'in_progress', 'received']);
  });

  it('返工: a lead sends a handled or called-back order back to 处置中, counted on the order; an evaluated one stays closed', () => {
    const handled = run(order(), { action: 'file' }, { action: 'dispatch', department: '城管局' }, { action: 'start' }, { action: 'handle' });
    const fromHandled = run(handled, { action: 'reopen', reasonCode: 'not_resolved' });
    expect(fromHandled).toMatchObject({ state: 'in_progress', reopenCount: 1, department: '城管局', version: 6 });
    expect(fromHandled.timestamps.reopened).toBe(at.toISOString());
    // Handled again, called back, citizen not satisfied: back again, and then the workflow goes on as before.
    const again = run(
      fromHandled,
      { action: 'handle' },
      { action: 'callback' },
      { action: 'reopen', reasonCode: 'citizen_dissatisfied', note: '群众反映仍未修好' },
    );
    expect(again).toMatchObject({ state: 'in_progress', reopenCount: 2 });
    const closed = run(again, { action: 'handle' }, { action: 'callback' }, { action: 'evaluate', satisfaction: 'satisfied' });
    expect(closed).toMatchObject({ state: 'evaluated', reopenCount: 2 });
    expect(() => run(closed, { action: 'reopen', reasonCode: 'not_resolved' })).toThrow(/cannot reopen: a work order in state 'evaluated'/);
    // Not before 办结: an order in progress cannot be "reworked".
    expect(() => run(fromHandled, { action: 'reopen', reasonCode: 'not_resolved' })).toThrow(/cannot reopen: a work order in state 'in_progress'/);
    expect(order().reopenCount).toBe(0);
  });

  it('返工 needs a reason code from the list; the note is optional free text', () => {
    const ok = workOrderActionSchema.safeParse({ action: 'reopen', expectedVersion: 5, reasonCode: 'poorly_handled' });
    expect(ok.success).toBe(true);
    expect(workOrderActionSchema.safeParse({ action: 'reopen', expectedVersion: 5 }).success).toBe(false);
    expect(workOrderActionSchema.safeParse({ action: 'reopen', expectedVersion: 5, reasonCode: '没修好' }).success).toBe(false);
    expect(workOrderActionSchema.safeParse({ action: 'reopen', expectedVersion: 5, reasonCode: 'not_resolved', note: 'x'.repeat(2001) }).success).toBe(false);
    expect(isSeatAction('reopen')).toBe(false);
  });

  it('refuses an illegal transition and names the current state', () => {
    try {
      run(order(), { action: 'handle' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('illegal_transition');
      expect((error as DomainError).details.currentState).toBe('received');
    }
  });

  it('a reassignment counts as a dispatch, and a wrong one against accuracy', () => {
    const o = run(order(), { action: 'file' }, { action: 'dispatch', department: 'A' }, { action: 'reassign', department: 'B', wrongDispatch: true });
    expect(o.dispatchCount).toBe(2);
    expect(o.wrongDispatchCount).toBe(1);
    expect(o.department).toBe('B');
  });

  it('suspend and resume return the order to where it was', () => {
    const o = run(order(), { action: 'file' }, { action: 'dispatch', department: 'A' }, { action: 'start' }, { action: 'suspend', reason: '等待配件' });
    expect(o.state).toBe('suspended');
    expect(run(o, { action: 'resume' }).state).toBe('in_progress');
  });

  it('supervise flags an open order without changing its state', () => {
    const o = run(order(), { action: 'file' }, { action: 'supervise' });
    expect(o.state).toBe('filed');
    expect(o.supervised).toBe(true);
  });
});

describe('suspension pauses the handling clock', () => {
  it('a 5-hour 挂起 moves the deadline by 5 hours; 疑难 the same', () => {
    const filed = applyWorkOrderAction(order(), { action: 'file', expectedVersion: 1 }, at, deadline);
    expect(filed.handlingDeadline).toBe('2025-03-19T07:00:00.000Z');
    const suspended = applyWorkOrderAction(filed, { action: 'suspend', reason: '等待业主', expectedVersion: 2 }, new Date('2025-03-14T08:00:00Z'), deadline);
    const resumed = applyWorkOrderAction(suspended, { action: 'resume', expectedVersion: 3 }, new Date('2025-03-14T13:00:00Z'), deadline);
    expect(resumed.state).toBe('filed');
    expect(resumed.handlingDeadline).toBe('2025-03-19T12:00:00.000Z');
    const difficult = applyWorkOrderAction(
      resumed,
      { action: 'mark-difficult', reason: '跨部门', expectedVersion: 4 },
      new Date('2025-03-15T00:00:00Z'),
      deadline,
    );
    const again = applyWorkOrderAction(difficult, { action: 'resume', expectedVersion: 5 }, new Date('2025-03-15T01:30:00Z'), deadline);
    expect(again.handlingDeadline).toBe('2025-03-19T13:30:00.000Z');
  });
});
