import type { EventEnvelope } from '../events';
import type { ContractSettings } from '../settings';
import { boundariesOf, sameBoundaries } from './service-period';
import { addFact, createAccumulator, type MonthAccumulator } from './accumulator';
import type { ScoreFact } from './facts';
import { createFactDeriver } from './from-events';
import { scoreFromAccumulator, type ScoreContext } from './score';
import type { MonthScore } from './types';

/**
 * Full recomputation: a fresh accumulator for `month`, every fact folded in order.
 * `settings` are those in force before any settings fact in `facts`; the month's boundaries (time
 * zone, service periods, month kind) are the last ones set before the month ends.
 */
export function foldMonth(month: string, facts: readonly ScoreFact[], settings: ContractSettings): MonthAccumulator {
  let last = settings;
  const probe = createAccumulator(month, settings);
  for (const f of facts) if (f.kind === 'settings' && f.at < probe.endMs) last = f.settings;
  const acc = sameBoundaries(last, settings) ? probe : createAccumulator(month, { ...settings, ...boundariesOf(last) });
  for (const f of facts) addFact(acc, f);
  return acc;
}

export function scoreFacts(month: string, facts: readonly ScoreFact[], settings: ContractSettings, context: ScoreContext): MonthScore {
  return scoreFromAccumulator(foldMonth(month, facts, settings), context);
}

/**
 * Full recomputation straight from the event log, without holding every fact at once
 * (a city-scale month is 1.5 million events). Same result as foldMonth(factsFromEvents(events)).
 * One pass in the common case: the events are folded with the boundaries of `settings`, and only
 * when a settings change before the month's end moved them are they folded again with those.
 */
export function foldEvents(month: string, events: readonly EventEnvelope[], settings: ContractSettings): MonthAccumulator {
  const probe = createAccumulator(month, settings);
  const last = foldInto(probe, events, settings);
  if (sameBoundaries(last, settings)) return probe;
  const acc = createAccumulator(month, { ...settings, ...boundariesOf(last) });
  foldInto(acc, events, settings);
  return acc;
}

/** Folds every event's facts into `acc`; returns the last settings set before the month's end. */
function foldInto(acc: MonthAccumulator, events: readonly EventEnvelope[], settings: ContractSettings): ContractSettings {
  let last = settings;
  const deriver = createFactDeriver();
  const fold = (f: ScoreFact) => {
    if (f.kind === 'settings' && f.at < acc.endMs) last = f.settings;
    addFact(acc, f);
  };
  // Indexed, not for…of: the loop runs once over 1.5 million events, and V8 left its iterator's
  // result objects unoptimised (60 MB of garbage per month folded).
  for (let i = 0; i < events.length; i++) deriver.deriveInto(events[i], fold);
  return last;
}

/** Facts of a whole event log, in order (staff events become headcounts through the roster). */
export function factsFromEvents(events: Iterable<EventEnvelope>): ScoreFact[] {
  const deriver = createFactDeriver();
  const facts: ScoreFact[] = [];
  for (const e of events) for (const f of deriver.derive(e)) facts.push(f);
  return facts;
}
