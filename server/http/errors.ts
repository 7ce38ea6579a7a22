import type { ErrorRequestHandler, Request, Response, NextFunction, RequestHandler } from 'express';
import { DomainError } from '../../shared/domain/common';
import type { ApiError } from '../../shared/realtime/protocol';
import { PreEncoded } from '../realtime/pre-encoded';

const STATUS: Record<DomainError['code'], number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  illegal_transition: 409,
  stale_version: 409,
  conflict: 409,
  needs_confirm: 409,
};

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The one mapping from anything thrown to the wire error shape and status. */
export function toApiError(error: unknown): { status: number; body: ApiError } {
  if (error instanceof DomainError) {
    return { status: STATUS[error.code], body: { code: error.code, message: error.message, ...error.details } };
  }
  if (error instanceof HttpError) {
    const retryAfterMs = (error as { retryAfterMs?: unknown }).retryAfterMs;
    return {
      status: error.status,
      body: {
        code: error.code,
        message: error.message,
        ...(error.field ? { field: error.field } : {}),
        ...(typeof retryAfterMs === 'number' ? { retryAfterMs } : {}),
      },
    };
  }
  const e = error as { type?: string; status?: number; message?: string };
  // body-parser's own errors
  if (e?.type === 'entity.too.large') return { status: 413, body: { code: 'too_large', message: 'request body too large', field: 'body' } };
  if (e?.type === 'entity.parse.failed') return { status: 400, body: { code: 'invalid_json', message: 'body is not valid JSON', field: 'body' } };
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return { status: 415, body: { code: 'unsupported_encoding', message: e.message ?? 'unsupported encoding', field: 'body' } };
  }
  return { status: 500, body: { code: 'internal', message: 'internal error' } };
}

export function errorHandler(log: (error: unknown) => void): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const { status, body } = toApiError(error);
    if (status >= 500) log(error);
    if (body.retryAfterMs !== undefined) res.set('Retry-After', String(Math.ceil(body.retryAfterMs / 1000)));
    res.status(status).json({ error: body });
  };
}

/**
 * Wraps an async route: its result is sent as JSON (with `status`), anything thrown goes to
 * errorHandler. A PreEncoded result is sent as its ready JSON text (what res.json would send).
 */
export function route(handler: (req: Request, res: Response) => Promise<unknown>, status = 200): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    handler(req, res).then((result) => {
      if (res.headersSent) return;
      res.status(res.statusCode !== 200 ? res.statusCode : status);
      const json = result instanceof PreEncoded ? result.json : undefined;
      if (req.method !== 'GET' && req.method !== 'HEAD') sendCommandAnswer(res, json ?? JSON.stringify(result) ?? '');
      else if (json !== undefined) res.type('application/json').send(json);
      else res.json(result);
    }, next);
  };
}

/**
 * A command's answer, written straight out: the same bytes and content type as res.send, without
 * what only a read can use (an ETag hashed over the body, the freshness check for a 304).
 */
function sendCommandAnswer(res: Response, json: string): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}

/** Commands must send JSON: anything else is refused before it reaches a handler. */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (req.method === 'POST' && !req.is('application/json')) {
    next(new HttpError(415, 'unsupported_media_type', 'send the body as application/json', 'body'));
    return;
  }
  next();
};
