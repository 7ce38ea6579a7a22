import pino from 'pino';

export type Logger = pino.Logger;

/** JSON logs on stdout; quiet under tests unless LOG_LEVEL says otherwise. */
export const logger: Logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  redact: { paths: ['password', '*.password', 'req.headers.cookie', 'req.headers["x-api-key"]'], remove: true },
});
