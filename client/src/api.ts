import type { ApiError } from '../../shared/realtime/protocol';
import { routePath, splitRouteKey, type RouteBody, type RouteKey, type RouteParams, type RouteQuery, type RouteResult } from '../../shared/realtime/routes';

/**
 * The screens' JSON calls, typed by the route table (shared/realtime/routes.ts):
 * `api('POST /api/shifts/:id/delete', { params: { id }, body: { expectedVersion } })` answers a
 * Shift, and a misspelled route or a wrong body does not compile. A refusal throws ApiCallError
 * with the API's one error shape, `ApiError`, so a view can show it.
 */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.message);
  }
}

type ParamsPart<K extends RouteKey> = keyof RouteParams<K> extends never ? { params?: never } : { params: RouteParams<K> };
type BodyPart<K extends RouteKey> = [RouteBody<K>] extends [never] ? { body?: never } : { body: RouteBody<K> };
export type ApiInput<K extends RouteKey> = ParamsPart<K> & BodyPart<K> & { query?: RouteQuery<K> };
/** The input may be left out when the route needs neither params nor a body. */
export type ApiArgs<K extends RouteKey> = keyof RouteParams<K> extends never
  ? [RouteBody<K>] extends [never]
    ? [input?: ApiInput<K>]
    : [input: ApiInput<K>]
  : [input: ApiInput<K>];

function queryString(query: unknown): string {
  if (!query || typeof query !== 'object') return '';
  const pairs = Object.entries(query as Record<string, unknown>).filter(([, value]) => value !== undefined && value !== null && value !== '');
  return pairs.length ? `?${new URLSearchParams(pairs.map(([key, value]) => [key, String(value)])).toString()}` : '';
}

/** The method, URL and JSON body of one call. Every POST sends JSON (the server refuses anything else), `{}` when the route takes no body. */
export function apiRequest<K extends RouteKey>(route: K, input: ApiInput<K> | undefined): { method: 'GET' | 'POST'; url: string; body: unknown } {
  const { method, path } = splitRouteKey(route);
  const url = routePath(path, input?.params) + queryString(input?.query);
  return { method, url, body: method === 'POST' ? (input?.body ?? {}) : undefined };
}

export async function api<K extends RouteKey>(route: K, ...[input]: ApiArgs<K>): Promise<RouteResult<K>> {
  const request = apiRequest(route, input);
  const { method, url } = request;
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body,
  });
  const data = (await res.json().catch(() => null)) as { error?: ApiError } | null;
  if (!res.ok) throw new ApiCallError(res.status, data?.error ?? { code: 'http_' + res.status, message: res.statusText });
  return data as RouteResult<K>;
}
