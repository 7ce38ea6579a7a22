import type { ApiClient, ApiResult } from './api-client';
import type { SimConfig } from './config';
import type { Scheduler } from './scheduler';
import type { SimStats } from './stats';

/** A responder as the simulated shift lead knows it. */
export interface ResponderState {
  id: string;
  onDuty: boolean;
  busy: boolean;
  lat: number;
  lng: number;
  base: { lat: number; lng: number };
}

/** What every actor shares: the API, the clock loop, the config, the figures, the team. */
export interface SimContext {
  api: ApiClient;
  sched: Scheduler;
  config: SimConfig;
  stats: SimStats;
  responders: ResponderState[];
  /** Optional routes other issues add; switched off at the first sign they are not there. */
  features: OptionalFeatures;
  log: (message: string) => void;
  /** Sends one command and counts its outcome. */
  call<T>(label: string, request: Promise<ApiResult<T>>): Promise<ApiResult<T>>;
}

export interface OptionalFeatures {
  qualityCheck: boolean;
  evaluatorVerification: boolean;
  equipmentFaults: boolean;
}

/**
 * An optional route that is not there yet (404/405) or whose body shape we guessed wrong (400):
 * the feature is switched off, the sim goes on. Only used for routes called with ids we know exist.
 */
export function routeMissing(result: ApiResult<unknown>): boolean {
  if (result.ok) return false;
  return result.status === 404 || result.status === 405 || result.status === 400;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
