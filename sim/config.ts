/** Everything that shapes a simulated center, with presets for the demo, tests and month fills. */
export interface SimConfig {
  seed: number;
  timeZone: string;
  /** Each local day draws its order total uniformly from this range. */
  ordersPerDay: { min: number; max: number };
  /** Mean emergencies per day (Poisson). */
  incidentsPerDay: number;
  /** Mean equipment faults per week (only when the server has the route). */
  faultsPerWeek: number;
  /** Shares of things going wrong, each 0..1. */
  mistakes: {
    rejected: number;
    wrongDispatch: number;
    qualityFail: number;
    /** Evaluator reports (测评员上报) the Center finds wrong on verification (错报). */
    evaluatorWrong: number;
    missedCallback: number;
    /** Called-back orders the citizen reports still unresolved: the lead sends them back (返工). */
    reopened: number;
    suspend: number;
    difficult: number;
    /** A seat or responder clocking in late, by a few minutes. */
    lateClockIn: number;
  };
  /** How often a driving responder posts a position, in simulated seconds. */
  positionEverySec: number;
  /** How often an idle on-duty responder posts a position, in simulated minutes. */
  idlePingMin: number;
  team: { seat: number; responder: number; evaluator: number };
  /**
   * On start, orders that "arrived" in this many past hours (backdated receivedAt) land at once
   * and are worked through in the first minutes, so a demo board is busy from the first glance.
   */
  warmStartHours: number;
  /** Prefix of staff ids and external ids, so two sims (or a sim and real data) never collide. */
  idPrefix: string;
}

export const DEFAULT_SIM_CONFIG: SimConfig = {
  seed: 1,
  timeZone: 'Asia/Shanghai',
  ordersPerDay: { min: 240, max: 360 },
  incidentsPerDay: 6,
  faultsPerWeek: 2,
  mistakes: {
    rejected: 0.04,
    wrongDispatch: 0.025,
    qualityFail: 0.015,
    evaluatorWrong: 0.01,
    missedCallback: 0.02,
    reopened: 0.02,
    suspend: 0.01,
    difficult: 0.005,
    lateClockIn: 0.03,
  },
  positionEverySec: 30,
  idlePingMin: 15,
  team: { seat: 17, responder: 4, evaluator: 3 },
  warmStartHours: 0,
  idPrefix: 'SIM',
};

/** `npm start`: a board that looks busy at real-time speed (3–4 orders a minute at the peaks). */
export const DEMO_SIM_CONFIG: SimConfig = {
  ...DEFAULT_SIM_CONFIG,
  ordersPerDay: { min: 1800, max: 2400 },
  incidentsPerDay: 12,
  warmStartHours: 2,
  positionEverySec: 5,
  idlePingMin: 5,
  idPrefix: 'DEMO',
};

/**
 * Month fills, tests and benchmarks: the same mix at a smaller district's volume, fewer idle
 * pings (they only move dots on the map), so a month fits in under a minute.
 */
export const FAST_SIM_CONFIG: SimConfig = {
  ...DEFAULT_SIM_CONFIG,
  ordersPerDay: { min: 150, max: 230 },
  positionEverySec: 90,
  idlePingMin: 120,
};

export function withOverrides(base: SimConfig, overrides: Partial<SimConfig> = {}): SimConfig {
  return {
    ...base,
    ...overrides,
    ordersPerDay: { ...base.ordersPerDay, ...overrides.ordersPerDay },
    mistakes: { ...base.mistakes, ...overrides.mistakes },
    team: { ...base.team, ...overrides.team },
  };
}
