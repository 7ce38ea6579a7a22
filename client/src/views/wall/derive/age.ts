/** How long the oldest item has waited, in the largest two units: 2天03时, 5时12分, 42分. */
export type AgeParts = { key: 'days'; d: number; h: string } | { key: 'hours'; h: number; m: string } | { key: 'minutes'; m: number };

export function ageParts(ms: number): AgeParts {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (minutes >= 24 * 60) return { key: 'days', d: Math.floor(minutes / 1440), h: pad(Math.floor((minutes % 1440) / 60)) };
  if (minutes >= 60) return { key: 'hours', h: Math.floor(minutes / 60), m: pad(minutes % 60) };
  return { key: 'minutes', m: minutes };
}
