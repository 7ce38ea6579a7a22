import { z } from 'zod';
import { isValidTimeZone } from '../shared/time';

/** Configuration from the environment; a wrong value stops start-up naming the variable. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().optional(),
  GRIDOPS_DB: z.string().min(1).default('data/gridops.db'),
  GRIDOPS_DEMO: z.enum(['0', '1']).default('0'),
  GRIDOPS_TZ: z.string().refine(isValidTimeZone, 'not a known IANA time zone').default('Asia/Shanghai'),
});

export type Config = {
  port: number;
  host?: string;
  dbFile: string;
  demo: boolean;
  timeZone: string;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`${String(issue.path[0])}=${JSON.stringify(env[String(issue.path[0])])}: ${issue.message}`);
  }
  const e = result.data;
  return { port: e.PORT, host: e.HOST, dbFile: e.GRIDOPS_DB, demo: e.GRIDOPS_DEMO === '1', timeZone: e.GRIDOPS_TZ };
}
