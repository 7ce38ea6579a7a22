import type { EventEnvelope } from '../../../../shared/events';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** One line for an event: "派遣给 艾力", "改派至 城管局"; the raw type when no label exists yet. */
export function describeEvent(event: EventEnvelope, t: Translate, has: (key: string) => boolean, staffName: (id: string) => string): string {
  // 首报 and 续报 are one event type: the report it appended says which.
  if (event.type === 'incident.reported') {
    const kind = event.payload.incident.reports.at(-1)?.kind;
    if (kind && has(`incidentReports.kind.${kind}`)) return t(`incidentReports.kind.${kind}`);
  }
  const key = `dispatch.event.${event.type}`;
  if (!has(key)) return event.type;
  const payload = event.payload;
  const responderId = 'incident' in payload ? payload.incident.responderId : null;
  const department = 'workOrder' in payload ? payload.workOrder.department : null;
  // 返工: the reason code in words, and the lead's note for whoever handles it again (the board only: the wall's events carry no note).
  const reopen = 'reopen' in payload ? payload.reopen : undefined;
  const note = reopen && 'note' in payload && payload.note ? ` — ${payload.note}` : '';
  return t(key, {
    responder: responderId ? staffName(responderId) : '—',
    department: department ?? '—',
    days: 'days' in payload ? payload.days : '',
    reason: reopen ? t(`board.reopenReason.${reopen.reason}`) : '—',
    note,
  });
}

/** The photos a 首报 / 续报 / 结案 event brought (the report it appended is the incident's last). */
export function photosOf(event: EventEnvelope): readonly string[] {
  if (event.type !== 'incident.reported' && event.type !== 'incident.closed') return [];
  return event.payload.incident.reports.at(-1)?.photos ?? [];
}

const formats = new Map<string, Intl.DateTimeFormat>();
/** The time of day in the Center's zone, whatever zone the browser is set to ('14:05:09'). */
export function timeOf(iso: string, timeZone: string): string {
  let f = formats.get(timeZone);
  if (!f) formats.set(timeZone, (f = new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })));
  return f.format(new Date(iso));
}
