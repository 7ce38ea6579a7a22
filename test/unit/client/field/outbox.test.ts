/* eslint-disable @typescript-eslint/require-await -- the fake ports answer at once, behind the async port interface */
import { describe, expect, it } from 'vitest';
import { Outbox, type OutboxItem, type OutboxPorts, type SendResult } from '../../../../client/src/views/field/outbox';

/** A fake server and link: records what arrives, can be switched off, refuses what it is told to. */
function harness() {
  const received: Array<{ path: string; body: unknown; key: string }> = [];
  const seenKeys = new Set<string>();
  const blobs = new Map<string, Blob>();
  let saved: OutboxItem[] = [];
  const link = { up: true, refusePath: '' as string, uploads: 0 };
  const ports: OutboxPorts = {
    async send(path, body, key): Promise<SendResult> {
      if (!link.up) return { kind: 'retry', reason: 'offline' };
      if (path === link.refusePath) return { kind: 'refused', status: 409, message: 'illegal transition', field: 'action' };
      if (!seenKeys.has(key)) received.push({ path, body, key });
      seenKeys.add(key);
      return { kind: 'ok', data: { path } };
    },
    async upload(_blob, key) {
      if (!link.up) return { kind: 'retry', reason: 'offline' };
      link.uploads++;
      return { kind: 'ok', data: { id: `PH-${key}` } };
    },
    blobs: {
      get: async (k) => blobs.get(k),
      set: async (k, b) => void blobs.set(k, b),
      del: async (k) => void blobs.delete(k),
    },
    save: (items) => (saved = JSON.parse(JSON.stringify(items)) as OutboxItem[]),
    load: () => saved,
  };
  return { ports, received, link, blobs, saved: () => saved };
}

describe('field outbox', () => {
  it('keeps actions made offline, then sends them once and in order when the link returns', async () => {
    const h = harness();
    const sent: string[] = [];
    const outbox = new Outbox(h.ports, (item) => sent.push(item.label));
    h.link.up = false;
    await outbox.add({ path: '/api/field/incidents/I1/report', body: { kind: 'first', text: '首报' }, label: '首报' });
    await outbox.add({ path: '/api/field/incidents/I1/report', body: { kind: 'closure', text: '结案' }, label: '结案' });
    await outbox.flush();
    expect(h.received).toEqual([]);
    expect(outbox.waiting.map((i) => i.label)).toEqual(['首报', '结案']);

    h.link.up = true;
    await Promise.all([outbox.flush(), outbox.flush()]); // two triggers at once (online event + timer)
    expect(h.received.map((r) => (r.body as { kind: string }).kind)).toEqual(['first', 'closure']);
    expect(new Set(h.received.map((r) => r.key)).size).toBe(2);
    expect(sent).toEqual(['首报', '结案']);
    expect(outbox.waiting).toEqual([]);
  });

  it('survives a reload: the list is stored, and a new outbox over the same storage sends it', async () => {
    const h = harness();
    h.link.up = false;
    const first = new Outbox(h.ports);
    await first.add({ path: '/api/field/incidents/I1/arrive', body: { lat: 1, lng: 2 }, label: '到场' });
    await first.flush();
    const afterReload = new Outbox(h.ports);
    expect(afterReload.waiting.map((i) => i.label)).toEqual(['到场']);
    h.link.up = true;
    await afterReload.flush();
    expect(h.received.map((r) => r.path)).toEqual(['/api/field/incidents/I1/arrive']);
  });

  it('uploads a waiting photo once, puts its id in the command, and drops the blob after', async () => {
    const h = harness();
    const outbox = new Outbox(h.ports);
    h.link.up = false;
    const item = await outbox.add({ path: '/api/field/incidents/I1/report', body: { kind: 'first', text: 'x' }, label: '首报', photos: [new Blob(['jpeg'])] });
    expect(h.blobs.size).toBe(1);
    h.link.up = true;
    await outbox.flush();
    expect((h.received[0].body as { photos: string[] }).photos).toEqual([`PH-${item.key}-p0`]);
    expect(h.link.uploads).toBe(1);
    expect(h.blobs.size).toBe(0);
  });

  it('sets a refused action aside with its reason and goes on with the rest', async () => {
    const h = harness();
    const outbox = new Outbox(h.ports);
    h.link.refusePath = '/api/field/incidents/I1/arrive';
    await outbox.add({ path: '/api/field/incidents/I1/arrive', body: {}, label: '到场' });
    await outbox.add({ path: '/api/field/incidents/I1/report', body: { kind: 'first', text: 'x' }, label: '首报' });
    await outbox.flush();
    expect(h.received.map((r) => r.path)).toEqual(['/api/field/incidents/I1/report']);
    expect(outbox.refused.map((i) => [i.label, i.refused?.message])).toEqual([['到场', 'illegal transition']]);
    outbox.discard(outbox.refused[0].key);
    expect(outbox.items).toEqual([]);
  });
});
