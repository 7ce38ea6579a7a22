import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Me } from '../../../shared/auth/accounts';
import type { ApiError } from '../../../shared/realtime/protocol';
import { hasRole, type Role } from '../../../shared/roles';
import type { RouteKey, RouteResult } from '../../../shared/realtime/routes';
import { apiRequest, type ApiArgs } from '../api';
import { getSocket, onServerDisconnect } from '../realtime';

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiError & { retryAfterSeconds?: number } };

/**
 * Who is logged in (from the HttpOnly cookie, which scripts cannot read: `GET /api/me` tells),
 * and the one JSON fetch the views use. A 401 anywhere clears the session and calls
 * `onUnauthenticated` (the router sends the page to /login).
 */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null);
  const checked = ref(false);
  /** The server ended this screen's session (kiosk token revoked, user disabled): the wall says so. */
  const revoked = ref(false);
  let onUnauthenticated: () => void = () => {};

  async function request<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    const res = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    const json = (await res.json().catch(() => ({}))) as { error?: ApiError } | null;
    if (res.ok) return { ok: true, status: res.status, data: json as T };
    const error: ApiError & { retryAfterSeconds?: number } = { ...(json?.error ?? { code: 'http_error', message: res.statusText }) };
    const retry = Number(res.headers.get('retry-after'));
    if (retry > 0) error.retryAfterSeconds = retry;
    if (res.status === 401 && !path.endsWith('/api/login')) {
      me.value = null;
      onUnauthenticated();
    }
    return { ok: false, status: res.status, error };
  }

  /** One route of the table (shared/realtime/routes.ts), typed by it, answered as a result union. */
  async function call<K extends RouteKey>(route: K, ...[input]: ApiArgs<K>): Promise<ApiResult<RouteResult<K>>> {
    const { method, url, body } = apiRequest(route, input);
    return request<RouteResult<K>>(method, url, body);
  }

  async function refresh(): Promise<Me | null> {
    const res = await fetch('/api/me', { credentials: 'same-origin' });
    me.value = res.ok ? ((await res.json()) as Me) : null;
    checked.value = true;
    return me.value;
  }

  /** The socket authenticates at its handshake: reconnect it so it joins the rooms of the new role. */
  function reconnectSocket() {
    try {
      const socket = getSocket();
      socket.disconnect();
      if (me.value) socket.connect();
    } catch {
      /* realtime not started (tests of single views) */
    }
  }

  async function login(username: string, password: string) {
    const result = await call('POST /api/login', { body: { username, password } });
    if (result.ok) {
      me.value = result.data;
      checked.value = true;
      reconnectSocket();
    }
    return result;
  }

  async function logout() {
    await call('POST /api/logout');
    me.value = null;
    reconnectSocket();
  }

  /**
   * The server disconnects a socket whose session ended elsewhere (logout in another tab, user
   * disabled, password reset, kiosk token revoked). Such a socket does not reconnect by itself:
   * ask who we are; gone → the login page, still valid (e.g. role changed) → connect again.
   */
  async function handleServerDisconnect() {
    const still = await refresh();
    if (!still) {
      revoked.value = true;
      onUnauthenticated();
    } else reconnectSocket();
  }
  onServerDisconnect(() => void handleServerDisconnect());

  const can = (role: Role) => me.value !== null && hasRole(me.value, role);
  const setUnauthenticatedHandler = (handler: () => void) => (onUnauthenticated = handler);

  return { me, checked, revoked, request, call, refresh, login, logout, can, setUnauthenticatedHandler };
});
