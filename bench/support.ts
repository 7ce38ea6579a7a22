/** Small helpers shared by the benchmarks: percentiles and a fixed-width report line. */
import { loadavg } from 'node:os';

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The 1-, 5- and 15-minute load averages, printed beside every figure (the machine is shared). */
export function loadAverage(): string {
  return `load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
}

export function report(label: string, value: number, unit: string) {
  console.log(`${label.padEnd(60)} ${value.toFixed(value >= 100 ? 0 : 2).padStart(10)} ${unit.padEnd(9)} ${loadAverage()}`);
}

/** Benchmarks measure the pipeline, not logins: every caller is an administrator. */
export const benchAuthenticator = { actorFor: () => Promise.resolve({ id: 'bench', role: 'admin' as const }) };
