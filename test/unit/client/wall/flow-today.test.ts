import { describe, expect, it } from 'vitest';
import type { WorkOrder } from '../../../../shared/domain/work-order';
import { flowToday } from '../../../../client/src/views/wall/derive/flow-today';

const DAY = Date.parse('2025-03-14T00:00:00+08:00');
const at = (h: number) => new Date(DAY + h * 3_600_000).toISOString();
const yesterday = new Date(DAY - 3_600_000).toISOString();

function order(over: Partial<WorkOrder>): WorkOrder {
  return { channel: 'hotline_12345', state: 'received', timestamps: { received: at(9) }, dispatchCount: 0, wrongDispatchCount: 0, ...over } as WorkOrder;
}

describe("today's work-order flow", () => {
  const orders = [
    order({}),
    order({ channel: 'wechat', state: 'dispatched', timestamps: { received: at(8), filed: at(8.1), dispatched: at(8.2) }, dispatchCount: 1 }),
    order({ state: 'dispatched', timestamps: { received: yesterday, filed: yesterday, dispatched: at(10) }, dispatchCount: 2, wrongDispatchCount: 1 }),
    order({ state: 'handled', timestamps: { received: yesterday, handled: at(11) }, dispatchCount: 1 }),
    order({ state: 'called_back', timestamps: { received: yesterday, handled: at(11), called_back: at(12) }, dispatchCount: 1 }),
    order({ channel: 'app', state: 'suspended', timestamps: { received: at(13) } }),
  ];
  const flow = flowToday(orders, DAY, DAY + 86_400_000);

  it('counts the orders that entered each step today, and today’s intake by channel', () => {
    expect(flow.byStep).toEqual({ received: 3, filed: 1, dispatched: 2, handled: 2, called_back: 1 });
    expect(flow.byChannel.hotline_12345).toBe(1);
    expect(flow.byChannel.wechat).toBe(1);
    expect(flow.byChannel.app).toBe(1);
  });

  it('gives the callback rate over orders handled today and the dispatch accuracy over today’s dispatches', () => {
    expect(flow.callbackRate).toBe(50);
    expect(flow.dispatchAccuracy).toBeCloseTo((2 / 3) * 100);
  });

  it('has no rate rather than 0 % or 100 % when nothing is due', () => {
    const empty = flowToday([order({})], DAY, DAY + 86_400_000);
    expect(empty.callbackRate).toBeNull();
    expect(empty.dispatchAccuracy).toBeNull();
  });
});
