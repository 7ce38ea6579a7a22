import { createStore, del, get, set } from 'idb-keyval';
import { IDEMPOTENCY_HEADER } from '../../../../shared/field/field-commands';
import type { OutboxItem, OutboxPorts, SendResult } from './outbox';

/**
 * The browser side of the outbox: fetch for commands and photos, IndexedDB for waiting photo
 * blobs (too big for localStorage), localStorage for the list itself. Per user, so two people
 * sharing a phone never send each other's actions.
 */
async function post(path: string, body: BodyInit, contentType: string, key: string): Promise<SendResult> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers: { 'content-type': contentType, [IDEMPOTENCY_HEADER]: key }, body, credentials: 'same-origin' });
  } catch (error) {
    return { kind: 'retry', reason: String((error as Error)?.message ?? error) }; // no link
  }
  const json = (await res.json().catch(() => ({}))) as { error?: { message?: string; field?: string } } | null;
  if (res.ok) return { kind: 'ok', data: json };
  // Not the command's fault: the server is busy, restarting or behind a proxy that failed.
  if (res.status >= 500 || res.status === 429 || res.status === 401) return { kind: 'retry', reason: `HTTP ${res.status}` };
  const error = json?.error ?? {};
  return { kind: 'refused', status: res.status, message: String(error.message ?? res.statusText), ...(error.field ? { field: String(error.field) } : {}) };
}

export function browserOutboxPorts(user: string): OutboxPorts {
  const listKey = `gridops.field.outbox.${user}`;
  const blobStore = createStore('gridops-field', 'photos');
  return {
    send: (path, body, key) => post(path, JSON.stringify(body), 'application/json', key),
    upload: (blob, key) => post('/api/field/photos', blob, blob.type || 'image/jpeg', key),
    blobs: {
      get: (key) => get<Blob>(key, blobStore),
      set: (key, blob) => set(key, blob, blobStore),
      del: (key) => del(key, blobStore),
    },
    save: (items) => localStorage.setItem(listKey, JSON.stringify(items)),
    load: () => {
      try {
        return JSON.parse(localStorage.getItem(listKey) ?? '[]') as OutboxItem[];
      } catch {
        return [];
      }
    },
  };
}

/** A read or a position: no queue. Returns null when the link is down. */
export async function fieldFetch<T>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ ok: true; data: T } | { ok: false; status: number; message: string } | null> {
  try {
    const res = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    const json = (await res.json().catch(() => ({}))) as { error?: { message?: string } } | null;
    if (res.ok) return { ok: true, data: json as T };
    return { ok: false, status: res.status, message: String(json?.error?.message ?? res.statusText) };
  } catch {
    return null;
  }
}
