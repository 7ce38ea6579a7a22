import { describe, expect, it } from 'vitest';
import { applyWorkOrderAction, newWorkOrder, type WorkOrder, type WorkOrderAction } from '../../../shared/domain/work-order';
import { newIncident, applyIncidentAction } from '../../../shared/domain/incident';
import type { EventEnvelope } from '../../../shared/events';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { createFactDeriver, factsFromEvent, factsFromEvents, scoreFacts } from '../../../shared/scoring';

let seq = 0;
const envelope = (type: string, payload: unknown, at: string, entityType = 'workOrder', entityId = 'WO-1'): EventEnvelope =>
  ({ seq: ++seq, type, payload, at: new Date(at).toISOString(), actor: 'lead-1', entityType, entityId }) as EventEnvelope;

const intake = {
  channel: 'hotline_12345' as const,
  externalId: 'x-1',
  category: { kind: 'component' as const, class: 'public_facilities', subClass: '井盖破损' },
  title: '井盖破损',
  description: '',
  location: { lat: 45.59, lng: 84.87 },
  priority: 'normal' as const,
};

/** Runs an order through actions, returning the events a server would log. */
function lifecycle(steps: Array<[WorkOrderAction, string, Record<string, unknown>?]>): EventEnvelope[] {
  let order: WorkOrder = newWorkOrder('WO-1', intake as never, intake.location, new Date('2025-03-02T09:00:00+08:00'));
  const events = [envelope('workOrder.received', { workOrder: order }, '2025-03-02T09:00:00+08:00')];
  for (const [action, at, extra] of steps) {
    order = applyWorkOrderAction(order, action, new Date(at), () => new Date(at));
    events.push(envelope(`workOrder.${eventName(action.action)}`, { workOrder: order, ...extra }, at));
  }
  return events;
}
const eventName = (a: string) =>
  ({
    'mark-difficult': 'markedDifficult',
    callback: 'calledBack',
    file: 'filed',
    dispatch: 'dispatched',
    reassign: 'reassigned',
    handle: 'handled',
    suspend: 'suspended',
    resume: 'resumed',
    start: 'started',
    reopen: 'reopened',
  })[a] ?? a;

