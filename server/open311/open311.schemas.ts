import { z } from 'zod';
import { CHANNELS } from '../../shared/domain/work-order';

/**
 * GeoReport v2 parameters, validated with zod. Form-encoded bodies and query strings carry
 * strings only, so numbers are coerced; unknown parameters are ignored as the spec allows
 * (jurisdiction_id, device_id, account_id, attribute[…]).
 */
const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  text(max)
    .optional()
    .transform((v) => (v ? v : undefined));

export const postRequestSchema = z.object({
  service_code: z.string().trim().min(1, 'service_code is required'),
  lat: z.coerce.number().min(-90).max(90).optional(),
  long: z.coerce.number().min(-180).max(180).optional(),
  address_string: optionalText(200),
  address_id: optionalText(64),
  email: optionalText(120),
  first_name: optionalText(30),
  last_name: optionalText(30),
  phone: optionalText(30).refine((v) => v === undefined || /^[0-9+\-\s()]*$/.test(v), 'phone: digits only'),
  description: optionalText(4000),
  media_url: optionalText(500),
  /**
   * GridOps extensions. `external_id`: the client's own id for the report; a repeat POST with
   * the same one returns the same request (idempotency). `channel`: which intake channel this is.
   */
  external_id: z
    .string()
    .trim()
    .min(1)
    .max(52)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
    .optional(),
  channel: z.enum(CHANNELS).default('app'),
});
export type PostRequestInput = z.infer<typeof postRequestSchema>;

const isoDate = z.iso.datetime({ offset: true, local: false }).or(z.iso.date());
/** The spec's comma-separated lists ("open,closed"). */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(item).min(1),
  );

export const getRequestsSchema = z.object({
  service_request_id: list(z.string().max(64)).optional(),
  service_code: list(z.string().max(16)).optional(),
  start_date: isoDate.optional(),
  end_date: isoDate.optional(),
  status: list(z.enum(['open', 'closed'])).optional(),
  lang: z.enum(['zh-CN', 'en']).optional(),
});
export type GetRequestsInput = z.infer<typeof getRequestsSchema>;

/** The first problem, named by its parameter, as one sentence for the spec's error `description`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue.path.join('.') || 'request';
  return issue.message.startsWith(`${field}`) ? issue.message : `${field}: ${issue.message}`;
}
