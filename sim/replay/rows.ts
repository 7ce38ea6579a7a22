import type { Category } from '../../shared/domain/category';
import { categoryCodeEntry, categoryOfEntry } from '../../shared/domain/category-codes';
import type { WorkOrderIntake } from '../../shared/domain/work-order';
import type { ClassRule, ReplayMapping } from './mapping';
import { createPlacement, type Placement } from './placement';
import { timeReader, type TimeReader } from './source-time';

/**
 * One source row → an intake command plus what became of it in the source (open, in progress,
 * closed at a time), or the reason it cannot be one. Pure: no I/O, no clock.
 */
export type Row = Record<string, string | undefined>;

export type RowStatus = 'open' | 'in_progress' | 'closed';

export type RowResult =
  { ok: true; at: number; intake: WorkOrderIntake; status: RowStatus; closedAt?: number; department: string } | { ok: false; reason: string; at?: number };

export interface RowReader {
  readonly mapping: ReplayMapping;
  readonly placement: Placement;
  readonly readTime: TimeReader;
  read(row: Row): RowResult;
}

/** Compiles a mapping once: its time reader, placement and rules. Throws naming a bad setting. */
export function compileMapping(mapping: ReplayMapping): RowReader {
  const readTime = timeReader({ timeFormat: mapping.timeFormat, timeZone: mapping.timeZone });
  const placement = createPlacement(mapping.sourceBounds);
  const rules = mapping.categories.map((r) => ({ re: new RegExp(r.match, 'i'), to: r.to }));
  const urgent = mapping.urgent.map((re) => new RegExp(re, 'i'));
  const closedValues = new Set(mapping.statuses.closed.map((s) => s.trim().toLowerCase()));
  const inProgressValues = new Set(mapping.statuses.inProgress.map((s) => s.trim().toLowerCase()));
  const c = mapping.columns;

  function read(row: Row): RowResult {
    const get = (name: string | undefined) => (name ? (row[name] ?? '').trim() : '');

    const created = get(c.createdAt);
    const at = readTime(created);
    if (at === null) return { ok: false, reason: `bad time: ${c.createdAt}=${JSON.stringify(created.slice(0, 40))}` };

    const statusValue = get(c.status).toLowerCase();
    const closedRaw = get(c.closedAt);
    // With a status column the status decides; without one, a close time means closed.
    const status: RowStatus = c.status
      ? closedValues.has(statusValue)
        ? 'closed'
        : inProgressValues.has(statusValue)
          ? 'in_progress'
          : 'open'
      : closedRaw
        ? 'closed'
        : 'open';
    let closedAt: number | undefined;
    if (closedRaw) {
      const closed = readTime(closedRaw);
      if (closed === null) return { ok: false, at, reason: `bad time: ${c.closedAt}=${JSON.stringify(closedRaw.slice(0, 40))}` };
      if (closed < at) return { ok: false, at, reason: 'closed before created' };
      if (status === 'closed') closedAt = closed;
    }
    if (status === 'closed' && closedAt === undefined) {
      return { ok: false, at, reason: c.closedAt ? `closed without a close time (${c.closedAt} empty)` : 'closed without a close time (no closedAt column)' };
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
    const placed = placement.place(lat, lng);
    if ('reason' in placed) return { ok: false, at, reason: placed.reason };

    const sourceCategory = get(c.category);
    const subClassName = (get(c.subClass) || sourceCategory || 'unspecified').slice(0, 60);
    const national = mapping.nationalCodes ? categoryCodeEntry(sourceCategory) : undefined;
    const category: Category = national
      ? categoryOfEntry(national)
      : categoryFromRule(rules.find((r) => r.re.test(sourceCategory))?.to ?? mapping.defaultCategory, subClassName);

    const title = c.title.map(get).filter(Boolean).join(' · ').slice(0, 200) || category.subClass;
    const description = c.description.map(get).filter(Boolean).join('\n').slice(0, 4000);
    const address = get(c.address).slice(0, 200);
    const channel = mapping.channels[get(c.channel)] ?? mapping.defaultChannel;
    const isUrgent = urgent.some((re) => re.test(sourceCategory));

    return {
      ok: true,
      at,
      status,
      closedAt,
      department: (get(c.department) || mapping.defaultDepartment).slice(0, 200),
      intake: {
        channel,
        externalId: `${mapping.idPrefix}-${id}`.slice(0, 64),
        category,
        title,
        description,
        location: { ...placed, ...(address ? { address } : {}) },
        priority: isUrgent ? 'urgent' : 'normal',
      },
    };
  }

  return { mapping, placement, readTime, read };
}

function categoryFromRule(rule: ClassRule, subClass: string): Category {
  if ('serviceCode' in rule) return categoryOfEntry(categoryCodeEntry(rule.serviceCode)!);
  return { ...rule, subClass };
}

const compiled = new WeakMap<ReplayMapping, RowReader>();

/** `compileMapping(mapping).read(row)`, compiling each mapping object once. */
export function rowToIntake(row: Row, mapping: ReplayMapping): RowResult {
  let reader = compiled.get(mapping);
  if (!reader) compiled.set(mapping, (reader = compileMapping(mapping)));
  return reader.read(row);
}
