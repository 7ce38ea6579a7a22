import { describe, expect, it } from 'vitest';
import { BoardSync, type SyncSocket } from '../../../shared/realtime/board-sync';
import type { Ack, SyncResult } from '../../../shared/realtime/protocol';

/** A socket the test drives by hand: it fires connect/disconnect and answers (or drops) syncs. */
function fakeSocket() {
  const handlers = new Map<string, (...args: never[]) => void>();
  const syncs: Array<{ lastSeq: number | null; answer: (result: Ack<SyncResult>) => void }> = [];
  const socket: SyncSocket = {
    on: (event: string, listener: (...args: never[]) => void) => handlers.set(event, listener),
    connect: () => undefined,
    emit: (_event: 'sync', request: { lastSeq: number | null }, ack: (result: Ack<SyncResult>) => void) => syncs.push({ ...request, answer: ack }),
  };
  const fire = (event: string, ...args: unknown[]) => handlers.get(event)?.(...(args as never[]));
  return { socket, syncs, fire };
}

const snapshot = (seq: number): Ack<SyncResult> => ({
  ok: true,
  data: { kind: 'snapshot', snapshot: { seq, serverTime: new Date().toISOString(), workOrders: [], incidents: [], staff: [], responders: [] } },
});

describe('BoardSync when its node dies mid-sync', () => {
  it('asks again on the next connection instead of waiting forever for an answer that cannot come', () => {
    const { socket, syncs, fire } = fakeSocket();
    const sync = new BoardSync(socket, { later: () => undefined });
    fire('connect');
    syncs[0].answer(snapshot(10));
    expect(sync.status).toBe('live');

    // A gap starts a resync; the node is killed before it answers.
    fire('event', { seq: 12, type: 'staff.added', payload: {}, actor: 'x', at: new Date().toISOString(), entityType: 'staff', entityId: 'S1' });
    expect(syncs).toHaveLength(2);
    fire('disconnect', 'transport close');
    expect(sync.status).toBe('reconnecting');

    // The proxy hands the reconnect to the other node: the client resumes from its last seq.
    fire('connect');
    expect(syncs).toHaveLength(3);
    expect(syncs[2].lastSeq).toBe(10);
    syncs[2].answer({ ok: true, data: { kind: 'events', events: [], serverTime: new Date().toISOString() } });
    expect(sync.status).toBe('live');

    // A late answer from the dead connection changes nothing.
    syncs[1].answer(snapshot(999));
    expect(sync.state.seq).toBe(10);
  });
});

describe('BoardSync when the server refuses a resync on a live connection', () => {
  it('says it is catching up, not disconnected, keeps the time it was last live, and is live again once answered', () => {
    const { socket, syncs, fire } = fakeSocket();
    const later: Array<{ fn: () => void; ms: number }> = [];
    let now = 1_000_000;
    const sync = new BoardSync(socket, { later: (fn, ms) => later.push({ fn, ms }), now: () => now });
    fire('connect');
    syncs[0].answer(snapshot(10));
    expect(sync.status).toBe('live');

    // A gap starts a resync; the server refuses it for now (too many resyncs on this login).
    now += 5_000;
    fire('event', { seq: 12, type: 'staff.added', payload: {}, actor: 'x', at: new Date().toISOString(), entityType: 'staff', entityId: 'S1' });
    syncs[1].answer({ ok: false, error: { code: 'rate_limited', message: 'too many resyncs', retryAfterMs: 3000 } });
    expect(sync.status).toBe('catchingUp');
    expect(sync.lastLiveAt).toBe(1_005_000);
    // Asked again when the server said, not at once.
    expect(later.map((l) => l.ms)).toEqual([3000]);

    now += 3_000;
    later[0].fn();
    syncs[2].answer({ ok: true, data: { kind: 'events', events: [], serverTime: new Date().toISOString() } });
    expect(sync.status).toBe('live');
    // Whereas a lost connection is 'reconnecting'.
    fire('disconnect', 'transport close');
    expect(sync.status).toBe('reconnecting');
  });
});
