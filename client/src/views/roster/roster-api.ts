/**
 * JSON calls of the roster page and the coverage store. Errors come back as the API's
 * `{ error: { code, message, field, rows? } }`, thrown as ApiCallError so a view can show them.
 */
export interface ApiErrorBody {
  code: string;
  message: string;
  field?: string;
  rows?: Array<{ row: number; field: string; code: string; reason: string }>;
}

export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

export async function apiCall<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await res.json().catch(() => null)) as { error?: ApiErrorBody } | null;
  if (!res.ok) throw new ApiCallError(res.status, data?.error ?? { code: 'http_' + res.status, message: res.statusText });
  return data as T;
}
