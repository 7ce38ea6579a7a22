export type TimerLevel = 'ok' | 'warn' | 'overdue' | 'none';

export interface TimerView {
  /** '12:05' or '1:02:05' left, '4天 23:59' beyond a day, '-03:10' overdue, '—' without a deadline. */
  text: string;
  level: TimerLevel;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Beyond a day a lead needs days and hours, not '119:59:24': seconds would only flicker. */
function clock(ms: number, dayUnit: string): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  if (total >= 86_400) {
    const d = Math.floor(total / 86_400);
    return `${d}${dayUnit} ${pad(Math.floor((total % 86_400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}`;
  }
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** Time left to `deadline` at `nowMs` (server-corrected). Warn in the last `warnMs`. */
export function slaTimer(deadline: string | null, nowMs: number, warnMs = 5 * 60_000, dayUnit = 'd'): TimerView {
  if (!deadline) return { text: '—', level: 'none' };
  const left = Date.parse(deadline) - nowMs;
  if (left < 0) return { text: `-${clock(left, dayUnit)}`, level: 'overdue' };
  return { text: clock(left, dayUnit), level: left <= warnMs ? 'warn' : 'ok' };
}
