import { z } from 'zod';

/** What the audit trail records: who signed in or was refused, who changed accounts, keys, settings and months, who looked at personal data. */
export const AUDIT_ACTIONS = [
  'login.ok',
  'login.refused',
  'logout',
  'user.created',
  'user.disabled',
  'user.enabled',
  'user.passwordReset',
  'key.created',
  'key.revoked',
  'settings.changed',
  'month.closed',
  'personalData.viewed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  id: number;
  at: string;
  /** Who acted: a username, `key:NAME`, `kiosk:NAME`; for a refused login, the name tried. */
  actor: string;
  action: AuditAction;
  /** What it acted on: a username, a key id, a month, a path. */
  target: string | null;
  /** The client's address (behind a proxy: with GRIDOPS_TRUST_PROXY set). */
  address: string | null;
  detail: Record<string, string | number | boolean | null>;
}

export const auditQuerySchema = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  actor: z.string().trim().max(80).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  /** Text anywhere in the target, address or detail. */
  q: z.string().trim().max(80).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(200),
  format: z.enum(['csv', 'xlsx']).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
