import type { Cause } from '../../../../shared/scoring/types';

/** Money and points as the Center writes them: 168,333.33 and 92.5. */
export const money = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const points = (n: number) => String(Math.round(n * 100) / 100);
export const percent = (n: number | null) => (n === null ? '—' : `${points(n)} %`);

/** 'MM-DD HH:mm' in the Center's time zone, whatever zone the browser is in. */
export function localTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** The months of a contract year, 'YYYY-MM', from first to last inclusive. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number);
  const [ly, lm] = last.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** The detail of a cause as label keys and values for the page (i18n in the component). */
export function causeDetail(cause: Cause, timeZone: string): Array<{ key: string; params: Record<string, unknown> } | { text: string }> {
  const d = cause.detail;
  const out: Array<{ key: string; params: Record<string, unknown> } | { text: string }> = [];
  // Staffing: which reason (缺编 by count or law graduate, 空岗 from the clock log), when, and who.
  if (typeof d.headcount === 'number' && d.teamShort !== false) out.push({ key: 'score.detail.headcount', params: d });
  if (d.noLawGraduate === true) out.push({ key: 'score.detail.noLawGraduate', params: {} });
  if (typeof d.emptyFrom === 'string' && typeof d.emptyTo === 'string') {
    out.push({
      key: 'score.detail.postEmpty',
      params: {
        from: localTime(d.emptyFrom, timeZone).slice(6),
        to: localTime(d.emptyTo, timeZone).slice(6),
        onDuty: d.onDuty,
        minimum: d.onDutyMinimum,
        minutes: d.emptyMinutes,
      },
    });
    if (typeof d.emptyStretches === 'number' && d.emptyStretches > 1) out.push({ key: 'score.detail.moreStretches', params: { n: d.emptyStretches } });
  }
  if (typeof d.missing === 'string') out.push({ key: 'score.detail.missing', params: { names: d.missing } });
  if (typeof d.absent === 'string') out.push({ key: 'score.detail.absent', params: { names: d.absent } });
  if (typeof d.dispatch === 'number') out.push({ key: 'score.detail.dispatch', params: d });
  if (d.by === 'center') out.push({ key: 'score.detail.byCenter', params: {} });
  if (d.by === 'reassign') out.push({ key: 'score.detail.byReassign', params: {} });
  if (typeof d.deadline === 'string') out.push({ key: 'score.detail.deadline', params: { time: localTime(d.deadline, timeZone) } });
  if (typeof d.distanceKm === 'number') out.push({ key: 'score.detail.distance', params: { km: Math.round(d.distanceKm * 10) / 10 } });
  // The evidence behind an arrival time (geofence / button / lead): the contract pays on it.
  if (d.arrivalSource === 'geofence' || d.arrivalSource === 'button' || d.arrivalSource === 'lead') {
    out.push({ key: `score.detail.arrival.${d.arrivalSource}`, params: {} });
  }
  if (typeof d.hours === 'number') out.push({ key: 'score.detail.hours', params: d });
  if (typeof d.revision === 'number') out.push({ key: 'score.detail.revision', params: d });
  if (d.withdrawn === true) out.push({ key: 'score.detail.withdrawn', params: {} });
  for (const field of ['reason', 'note', 'equipment'] as const) {
    if (typeof d[field] === 'string' && d[field]) out.push({ text: d[field] });
  }
  return out;
}
