import { CHANNELS, type Channel, type WorkOrder } from '../../../../../shared/domain/work-order';

/** The steps of the pipeline the wall counts, in order (GLOSSARY states). */
export const FLOW_STEPS = ['received', 'filed', 'dispatched', 'handled', 'called_back'] as const;
export type FlowStep = (typeof FLOW_STEPS)[number];

export interface FlowToday {
  /** Orders that entered each step today (the Center's local day). */
  byStep: Record<FlowStep, number>;
  /** Orders received today, per intake channel. */
  byChannel: Record<Channel, number>;
  /** Called back / due a callback (handled today or later, parked orders excluded); null with none due. */
  callbackRate: number | null;
  /** Correct dispatches / dispatches, over orders dispatched today; null with none. */
  dispatchAccuracy: number | null;
}

const AFTER_HANDLED = new Set(['handled', 'called_back', 'evaluated']);

export function flowToday(orders: Iterable<WorkOrder>, dayStart: number, dayEnd: number): FlowToday {
  const byStep = Object.fromEntries(FLOW_STEPS.map((s) => [s, 0])) as Record<FlowStep, number>;
  const byChannel = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
  const today = (iso: string | undefined) => {
    if (!iso) return false;
    const t = Date.parse(iso);
    return t >= dayStart && t < dayEnd;
  };
  let due = 0;
  let calledBack = 0;
  let dispatches = 0;
  let wrong = 0;
  for (const o of orders) {
    for (const step of FLOW_STEPS) if (today(o.timestamps[step])) byStep[step]++;
    if (today(o.timestamps.received)) byChannel[o.channel]++;
    if (today(o.timestamps.handled) && AFTER_HANDLED.has(o.state)) {
      due++;
      if (o.state !== 'handled') calledBack++;
    }
    if (today(o.timestamps.dispatched) && o.dispatchCount > 0) {
      dispatches += o.dispatchCount;
      wrong += o.wrongDispatchCount;
    }
  }
  return {
    byStep,
    byChannel,
    callbackRate: due ? (calledBack / due) * 100 : null,
    dispatchAccuracy: dispatches ? ((dispatches - wrong) / dispatches) * 100 : null,
  };
}
