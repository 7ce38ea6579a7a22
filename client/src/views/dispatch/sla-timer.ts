export type TimerLevel = 'ok' | 'warn' | 'overdue' | 'none';

export interface TimerView {
  /** '12:05' or '1:02:05' left, '-03:10' overdue, '—' without a deadline. */
  text: string;
  level: TimerLevel;
}

const pad = (n: number) => String(n).padStart(2, '0');

function clock(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** Time left to `deadline` at `nowMs` (server-corrected). Warn in the last `warnMs`. */
export function slaTimer(deadline: string | null, nowMs: number, warnMs = 5 * 60_000): TimerView {
  if (!deadline) return { text: '—', level: 'none' };
  const left = Date.parse(deadline) - nowMs;
  if (left < 0) return { text: `-${clock(left)}`, level: 'overdue' };
  return { text: clock(left), level: left <= warnMs ? 'warn' : 'ok' };
}
