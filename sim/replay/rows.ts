import type { Category } from '../../shared/domain/category';
import type { WorkOrderIntake } from '../../shared/domain/work-order';
import { DISTRICT_CENTER, pointInDistrict } from '../../shared/geo/district';
import type { ReplayMapping } from './mapping';

/**
 * One CSV row → an intake command, or the reason it cannot be one. Pure: no I/O, no clock.
 *
 * Source times carry no reliable zone (SF's " UTC" suffix is really local time), and only the
 * gaps between rows matter once the stream is shifted to now, so wall times are read as-is.
 */
export type Row = Record<string, string | undefined>;

export type RowResult =
  | { ok: true; at: number; intake: WorkOrderIntake }
  | { ok: false; reason: string; at?: number };

const TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(?:\s*(?:UTC|Z))?$/;

/** Milliseconds of a source wall time, or null when it is not a time. */
export function parseSourceTime(value: string | undefined): number | null {
  const m = TIME.exec((value ?? '').trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '0'] = m;
  const t = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Math.round(Number(`0.${frac}`) * 1000));
  const check = new Date(t);
  // Date.UTC rolls 2019-02-30 over to March: a date that does not exist is a bad time.
  if (check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59) return null;
  return t;
}

/** Half-size of the town box the source city is mapped onto, in degrees (about ±6 km). */
const TOWN_HALF = { lat: 0.055, lng: 0.078 };

/** The source point mapped linearly onto the town box around Karamay's centre (WGS-84). */
export function mapIntoDistrict(lat: number, lng: number, b: ReplayMapping['sourceBounds']): { lat: number; lng: number } {
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  const fy = clamp((lat - b.south) / (b.north - b.south));
  const fx = clamp((lng - b.west) / (b.east - b.west));
  const point = {
    lat: round6(DISTRICT_CENTER.lat - TOWN_HALF.lat + 2 * TOWN_HALF.lat * fy),
    lng: round6(DISTRICT_CENTER.lng - TOWN_HALF.lng + 2 * TOWN_HALF.lng * fx),
  };
  // The town box lies inside the district; should a boundary change cut a corner, use the centre.
  return pointInDistrict(point.lat, point.lng) ? point : { lat: DISTRICT_CENTER.lat, lng: DISTRICT_CENTER.lng };
}

export function rowToIntake(row: Row, mapping: ReplayMapping): RowResult {
  const c = mapping.columns;
  const get = (name: string | undefined) => (name ? (row[name] ?? '').trim() : '');

  const at = parseSourceTime(get(c.createdAt));
  if (at === null) return { ok: false, reason: `bad time: ${c.createdAt}=${JSON.stringify(get(c.createdAt).slice(0, 40))}` };
  const closedRaw = get(c.closedAt);
  if (closedRaw) {
    const closed = parseSourceTime(closedRaw);
    if (closed === null) return { ok: false, at, reason: `bad time: ${c.closedAt}=${JSON.stringify(closedRaw.slice(0, 40))}` };
    if (closed < at) return { ok: false, at, reason: 'closed before created' };
  }

  const id = get(c.id);
  if (!id) return { ok: false, at, reason: `missing id (${c.id})` };
  const latRaw = get(c.lat);
  const lngRaw = get(c.lng);
  if (!latRaw || !lngRaw) return { ok: false, at, reason: 'missing coordinates' };
  const lat = Number(latRaw);
  const lng = Number(lngRaw);
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
    return { ok: false, at, reason: `bad coordinates: ${latRaw},${lngRaw}` };
  }
  if (lat === 0 && lng === 0) return { ok: false, at, reason: 'zero coordinates' };

  const sourceCategory = get(c.category);
  const rule = mapping.categories.find((r) => new RegExp(r.match, 'i').test(sourceCategory));
  const cls = rule?.to ?? mapping.defaultCategory;
  const subClass = (get(c.subClass) || sourceCategory || 'unspecified').slice(0, 60);
  const category = { ...cls, subClass } as Category;

  const title = c.title.map(get).filter(Boolean).join(' · ').slice(0, 200) || subClass;
  const description = c.description.map(get).filter(Boolean).join('\n').slice(0, 4000);
  const address = get(c.address).slice(0, 200);
  const point = mapIntoDistrict(lat, lng, mapping.sourceBounds);
  const channel = mapping.channels[get(c.channel)] ?? mapping.defaultChannel;
  const urgent = mapping.urgent.some((re) => new RegExp(re, 'i').test(sourceCategory));

  return {
    ok: true,
    at,
    intake: {
      channel,
      externalId: `${mapping.idPrefix}-${id}`.slice(0, 64),
      category,
      title,
      description,
      location: { ...point, ...(address ? { address } : {}) },
      priority: urgent ? 'urgent' : 'normal',
    },
  };
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
