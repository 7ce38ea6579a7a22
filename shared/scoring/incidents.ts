import type { ContractSettings } from '../settings';
import type { FactOf } from './facts';

type IncidentFact = FactOf<'incident'>;

/** The deadline that counts: the first dispatch's by default, the latest's with `each_dispatch`. */
export const deadlineOf = (f: IncidentFact, settings: Pick<ContractSettings, 'arrivalDeadlineFrom'>) =>
  settings.arrivalDeadlineFrom === 'each_dispatch' ? f.lastDeadline : f.firstDeadline;

/**
 * 协调不及时 as of `asOf`: the deadline has passed and nobody had arrived by it — whether the
 * responder came later or not at all (counted once, when the deadline passes).
 */
export function isLate(f: IncidentFact, settings: Pick<ContractSettings, 'arrivalDeadlineFrom'>, asOf: number): boolean {
  const deadline = deadlineOf(f, settings);
  return deadline < asOf && (f.arrivedAt === null || f.arrivedAt > deadline);
}