describe('facts from the foundation’s events', () => {
  it('a wrongly dispatched order, reassigned and called back: 2 dispatches, 1 wrong, callback done', () => {
    const events = lifecycle([
      [{ action: 'file', expectedVersion: 1 }, '2025-03-02T09:05:00+08:00'],
      [{ action: 'dispatch', expectedVersion: 2, department: '城管局' }, '2025-03-02T09:10:00+08:00'],
      [
        { action: 'reassign', expectedVersion: 3, department: '住建局', wrongDispatch: true },
        '2025-03-02T11:00:00+08:00',
        { wrongDispatch: true, reason: '派错' },
      ],
      [{ action: 'handle', expectedVersion: 4 }, '2025-03-03T15:00:00+08:00'],
      [{ action: 'callback', expectedVersion: 5 }, '2025-03-04T10:00:00+08:00'],
    ]);
    const s = scoreFacts('2025-03', factsFromEvents(events), DEFAULT_SETTINGS, { asOf: Date.parse('2025-04-01T00:00:00+08:00') });
    expect(s.rates.find((r) => r.rate === 'dispatchAccuracy')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(s.rates.find((r) => r.rate === 'callbackRate')).toMatchObject({ numerator: 1, denominator: 1 });
    const cause = s.blocks.find((b) => b.block === 'dispatchAccuracy')!.lines[0].causes[0];
    expect(cause).toMatchObject({
      what: 'wrongDispatch',
      id: 'WO-1',
      actor: 'lead-1',
      seq: events[3].seq,
      detail: { dispatch: 1, by: 'reassign', reason: '派错' },
    });
  });

  it('a reassignment for another reason (wrongDispatch false) is a dispatch but not a wrong one', () => {
    const events = lifecycle([
      [{ action: 'file', expectedVersion: 1 }, '2025-03-02T09:05:00+08:00'],
      [{ action: 'dispatch', expectedVersion: 2, department: '城管局' }, '2025-03-02T09:10:00+08:00'],
      [{ action: 'reassign', expectedVersion: 3, department: '住建局', wrongDispatch: false }, '2025-03-02T11:00:00+08:00', { wrongDispatch: false }],
    ]);
    expect(factsFromEvents(events).map((f) => f.kind)).toEqual(['dispatch', 'dispatch']);
  });

  it('an order suspended once and handled later stays outside the callback rate', () => {
    const events = lifecycle([
      [{ action: 'file', expectedVersion: 1 }, '2025-03-02T09:05:00+08:00'],
      [{ action: 'suspend', expectedVersion: 2, reason: '等待材料' }, '2025-03-02T10:00:00+08:00'],
      [{ action: 'resume', expectedVersion: 3 }, '2025-03-05T10:00:00+08:00'],
      [{ action: 'dispatch', expectedVersion: 4, department: '城管局' }, '2025-03-05T10:10:00+08:00'],
      [{ action: 'handle', expectedVersion: 5 }, '2025-03-06T10:00:00+08:00'],
    ]);
    const due = factsFromEvents(events).find((f) => f.kind === 'callbackDue');
    expect(due).toMatchObject({ excluded: true });
  });

  it('a callback in April of an order handled on 31 March counts for March', () => {
    const events = lifecycle([
      [{ action: 'file', expectedVersion: 1 }, '2025-03-30T09:05:00+08:00'],
      [{ action: 'dispatch', expectedVersion: 2, department: '城管局' }, '2025-03-30T09:10:00+08:00'],
      [{ action: 'handle', expectedVersion: 3 }, '2025-03-31T22:00:00+08:00'],
      [{ action: 'callback', expectedVersion: 4 }, '2025-04-01T09:00:00+08:00'],
    ]);
    const march = scoreFacts('2025-03', factsFromEvents(events), DEFAULT_SETTINGS, { asOf: Date.parse('2025-04-02T00:00:00+08:00') });
    expect(march.rates.find((r) => r.rate === 'callbackRate')).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('返工: an order handled, called back, sent back, handled and called back again is one order due and one called back', () => {
    // WO-1: handled 3 Mar, called back, the citizen says unresolved → 返工 4 Mar, handled 5 Mar, called back.
    // WO-2: handled 3 Mar, never called back. Facts for WO-1: due (3 Mar) +1, done +1, withdrawn −1 −1
    // (dated 3 Mar, the 办结 it undoes), due (5 Mar) +1, done +1 → due 1, done 1. Callback rate 1 ÷ 2 = 50 %
    // (counted twice it would read 2 ÷ 3; with only the dues doubled, 1 ÷ 3).
    const reworked = lifecycle([
      [{ action: 'file', expectedVersion: 1 }, '2025-03-02T09:05:00+08:00'],
      [{ action: 'dispatch', expectedVersion: 2, department: '城管局' }, '2025-03-02T09:10:00+08:00'],
      [{ action: 'handle', expectedVersion: 3 }, '2025-03-03T10:00:00+08:00'],
      [{ action: 'callback', expectedVersion: 4 }, '2025-03-03T15:00:00+08:00'],
      [
        { action: 'reopen', expectedVersion: 5, reasonCode: 'not_resolved' },
        '2025-03-04T09:00:00+08:00',
        { reopen: { reason: 'not_resolved', from: 'called_back' } },
      ],
      [{ action: 'handle', expectedVersion: 6 }, '2025-03-05T10:00:00+08:00'],
      [{ action: 'callback', expectedVersion: 7 }, '2025-03-05T15:00:00+08:00'],
    ]);
    const facts = factsFromEvents(reworked);
    expect(facts.map((f) => f.kind)).toEqual(['dispatch', 'callbackDue', 'calledBack', 'callbackWithdrawn', 'callbackDue', 'calledBack']);
    expect(facts[3]).toMatchObject({ calledBack: true, at: Date.parse('2025-03-03T10:00:00+08:00') });
    const other = lifecycle([
      [{ action: 'file', expectedVersion: 1 }, '2025-03-02T09:05:00+08:00'],
      [{ action: 'dispatch', expectedVersion: 2, department: '城管局' }, '2025-03-02T09:10:00+08:00'],
      [{ action: 'handle', expectedVersion: 3 }, '2025-03-03T10:00:00+08:00'],
    ]).map(
      (e) =>
        ({
          ...e,
          entityId: 'WO-2',
          payload: { ...e.payload, workOrder: { ...(e.payload as { workOrder: WorkOrder }).workOrder, id: 'WO-2' } },
        }) as EventEnvelope,
    );
    const s = scoreFacts('2025-03', [...facts, ...factsFromEvents(other)], DEFAULT_SETTINGS, { asOf: Date.parse('2025-03-06T00:00:00+08:00') });
    expect(s.rates.find((r) => r.rate === 'callbackRate')).toMatchObject({ numerator: 1, denominator: 2, percent: 50 });
  });

  it('返工 across months: handled 31 March and sent back, handled again 2 April → due in April only', () => {
    const events = lifecycle([
      [{ action: 'file', expectedVersion: 1 }, '2025-03-30T09:05:00+08:00'],
      [{ action: 'dispatch', expectedVersion: 2, department: '城管局' }, '2025-03-30T09:10:00+08:00'],
      [{ action: 'handle', expectedVersion: 3 }, '2025-03-31T22:00:00+08:00'],
      [
        { action: 'reopen', expectedVersion: 4, reasonCode: 'poorly_handled' },
        '2025-04-01T09:00:00+08:00',
        { reopen: { reason: 'poorly_handled', from: 'handled' } },
      ],
      [{ action: 'handle', expectedVersion: 5 }, '2025-04-02T10:00:00+08:00'],
    ]);
    const asOf = Date.parse('2025-04-03T00:00:00+08:00');
    const facts = factsFromEvents(events);
    // March: due 1 − 1 = 0, nothing to judge; April: due 1, not yet called back → 0 ÷ 1.
    expect(scoreFacts('2025-03', facts, DEFAULT_SETTINGS, { asOf }).rates.find((r) => r.rate === 'callbackRate')).toMatchObject({
      numerator: 0,
      denominator: 0,
    });
    expect(scoreFacts('2025-04', facts, DEFAULT_SETTINGS, { asOf }).rates.find((r) => r.rate === 'callbackRate')).toMatchObject({
      numerator: 0,
      denominator: 1,
    });
  });

  it('an incident reached after its deadline is a late arrival', () => {
    const reported = newIncident(
      'INC-1',
      { kind: 'fire', title: '火情', location: { lat: 45.6, lng: 84.9 } } as never,
      { lat: 45.6, lng: 84.9 },
      new Date('2025-03-02T09:00:00+08:00'),
    );
    const dispatched = applyIncidentAction(
      reported,
      { action: 'dispatch', expectedVersion: 1, responderId: 'R-1' },
      new Date('2025-03-02T09:01:00+08:00'),
      'lead',
      {
        responderPosition: { lat: 45.6, lng: 84.8 },
        distanceKm: 7.8,
        deadline: new Date('2025-03-02T09:21:00+08:00'),
      },
    );
    const arrived = applyIncidentAction(dispatched, { action: 'arrive', expectedVersion: 2 }, new Date('2025-03-02T09:25:00+08:00'), 'R-1');
    const facts = factsFromEvent(envelope('incident.arrived', { incident: arrived }, '2025-03-02T09:25:00+08:00', 'incident', 'INC-1'));
    expect(facts).toMatchObject([
      { kind: 'incident', incidentId: 'INC-1', firstDeadline: Date.parse('2025-03-02T09:21:00+08:00'), arrivedAt: Date.parse('2025-03-02T09:25:00+08:00') },
    ]);
  });

  it('staff records give each post’s headcount; a duty toggle does not change it', () => {
    const deriver = createFactDeriver();
    const staff = (id: string, post: string, active = true, onDuty = false) => ({ id, name: id, post, onDuty, active, updatedAt: '', version: 1 });
    deriver.derive(envelope('staff.added', { staff: staff('S1', 'seat') }, '2025-03-01T08:00:00+08:00', 'staff', 'S1'));
    const second = deriver.derive(envelope('staff.added', { staff: staff('S2', 'seat') }, '2025-03-01T08:00:00+08:00', 'staff', 'S2'));
    expect(second).toMatchObject([{ kind: 'headcount', post: 'seat', headcount: 2 }]);
    expect(deriver.derive(envelope('staff.dutyChanged', { staff: staff('S2', 'seat', true, true) }, '2025-03-01T09:00:00+08:00', 'staff', 'S2'))).toEqual([]);
    const left = deriver.derive(envelope('staff.dutyChanged', { staff: staff('S2', 'seat', false) }, '2025-03-02T09:00:00+08:00', 'staff', 'S2'));
    expect(left).toMatchObject([{ kind: 'headcount', post: 'seat', headcount: 1 }]);
  });
});
