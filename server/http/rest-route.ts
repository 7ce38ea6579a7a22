import type { Request, RequestHandler, Response, Router } from 'express';
import { REST_ROUTES, splitRouteKey, type RouteKey, type RouteParams, type RouteQueryChecked, type RouteResult } from '../../shared/realtime/routes';
import type { Actor, Role } from '../../shared/roles';
import { parseInput } from '../commands/validate';
import type { PreEncoded } from '../realtime/pre-encoded';
import { requireRole } from './access';
import { HttpError, route } from './errors';

/** A handler that has answered by itself (a cached JSON string, a refusal with extra fields). */
export const SENT = Symbol('sent');

export interface RestInput<K extends RouteKey> {
  params: RouteParams<K>;
  /** The query string, checked with the table's query schema (undefined when the route has none). */
  query: RouteQueryChecked<K>;
  /** As it came: the command the route runs checks it with the table's body schema. */
  body: unknown;
  req: Request;
  res: Response;
}

/** Who is calling: set for every route with a role, absent for the open ones. */
export interface RestActorInput<K extends RouteKey> extends RestInput<K> {
  actor: Actor;
}

/** The answer: the table's result type, that value with its JSON made once (PreEncoded), or SENT. */
type Handler<K extends RouteKey> = (
  input: (typeof REST_ROUTES)[K]['role'] extends null ? RestInput<K> : RestActorInput<K>,
) => Promise<RouteResult<K> | PreEncoded<RouteResult<K>> | typeof SENT>;

/** Exactly one of these roles (the phone's routes: no office role includes the field roles). */
function requireOneOf(roles: readonly Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.actor) return next(new HttpError(401, 'unauthenticated', 'log in or send an API key'));
    if (!roles.includes(req.actor.role)) return next(new HttpError(403, 'forbidden', `needs the ${roles.join(' or ')} role`));
    next();
  };
}

const NO_PARAMS: Record<string, string> = Object.freeze({});

/** The path's parameters as strings (most routes have none: nothing is copied then). */
function paramsOf(req: Request): Record<string, string> {
  let params: Record<string, string> | undefined;
  for (const name in req.params) (params ??= {})[name] = String(req.params[name]);
  return params ?? NO_PARAMS;
}

/**
 * Registers one route of the table (shared/realtime/routes.ts) on a router mounted at /api: its
 * method and path, its role, its query check, and a handler whose answer must be the table's result
 * type. `status` is the success status (201 for a creation).
 */
export function restRoute<K extends RouteKey>(router: Router, key: K, handler: Handler<K>, status = 200): void {
  const spec = REST_ROUTES[key] as { role: Role | readonly Role[] | null; query?: Parameters<typeof parseInput>[0] };
  const { method, path } = splitRouteKey(key);
  const local = path.replace(/^\/api/, '');
  const guards: RequestHandler[] = spec.role === null ? [] : typeof spec.role === 'string' ? [requireRole(spec.role)] : [requireOneOf(spec.role)];
  const run = route(async (req, res) => {
    const input = {
      params: paramsOf(req) as RouteParams<K>,
      query: (spec.query ? parseInput(spec.query, req.query) : undefined) as RouteQueryChecked<K>,
      body: req.body as unknown,
      req,
      res,
      ...(req.actor ? { actor: req.actor } : {}),
    };
    const result = await handler(input as Parameters<Handler<K>>[0]);
    return result === SENT ? undefined : result;
  }, status);
  if (method === 'GET') router.get(local, ...guards, run);
  else router.post(local, ...guards, run);
}
