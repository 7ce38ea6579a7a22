import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../../shared/domain/incident';
import type { WorkOrder } from '../../../../shared/domain/work-order';
import { formatCountdown, incidentCountdowns, orderDeadlines, ordersDueBy } from '../../../../client/src/views/wall/derive/countdowns';

const NOW = Date.parse('2025-03-14T07:42:07Z');
const min = 60_000;

function incident(id: string, over: Partial<Incident>): Incident {
  return {
    id,
    kind: 'waterlogging',
    title: `事件${id}`,
    location: { lat: 45.6, lng: 84.87, address: '天山路' },
    severity: 'major',
    state: 'en_route',
    reportedAt: new Date(NOW - 10 * min).toISOString(),
    responderId: 'R1',
    dispatchedAt: new Date(NOW - 5 * min).toISOString(),
    dispatchPosition: null,
    distanceKm: 3,
    arrivalDeadline: new Date(NOW + 10 * min).toISOString(),
    arrivedAt: null,
    late: null,
    reports: [],
    closedAt: null,
    updatedAt: new Date(NOW).toISOString(),
    version: 2,
    ...over,
  };
}

describe('arrival countdowns on the wall', () => {
  it('lists the worst first: breached, then least time left, then the undispatched; on-scene ones leave', () => {
    const rows = incidentCountdowns(
      [
        incident('ok', { arrivalDeadline: new Date(NOW + 11 * min).toISOString() }),
        incident('near', { arrivalDeadline: new Date(NOW + 3 * min).toISOString() }),
        incident('late', { arrivalDeadline: new Date(NOW - 2 * min - 5000).toISOString() }),
        incident('waiting', { state: 'reported', responderId: null, arrivalDeadline: null, dispatchedAt: null }),
        incident('there', { state: 'on_scene' }),
        incident('done', { state: 'closed' }),
      ],
      NOW,
    );
    expect(rows.map((r) => [r.id, r.urgency])).toEqual([
      ['late', 'breached'],
      ['near', 'near'],
      ['ok', 'ok'],
      ['waiting', 'waiting'],
    ]);
    expect(formatCountdown(rows[0].msLeft!)).toBe('02:05');
    expect(rows[0].place).toBe('天山路');
  });

  it('turns amber under five minutes and red at the deadline', () => {
    const at = (msLeft: number) => incidentCountdowns([incident('a', { arrivalDeadline: new Date(NOW + msLeft).toISOString() })], NOW)[0].urgency;
    expect(at(5 * min)).toBe('ok');
    expect(at(5 * min - 1000)).toBe('near');
    expect(at(0)).toBe('breached');
  });

  it('formats mm:ss, and h:mm:ss past an hour', () => {
    expect(formatCountdown(3 * min + 12_000)).toBe('03:12');
    expect(formatCountdown(61 * min + 5000)).toBe('1:01:05');
  });
});

describe('work orders near or past their handling deadline', () => {
  const order = (id: string, state: WorkOrder['state'], deadlineIn: number | null) =>
    ({ id, title: id, state, handlingDeadline: deadlineIn === null ? null : new Date(NOW + deadlineIn).toISOString() }) as WorkOrder;

  it('shows overdue first, then the ones due within the hour; parked, handled and far ones are left out', () => {
    const rows = orderDeadlines(
      [
        order('soon', 'dispatched', 20 * min),
        order('over', 'in_progress', -90 * min),
        order('later', 'filed', 3 * 60 * min),
        order('parked', 'suspended', -60 * min),
        order('handled', 'handled', -60 * min),
        order('closed', 'called_back', -60 * min),
        order('none', 'received', null),
      ],
      NOW,
      30,
    );
    expect(rows.map((r) => [r.id, r.urgency])).toEqual([
      ['over', 'breached'],
      ['soon', 'near'],
    ]);
  });

  it('lists an order still 已受理 past the 受理→立单 limit as overdue, and not one inside it', () => {
    const received = (id: string, agoMin: number) =>
      ({ id, title: id, state: 'received', handlingDeadline: null, createdAt: new Date(NOW - agoMin * min).toISOString() }) as WorkOrder;
    const rows = orderDeadlines([received('fresh', 10), received('waiting', 45)], NOW, 30);
    expect(rows.map((r) => [r.id, r.urgency, r.toFile, r.msLeft])).toEqual([['waiting', 'breached', true, -15 * min]]);
  });

  it('picks once a minute every order that can be listed before the next minute ends, so each second looks at those alone', () => {
    const received = (id: string, agoMin: number) =>
      ({ id, title: id, state: 'received', handlingDeadline: null, createdAt: new Date(NOW - agoMin * min).toISOString() }) as WorkOrder;
    const orders = [
      order('over', 'in_progress', -5 * min),
      order('enters in 90 s', 'dispatched', 61.5 * min),
      order('far', 'filed', 3 * 60 * min),
      received('file limit in 30 s', 29.5),
      received('fresh', 10),
    ];
    const horizon = NOW + 2 * min;
    const due = ordersDueBy(orders, horizon, 30);
    expect(due.map((o) => o.id)).toEqual(['over', 'enters in 90 s', 'file limit in 30 s']);
    // At every second until the horizon the list drawn from them is the list drawn from all.
    for (let t = NOW; t <= horizon; t += 1000) expect(orderDeadlines(due, t, 30)).toEqual(orderDeadlines(orders, t, 30));
  });
});
