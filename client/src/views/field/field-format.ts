/** "2.7 km" above a kilometre, "850 m" below it: what a driver reads at a glance. */
export function formatDistance(metres: number): string {
  return metres >= 1000 ? `${(metres / 1000).toFixed(1)} km` : `${Math.round(metres)} m`;
}

/** mm:ss, or h:mm:ss past an hour; the sign is the caller's (countdown vs overdue). */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/** Colour by state only (WALL.md): green, amber under 5 minutes, red when overdue. */
export const countdownState = (remainingMs: number) => (remainingMs < 0 ? 'bad' : remainingMs < 5 * 60_000 ? 'warn' : 'ok');

/** HH:mm in the Center's time zone. */
export function clockTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}
