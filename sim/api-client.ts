import http from 'node:http';
import https from 'node:https';
import type { ApiError } from '../shared/realtime/protocol';

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

  /**
   * Logs in with a user's name and password (POST /api/login) and returns a client that sends
   * the session cookie: how the simulator or a replay acts against a server in another process.
   */
  async login(username: string, password: string): Promise<ApiClient> {
    const { status, text, setCookie } = await send(`${this.baseUrl}/api/login`, 'POST', this.headers, { username, password }, 30_000);
    const cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
    if (status !== 200 || !cookie) throw new Error(`login as ${username} failed: HTTP ${status} ${text.slice(0, 200)}`);
    return this.withAuth({ cookie });
  }

  get<T>(path: string): Promise<ApiResult<T>> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<ApiResult<T>> {
    return this.request<T>('POST', path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    const { status, text } = await send(this.baseUrl + path, method, this.headers, body, this.options.timeoutMs ?? 30_000);
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (status >= 200 && status < 300) return { ok: true, status, data: parsed as T };
    const error = (parsed as { error?: ApiError } | null)?.error ?? {
      code: `http_${status}`,
      message: text.slice(0, 200) || `HTTP ${status}`,
    };
    return { ok: false, status, error };
  }
}

/*
 * node:http with kept-alive sockets rather than fetch: a month fill sends tens of thousands of
 * small requests, and fetch's per-request overhead was most of the simulator's CPU time.
 */
const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 8 }), https: new https.Agent({ keepAlive: true, maxSockets: 8 }) };

function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: unknown,
  timeoutMs: number,
): Promise<{ status: number; text: string; setCookie: string[] }> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request(
      target,
      {
        method,
        agent: secure ? agents.https : agents.http,
        headers: payload ? { ...headers, 'content-length': String(payload.length) } : headers,
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), setCookie: response.headers['set-cookie'] ?? [] }),
        );
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`${method} ${target.pathname} timed out after ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(payload);
  });
}
