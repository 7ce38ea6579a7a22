import { hostname } from 'node:os';
import { z } from 'zod';
import { isValidTimeZone } from '../shared/time';
import { CHECKPOINT_EVERY } from './score/score.service';

/** Configuration from the environment; a wrong value stops start-up naming the variable. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().optional(),
  GRIDOPS_DB: z.string().min(1).default('data/gridops.db'),
  GRIDOPS_DEMO: z.enum(['0', '1']).default('0'),
  GRIDOPS_TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d+|[\w.:/,\s-]+)$/, 'true, false, a hop count, or addresses/subnets (loopback, 10.0.0.0/8, …)')
    .default('false'),
  GRIDOPS_ALLOWED_ORIGINS: z
    .string()
    .refine((v) => v.split(',').every((o) => /^https?:\/\/[^/\s]+$/.test(o.trim())), 'comma-separated origins such as https://ops.example.cn')
    .optional(),
  GRIDOPS_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(3600).default(300),
  GRIDOPS_MAX_BACKDATE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(72),
  /** Events between two score checkpoints (README: Score checkpoints); 0 turns them off. */
  GRIDOPS_SCORE_CHECKPOINT_EVERY: z.coerce.number().int().min(0).max(10_000_000).default(CHECKPOINT_EVERY),
  GRIDOPS_TZ: z.string().refine(isValidTimeZone, 'not a known IANA time zone').default('Asia/Shanghai'),
  GRIDOPS_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/./, 'must be a postgres:// URL (leave it unset for the SQLite file)')
    .optional(),
  GRIDOPS_DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'lower-case letters, digits and _')
    .default('public'),
  GRIDOPS_NODE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,40}$/, '1-40 letters, digits, _ . -')
    .optional(),
  GRIDOPS_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/./, 'must be a redis:// URL')
    .optional(),
});

export type Config = {
  port: number;
  host?: string;
  dbFile: string;
  demo: boolean;
  timeZone: string;
  /** PostgreSQL instead of the SQLite file; needed for several nodes. */
  databaseUrl?: string;
  databaseSchema: string;
  /** This node's name in logs and /api/health (default: host name and pid). */
  nodeId: string;
  /** Redis for the Socket.IO adapter: sockets on every node hear broadcasts of every node. */
  redisUrl?: string;
  trustProxy: boolean | number | string;
  allowedOrigins: string[];
  /** Client-supplied times: at most this far ahead (skew) and this old (ms). */
  timeBounds: { futureSkewMs: number; maxAgeMs: number };
  scoreCheckpointEvery: number;
};

/** Express's 'trust proxy' value from its text: true/false, a hop count, or a list of addresses. */
function trustProxyValue(text: string): boolean | number | string {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^\d+$/.test(text)) return Number(text);
  return text;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`${String(issue.path[0])}=${JSON.stringify(env[String(issue.path[0])])}: ${issue.message}`);
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dbFile: e.GRIDOPS_DB,
    demo: e.GRIDOPS_DEMO === '1',
    timeZone: e.GRIDOPS_TZ,
    databaseUrl: e.GRIDOPS_DATABASE_URL,
    databaseSchema: e.GRIDOPS_DATABASE_SCHEMA,
    nodeId: e.GRIDOPS_NODE_ID ?? `${hostname()}-${process.pid}`,
    redisUrl: e.GRIDOPS_REDIS_URL,
    trustProxy: trustProxyValue(e.GRIDOPS_TRUST_PROXY),
    timeBounds: { futureSkewMs: e.GRIDOPS_CLOCK_SKEW_SECONDS * 1000, maxAgeMs: e.GRIDOPS_MAX_BACKDATE_HOURS * 3_600_000 },
    allowedOrigins: e.GRIDOPS_ALLOWED_ORIGINS ? e.GRIDOPS_ALLOWED_ORIGINS.split(',').map((o) => o.trim()) : [],
    scoreCheckpointEvery: e.GRIDOPS_SCORE_CHECKPOINT_EVERY,
  };
}
