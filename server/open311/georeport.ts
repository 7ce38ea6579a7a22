import { CATEGORY_CODES, categoryClassEntry, categoryCodeOf, type CategoryCodeEntry } from '../../shared/domain/category-codes';
import type { WorkOrder, WorkOrderState } from '../../shared/domain/work-order';
import { zoneOffsetMinutes } from '../../shared/time';

/**
 * GeoReport v2 (Open311) shapes, built from GridOps data. Pure: no I/O.
 * Spec: https://wiki.open311.org/GeoReport_v2 — services are the national 小类 table, requests
 * are work orders seen from outside: no reporter, and typed text only for staff callers.
 */

export type Lang = 'zh-CN' | 'en';

export interface Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

export interface ServiceRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string | null;
  service_code: string | null;
  description?: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: null;
  zipcode: null;
  lat: number;
  long: number;
  media_url: null;
}

/** Work-order states in which the problem is done with, for GeoReport's open/closed. */
export const CLOSED_STATES: readonly WorkOrderState[] = ['handled', 'called_back', 'evaluated', 'rejected'];
export const OPEN_STATES: readonly WorkOrderState[] = ['received', 'filed', 'dispatched', 'in_progress', 'suspended', 'difficult'];

const STATE_NOTES: Record<WorkOrderState, { 'zh-CN': string; en: string }> = {
  received: { 'zh-CN': '已受理', en: 'received' },
  filed: { 'zh-CN': '已立单', en: 'filed' },
  rejected: { 'zh-CN': '不予立案', en: 'rejected at screening' },
  dispatched: { 'zh-CN': '已派遣', en: 'dispatched' },
  in_progress: { 'zh-CN': '处置中', en: 'in progress' },
  handled: { 'zh-CN': '已办结', en: 'handled' },
  called_back: { 'zh-CN': '已回访', en: 'called back' },
  evaluated: { 'zh-CN': '已评价', en: 'evaluated (citizen satisfaction)' },
  suspended: { 'zh-CN': '挂起', en: 'suspended' },
  difficult: { 'zh-CN': '疑难', en: 'difficult' },
};

const name = (e: { nameZh: string; nameEn: string }, lang: Lang) => (lang === 'en' ? e.nameEn : e.nameZh);

export function serviceOf(entry: CategoryCodeEntry, lang: Lang): Service {
  const cls = categoryClassEntry(entry.kind, entry.class)!;
  const kindName = entry.kind === 'component' ? (lang === 'en' ? 'Component' : '部件') : lang === 'en' ? 'Event' : '事件';
  return {
    service_code: entry.serviceCode,
    service_name: name(entry, lang),
    description: `${kindName} · ${name(cls, lang)} · ${name(entry, lang)}${entry.local ? (lang === 'en' ? ' (local, not in the national table)' : '（本地扩展）') : ''}`,
    metadata: false,
    type: 'realtime',
    // Pickers on the other side search these: pinyin initials, both names, the bare code.
    keywords: [entry.code, entry.initials, entry.nameZh, entry.nameEn].join(','),
    group: `${kindName} · ${name(cls, lang)}`,
  };
}

export const serviceList = (lang: Lang): Service[] => CATEGORY_CODES.map((e) => serviceOf(e, lang));

/** ISO 8601 with the Center's UTC offset (2026-05-09T19:02:21+08:00), as GeoReport shows times. */
export function isoWithOffset(iso: string, timeZone: string): string {
  const at = new Date(iso);
  const offset = zoneOffsetMinutes(at, timeZone);
  const local = new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export interface RequestView {
  lang: Lang;
  timeZone: string;
  /** Staff callers (lead and up) also get the order's typed text; the public never does. */
  withText: boolean;
}

/** A work order as a GeoReport service request: an allow-list, no reporter, ever. */
export function requestOf(order: WorkOrder, view: RequestView): ServiceRequest {
  const entry = categoryCodeOf(order.category);
  const closed = CLOSED_STATES.includes(order.state);
  const at = (iso: string) => isoWithOffset(iso, view.timeZone);
  const request: ServiceRequest = {
    service_request_id: order.id,
    status: closed ? 'closed' : 'open',
    status_notes: STATE_NOTES[order.state][view.lang] + (order.supervised ? (view.lang === 'en' ? ', supervised' : '，督办') : ''),
    service_name: entry ? name(entry, view.lang) : order.category.subClass,
    service_code: entry?.serviceCode ?? null,
    agency_responsible: order.department,
    service_notice: null,
    requested_datetime: at(order.createdAt),
    updated_datetime: at(order.updatedAt),
    expected_datetime: order.handlingDeadline && !closed ? at(order.handlingDeadline) : null,
    address: order.location.address ?? null,
    address_id: null,
    zipcode: null,
    lat: order.location.lat,
    long: order.location.lng,
    media_url: null,
  };
  if (view.withText) {
    // Intake titles are often the description's first line: say it once.
    request.description = order.description.startsWith(order.title) ? order.description : [order.title, order.description].filter(Boolean).join('\n');
  }
  return request;
}

/** The spec's error body: a list of { code, description }. */
export const errorList = (status: number, description: string) => [{ code: status, description }];

// --- XML, for clients that ask for .xml (the spec's other format) ---

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

function element(tag: string, value: unknown): string {
  if (value === null || value === undefined) return `<${tag}/>`;
  if (Array.isArray(value)) return `<${tag}>${value.map((v) => element(itemTag(tag), v)).join('')}</${tag}>`;
  if (typeof value === 'object') {
    return `<${tag}>${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => element(k, v))
      .join('')}</${tag}>`;
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects took the branch above: a primitive is left
  return `<${tag}>${escapeXml(String(value))}</${tag}>`;
}

const ITEM_TAGS: Record<string, string> = { services: 'service', service_requests: 'request', errors: 'error', attributes: 'attribute' };
const itemTag = (listTag: string) => ITEM_TAGS[listTag] ?? 'item';

/** `root` is the list element (services, service_requests, errors) or a single object's tag. */
export function toXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>${element(root, value)}`;
}
