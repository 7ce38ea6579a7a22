/** Small helpers shared by the benchmarks: percentiles and a fixed-width report line. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function report(label: string, value: number, unit: string) {
  console.log(`${label.padEnd(48)} ${value.toFixed(value >= 100 ? 0 : 2).padStart(10)} ${unit}`);
}

/** Benchmarks measure the pipeline, not logins: every caller is an administrator. */
export const benchAuthenticator = { actorFor: () => Promise.resolve({ id: 'bench', role: 'admin' as const }) };
