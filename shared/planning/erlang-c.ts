/**
 * Erlang C: the M/M/N queue a call center is planned with. Calls arrive at random (Poisson), each
 * takes an exponentially distributed handling time, callers wait in line until a seat is free and
 * nobody hangs up. We use C rather than Erlang A (with abandonment): the 12345 hotline's abandonment
 * rate is not in the order log, and a model that ignores hang-ups errs towards more seats, which is
 * the safe side for a contract that scores every hour of every day.
 *
 * Offered load A (erlangs) = arrivals per hour × handling hours per call. With N seats:
 *   Erlang B by the usual recursion B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1))  (stable for large N)
 *   P(wait) = C(N, A) = N·B(N) / (N − A·(1 − B(N)))                 (1 when N ≤ A: the queue never empties)
 *   service level SL(t) = 1 − C · e^(−(N − A)·t / AHT)               (share answered within t)
 *   average speed of answer ASA = C · AHT / (N − A)
 */

/** Probability that a caller has to wait, for `seats` servers under `load` erlangs. */
export function erlangC(seats: number, load: number): number {
  if (!Number.isInteger(seats) || seats < 0) throw new RangeError(`seats must be a whole number ≥ 0, got ${seats}`);
  if (!(load >= 0) || !Number.isFinite(load)) throw new RangeError(`load must be a finite number ≥ 0, got ${load}`);
  if (load === 0) return 0;
  if (seats <= load) return 1;
  let blocking = 1;
  for (let k = 1; k <= seats; k++) blocking = (load * blocking) / (k + load * blocking);
  return (seats * blocking) / (seats - load * (1 - blocking));
}

export interface QueueFigures {
  /** Offered load in erlangs. */
  load: number;
  /** Share of callers who wait at all. */
  waitProbability: number;
  /** Share of callers answered within the target time (0…1). */
  serviceLevel: number;
  /** Average wait in seconds; Infinity when the seats cannot keep up. */
  averageSpeedOfAnswerSeconds: number;
  /** Busy share of the seats' time. */
  occupancy: number;
}

export interface QueueInput {
  seats: number;
  callsPerHour: number;
  handlingSeconds: number;
  answerSeconds: number;
}

export function queueFigures({ seats, callsPerHour, handlingSeconds, answerSeconds }: QueueInput): QueueFigures {
  if (!(handlingSeconds > 0)) throw new RangeError(`handlingSeconds must be > 0, got ${handlingSeconds}`);
  if (!(answerSeconds >= 0)) throw new RangeError(`answerSeconds must be ≥ 0, got ${answerSeconds}`);
  const load = (callsPerHour * handlingSeconds) / 3600;
  const waitProbability = erlangC(seats, load);
  if (load === 0) return { load, waitProbability: 0, serviceLevel: 1, averageSpeedOfAnswerSeconds: 0, occupancy: 0 };
  if (seats <= load) return { load, waitProbability: 1, serviceLevel: 0, averageSpeedOfAnswerSeconds: Infinity, occupancy: 1 };
  const spare = seats - load;
  return {
    load,
    waitProbability,
    serviceLevel: Math.max(0, 1 - waitProbability * Math.exp((-spare * answerSeconds) / handlingSeconds)),
    averageSpeedOfAnswerSeconds: (waitProbability * handlingSeconds) / spare,
    occupancy: load / seats,
  };
}

export interface ServiceTarget {
  /** Share of calls to answer within `answerSeconds` (e.g. 0.8 for "80/20"). */
  serviceLevel: number;
  answerSeconds: number;
}

/** The fewest seats that answer `serviceLevel` of the calls within `answerSeconds`; 0 when no call is expected. */
export function seatsForTarget(callsPerHour: number, handlingSeconds: number, target: ServiceTarget): number {
  if (!(target.serviceLevel > 0 && target.serviceLevel < 1)) throw new RangeError(`serviceLevel must be in (0, 1), got ${target.serviceLevel}`);
  if (callsPerHour <= 0) return 0;
  const load = (callsPerHour * handlingSeconds) / 3600;
  // Start at the first N that can keep up at all; service level only grows with N (tested).
  for (let seats = Math.max(1, Math.floor(load) + 1); ; seats++) {
    const { serviceLevel } = queueFigures({ seats, callsPerHour, handlingSeconds, answerSeconds: target.answerSeconds });
    if (serviceLevel >= target.serviceLevel) return seats;
  }
}
