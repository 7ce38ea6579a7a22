import type { ApiError } from '../../shared/realtime/protocol';

/**
 * The simulator's and the replay's only door into GridOps: plain HTTP against the public API.
 * Credentials go in one place, so adding auth to a caller is one option (`apiKey` or `cookie`).
 */
export interface ApiClientOptions {
  baseUrl: string;
  apiKey?: string;
  cookie?: string;
  /** Per-request timeout; a stuck server must not hang a replay forever. */
  timeoutMs?: number;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiError };

export class ApiClient {
  private readonly baseUrl: string;
  private readonly headers: Record<string, string>;

  constructor(private readonly options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.headers = { 'content-type': 'application/json', accept: 'application/json' };
    if (options.apiKey) this.headers['x-api-key'] = options.apiKey;
    if (options.cookie) this.headers.cookie = options.cookie;
  }

  /** A copy that sends other credentials (e.g. an intake key for orders, a lead's for actions). */
  withAuth(auth: { apiKey?: string; cookie?: string }): ApiClient {
    return new ApiClient({ ...this.options, ...auth });
  }

  get<T>(path: string): Promise<ApiResult<T>> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<ApiResult<T>> {
    return this.request<T>('POST', path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: this.headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (response.ok) return { ok: true, status: response.status, data: parsed as T };
    const error = (parsed as { error?: ApiError } | null)?.error ?? {
      code: `http_${response.status}`,
      message: text.slice(0, 200) || response.statusText,
    };
    return { ok: false, status: response.status, error };
  }
}
