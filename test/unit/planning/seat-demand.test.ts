import { describe, expect, it } from 'vitest';
import { seatDemand, calendarDays, handlingSecondsByChannel, type OrderArrival, type SeatDemandInput } from '../../../shared/planning/seat-demand';
import { startOfDayKey, addDaysToKey } from '../../../shared/time';

const ZONE = 'Asia/Shanghai';
const at = (day: string, hour: number, minute = 0) => startOfDayKey(day, ZONE).getTime() + hour * 3_600_000 + minute * 60_000;

/** 10 hotline calls at 10:xx on each Monday of the four weeks before 2025-03-10 (a Monday). */
function mondayMorningCalls(): OrderArrival[] {
  const orders: OrderArrival[] = [];
  for (const monday of ['2025-02-10', '2025-02-17', '2025-02-24', '2025-03-03'])
    for (let i = 0; i < 10; i++) orders.push({ channel: 'hotline_12345', receivedAt: at(monday, 10, i * 5), filedAt: null });
  return orders;
}

function input(overrides: Partial<SeatDemandInput>): SeatDemandInput {
  return {
    fromDay: '2025-03-10',
    days: 1,
    history: mondayMorningCalls(),
    lookbackDays: 28,
    timeZone: ZONE,
    calendar: () => 'ordinary',
    target: { serviceLevel: 0.8, answerSeconds: 20 },
    seatsPlanned: new Array(24).fill(2),
    seatMinimum: new Array(24).fill(2),
    ...overrides,
  };
}

describe('seat demand from the order log', () => {
  it('a Monday hour that saw 10 calls in each of four Mondays needs 3 seats for 80 % in 20 s (worked by hand)', () => {
    // 10 calls/h × 360 s (hotline default: fewer than 20 measured) = 1 erlang.
    // 2 seats: C = 1/3, SL = 1 − (1/3)·e^(−(2−1)·20/360) = 0.685 < 0.8.
    // 3 seats: B(1)=1/2, B(2)=0.2, B(3)=0.0625; C = 3·0.0625 / (3 − 1·0.9375) = 0.0909;
    //          SL = 1 − 0.0909·e^(−2·20/360) = 0.919 ≥ 0.8 → 3 seats; 2 planned → short.
    const rows = seatDemand(input({}));
    expect(rows).toHaveLength(24);
    const ten = rows[10];
    expect(ten.hour).toBe('2025-03-10T02:00:00.000Z');
    expect(ten.expectedOrders).toBe(10);
    expect(ten.handlingMinutes).toBe(6);
    expect(ten.seatsNeeded).toBe(3);
    expect(ten.short).toBe(true);
    // Every other hour saw nothing: no seat needed, not short.
    expect(rows.filter((r) => r.seatsNeeded > 0).map((r) => r.hour)).toEqual([ten.hour]);
  });

  it('a Tuesday is not a Monday: its own (empty) history rules it', () => {
    const rows = seatDemand(input({ fromDay: '2025-03-11' }));
    expect(rows.every((r) => r.seatsNeeded === 0 && !r.short)).toBe(true);
  });

  it('a make-up workday with no history of its kind borrows the weekday mean; a holiday borrows the weekend', () => {
    // Sunday 2025-03-16 declared a make-up workday: Mon–Fri mean at 10:00 = 10 / 5 = 2 calls/h.
    // 2 × 360 s = 0.2 erlang; 1 seat: C = 0.2, SL = 1 − 0.2·e^(−0.8·20/360) = 0.809 ≥ 0.8 → 1 seat.
    const makeup = seatDemand(input({ fromDay: '2025-03-16', calendar: (d) => (d === '2025-03-16' ? 'makeup_workday' : 'ordinary') }));
    expect(makeup[10].expectedOrders).toBe(2);
    expect(makeup[10].seatsNeeded).toBe(1);
    // Monday 2025-03-17 declared a holiday: it takes the (empty) weekend pattern, not Monday's.
    const holiday = seatDemand(input({ fromDay: '2025-03-17', calendar: (d) => (d === '2025-03-17' ? 'holiday' : 'ordinary') }));
    expect(holiday[10].expectedOrders).toBe(0);
  });

  it('the handling time is the median receive → file of a channel once it has 20 samples; queues are not samples', () => {
    const orders: OrderArrival[] = [];
    for (let i = 0; i < 21; i++) orders.push({ channel: 'wechat', receivedAt: 0, filedAt: (100 + i) * 1000 });
    orders.push({ channel: 'wechat', receivedAt: 0, filedAt: 5 * 3_600_000 }); // five hours in a queue
    for (let i = 0; i < 5; i++) orders.push({ channel: 'app', receivedAt: 0, filedAt: 50_000 });
    const handling = handlingSecondsByChannel(orders);
    expect(handling.wechat).toBe(110);
    expect(handling.app).toBe(240); // 5 samples: the default stands
  });

  it('planned seats and the contract minimum come through per hour', () => {
    const planned = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? 5 : 2));
    const rows = seatDemand(input({ seatsPlanned: planned, seatMinimum: planned.map((p) => (p === 5 ? 4 : 2)) }));
    expect(rows[10]).toMatchObject({ seatsPlanned: 5, seatMinimum: 4, short: false });
    expect(rows[3]).toMatchObject({ seatsPlanned: 2, seatMinimum: 2, short: false });
  });

  it('reads the working calendar: National Day is a holiday, the 调休 Sunday before it a make-up workday', () => {
    const kinds = calendarDays({
      isWorkday: (d) => d === '2025-09-28' || !['2025-10-01', '2025-10-04', '2025-09-27', '2025-10-05'].includes(d),
      holidayName: (d) => (d === '2025-10-01' || d === '2025-10-04' ? '国庆节' : null),
    });
    expect(kinds('2025-10-01')).toBe('holiday');
    expect(kinds('2025-10-04')).toBe('holiday'); // a Saturday inside the holiday
    expect(kinds('2025-09-28')).toBe('makeup_workday'); // Sunday worked
    expect(kinds('2025-09-27')).toBe('ordinary'); // an ordinary Saturday
    expect(kinds(addDaysToKey('2025-09-28', 1))).toBe('ordinary');
  });
});
