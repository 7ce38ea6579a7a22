import type { EventEnvelope } from '../../shared/events';

/*
 * An event is serialised once. The store already turns the payload into JSON to write it; that
 * text is remembered beside the envelope it returns, and the socket broadcast and the HTTP reply
 * splice it in instead of stringifying the same objects again. An envelope the store did not make
 * (a test's, one read back from the log) falls back to JSON.stringify: same JSON either way.
 */
const payloadJson = new WeakMap<EventEnvelope, string>();
const envelopeJson = new WeakMap<EventEnvelope, string>();

/** Called by a store with the payload text it wrote (the envelope's payload is that text parsed). */
export function rememberPayloadJson<E extends EventEnvelope>(event: E, json: string): E {
  payloadJson.set(event, json);
  return event;
}

/** The whole envelope as JSON (the payload last), made at most once per event. */
export function eventJson(event: EventEnvelope): string {
  let json = envelopeJson.get(event);
  if (json !== undefined) return json;
  const payload = payloadJson.get(event);
  if (payload === undefined) {
    json = JSON.stringify(event);
  } else {
    const { payload: _payload, ...head } = event;
    const headJson = JSON.stringify(head);
    json = headJson === '{}' ? `{"payload":${payload}}` : `${headJson.slice(0, -1)},"payload":${payload}}`;
  }
  envelopeJson.set(event, json);
  return json;
}

/**
 * The JSON of `payload[key]`. When the payload holds only that key (`{ workOrder }`, the intake's
 * event), it is cut out of the stored text: JSON.stringify({ k: v }) is `{"k":` + JSON.stringify(v) + `}`.
 */
export function payloadFieldJson(event: EventEnvelope, key: string): string {
  const payload = event.payload as Record<string, unknown>;
  const stored = payloadJson.get(event);
  const keys = Object.keys(payload);
  if (stored !== undefined && keys.length === 1 && keys[0] === key) {
    const prefix = `{${JSON.stringify(key)}:`;
    if (stored.startsWith(prefix) && stored.endsWith('}')) return stored.slice(prefix.length, -1);
  }
  return JSON.stringify(payload[key]);
}
