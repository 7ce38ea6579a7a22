import { localParts } from '../../../../../shared/time';

const pad = (n: number) => String(n).padStart(2, '0');

/** 'HH:MM:SS' in the Center's zone, whatever zone the kiosk's browser is set to. */
export function formatClock(ms: number, timeZone: string): string {
  const p = localParts(new Date(ms), timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** 'YYYY-MM-DD' and the weekday (0 = Sunday) in the Center's zone. */
export function formatDate(ms: number, timeZone: string): { date: string; weekday: number } {
  const p = localParts(new Date(ms), timeZone);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, weekday: p.weekday };
}
