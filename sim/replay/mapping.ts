import { z } from 'zod';
import { COMPONENT_CLASSES, EVENT_CLASSES } from '../../shared/domain/category';
import { CHANNELS } from '../../shared/domain/work-order';

/**
 * How a city's service-request CSV becomes GridOps intake: which columns hold what, how its
 * channels and categories translate, and the box its positions lie in (mapped onto Karamay).
 */
const column = z.string().min(1);

const classRule = z.union([
  z.strictObject({ kind: z.literal('component'), class: z.enum(COMPONENT_CLASSES) }),
  z.strictObject({ kind: z.literal('event'), class: z.enum(EVENT_CLASSES) }),
]);

export const replayMappingSchema = z.strictObject({
  name: z.string().min(1),
  /** Prefix of externalId, so two cities' ids never collide. */
  idPrefix: z.string().regex(/^[A-Za-z0-9_-]{1,16}$/),
  columns: z.strictObject({
    id: column,
    createdAt: column,
    closedAt: column.optional(),
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
  /** A source channel value → GridOps channel; unlisted values get `defaultChannel`. */
  channels: z.record(z.string(), z.enum(CHANNELS)).default({}),
  defaultChannel: z.enum(CHANNELS),
  /** First rule whose regex matches the category value wins. */
  categories: z.array(z.strictObject({ match: z.string().min(1), to: classRule })).default([]),
  defaultCategory: classRule,
  /** Regexes of category values to treat as urgent. */
  urgent: z.array(z.string()).default([]),
  /** Where the source city's points lie; mapped linearly onto the town box around Karamay. */
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
