import { describe, expect, it } from 'vitest';
import { incidentArrivalLate, incidentWaitingTooLong, orderDueLevel, orderStage } from '../../../shared/board/stages';
import { DEFAULT_SETTINGS } from '../../../shared/settings';

const at = Date.parse('2025-03-14T02:00:00Z');
const order = (state: string, extra: Record<string, unknown> = {}) =>
  ({ state, channel: 'hotline_12345', createdAt: new Date(at).toISOString(), handlingDeadline: null, ...extra }) as never;

describe('order stages (the board tabs and the wall backlog)', () => {
  it.each([
    ['received', 'wechat', 'to_accept'],
    ['received', 'hotline_12345', 'to_file'],
    ['filed', 'app', 'to_dispatch'],
    ['suspended', 'app', 'in_hand'],
    ['handled', 'app', 'to_call_back'],
    ['evaluated', 'app', 'closed'],
  ])('%s from %s → %s', (state, channel, stage) => {
    expect(orderStage(order(state, { channel }))).toBe(stage);
  });
});

describe('due levels', () => {
  it('a received order is overdue 30 minutes after it came in (受理→立单)', () => {
    expect(orderDueLevel(order('received'), at + 29 * 60_000, DEFAULT_SETTINGS)).toBe('due_soon');
    expect(orderDueLevel(order('received'), at + 31 * 60_000, DEFAULT_SETTINGS)).toBe('overdue');
  });

  it('a filed order follows its handling deadline; a suspended one is paused', () => {
    const deadline = new Date(at + 10 * 3_600_000).toISOString();
    expect(orderDueLevel(order('filed', { handlingDeadline: deadline }), at, DEFAULT_SETTINGS)).toBe('ok');
    expect(orderDueLevel(order('filed', { handlingDeadline: deadline }), at + 7 * 3_600_000, DEFAULT_SETTINGS)).toBe('due_soon');
    expect(orderDueLevel(order('dispatched', { handlingDeadline: deadline }), at + 11 * 3_600_000, DEFAULT_SETTINGS)).toBe('overdue');
    expect(orderDueLevel(order('suspended', { handlingDeadline: deadline }), at + 11 * 3_600_000, DEFAULT_SETTINGS)).toBe('ok');
  });

  it('an incident waiting undispatched past the alert limit, and a late arrival', () => {
    const reportedAt = new Date(at).toISOString();
    expect(incidentWaitingTooLong({ state: 'reported', reportedAt }, at + 9 * 60_000, DEFAULT_SETTINGS.alerts)).toBe(false);
    expect(incidentWaitingTooLong({ state: 'reported', reportedAt }, at + 11 * 60_000, DEFAULT_SETTINGS.alerts)).toBe(true);
    expect(incidentArrivalLate({ state: 'en_route', arrivalDeadline: reportedAt }, at + 1)).toBe(true);
    expect(incidentArrivalLate({ state: 'on_scene', arrivalDeadline: reportedAt }, at + 1)).toBe(false);
  });
});

describe('临期 of a received order', () => {
  it('is the last third of the 受理→立单 limit, not the hours window of handling deadlines', () => {
    expect(orderDueLevel(order('received'), at + 5 * 60_000, DEFAULT_SETTINGS)).toBe('ok');
    expect(orderDueLevel(order('received'), at + 21 * 60_000, DEFAULT_SETTINGS)).toBe('due_soon');
  });
});
