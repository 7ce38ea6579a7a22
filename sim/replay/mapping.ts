import { z } from 'zod';
import { COMPONENT_CLASSES, EVENT_CLASSES } from '../../shared/domain/category';
import { categoryCodeEntry } from '../../shared/domain/category-codes';
import { CHANNELS } from '../../shared/domain/work-order';

/**
 * How a city's service-request file becomes GridOps intake: which columns hold what, how its
 * times, channels, categories and statuses translate, and the box its positions lie in.
 */
const column = z.string().min(1);

const classRule = z.union([
  z.strictObject({ kind: z.literal('component'), class: z.enum(COMPONENT_CLASSES) }),
  z.strictObject({ kind: z.literal('event'), class: z.enum(EVENT_CLASSES) }),
  /** A national 小类 by its service code ("SJ0102"): the category is that 小类 exactly. */
  z.strictObject({ serviceCode: z.string().refine((c) => categoryCodeEntry(c) !== undefined, 'not a national service code (BJ…/SJ…)') }),
]);
export type ClassRule = z.infer<typeof classRule>;

export const replayMappingSchema = z.strictObject({
  name: z.string().min(1),
  /** Prefix of externalId, so two cities' ids never collide. */
  idPrefix: z.string().regex(/^[A-Za-z0-9_-]{1,16}$/),
  columns: z.strictObject({
    id: column,
    createdAt: column,
    /** When the source closed the request: the order is carried to 办结 (handled) at that time. */
    closedAt: column.optional(),
    /** The source's status ("Closed", "Open", "In Progress"): see `statuses`. */
    status: column.optional(),
    /** Who handled it in the source: the department the order is dispatched to. */
    department: column.optional(),
    /** Column whose value picks the category rule (the source's own category). */
    category: column,
    /** Column used as the sub-class name (the source's complaint type); default: category. */
    subClass: column.optional(),
    channel: column.optional(),
    /** Columns joined (with ' · ') into the title. */
    title: z.array(column).min(1),
    description: z.array(column).default([]),
    address: column.optional(),
    lat: column,
    lng: column,
  }),
  /** Token format of the time columns for local formats, e.g. "MM/DD/YYYY hh:mm:ss A"; default ISO 8601. */
  timeFormat: z.string().min(1).optional(),
  /** IANA zone of times that carry no offset, e.g. "America/New_York"; default: read them as UTC. */
  timeZone: z.string().min(1).optional(),
  /** Status values (case-insensitive) that mean closed, and in progress (dispatched, not done). */
  statuses: z
    .strictObject({ closed: z.array(z.string()).default(['closed']), inProgress: z.array(z.string()).default(['in progress', 'assigned']) })
    .default({ closed: ['closed'], inProgress: ['in progress', 'assigned'] }),
  /** Department an order is dispatched to when the source names none. */
  defaultDepartment: z.string().min(1).max(200).default('来源系统'),
  /** A source channel value → GridOps channel; unlisted values get `defaultChannel`. */
  channels: z.record(z.string(), z.enum(CHANNELS)).default({}),
  defaultChannel: z.enum(CHANNELS),
  /** First rule whose regex matches the category value wins. */
  categories: z.array(z.strictObject({ match: z.string().min(1), to: classRule })).default([]),
  defaultCategory: classRule,
  /** The category value may itself be a national service code (another GridOps, a Chinese city). */
  nationalCodes: z.boolean().default(false),
  /** Regexes of category values to treat as urgent. */
  urgent: z.array(z.string()).default([]),
  /** Where the source city's points lie; laid over the district at true scale or smaller (placement.ts). */
  sourceBounds: z.strictObject({ south: z.number(), north: z.number(), west: z.number(), east: z.number() }),
});
export type ReplayMapping = z.infer<typeof replayMappingSchema>;

export function parseMapping(json: unknown): ReplayMapping {
  const result = replayMappingSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`mapping: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return result.data;
}

/** Every column the mapping reads, with the setting that names it ("columns.title[1]"). */
export function mappedColumns(mapping: ReplayMapping): { setting: string; column: string }[] {
  const out: { setting: string; column: string }[] = [];
  for (const [key, value] of Object.entries(mapping.columns)) {
    if (Array.isArray(value)) value.forEach((column, i) => out.push({ setting: `columns.${key}[${i}]`, column }));
    else if (typeof value === 'string') out.push({ setting: `columns.${key}`, column: value });
  }
  return out;
}

/**
 * Checks the mapping against the file's header before any row is read: a column the file does
 * not have would silently turn every row into "other" / the default channel, or refuse every row
 * with a misleading reason. Throws naming each such column and the file.
 */
export function checkHeader(mapping: ReplayMapping, header: readonly string[], file: string): void {
  const have = new Set(header);
  const missing = mappedColumns(mapping).filter((c) => !have.has(c.column));
  if (missing.length === 0) return;
  const list = missing.map((m) => `${m.setting} = "${m.column}"`).join(', ');
  const shown = header.length > 30 ? `${header.slice(0, 30).join(', ')}, …` : header.join(', ');
  throw new Error(
    `${file}: mapping "${mapping.name}" names ${missing.length === 1 ? 'a column' : 'columns'} the file does not have: ${list}. The file's columns: ${shown}`,
  );
}
