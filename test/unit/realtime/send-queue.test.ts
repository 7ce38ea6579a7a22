import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { SendQueue } from '../../../server/realtime/send-queue';

/** A socket's two ends as the server waits on them: the engine connection drains, the socket disconnects. */
function fakeSocket() {
  const conn = new EventEmitter();
  const socket = new EventEmitter();
  const drained = (done: () => void) => {
    conn.once('drain', done);
    socket.once('disconnect', done);
    return () => {
      conn.off('drain', done);
      socket.off('disconnect', done);
    };
  };
  return { conn, socket, drained };
}

describe('SendQueue', () => {
  it('leaves no listener behind on a long-lived socket, however many sends drain on it', async () => {
    const queue = new SendQueue(4, 5000);
    const { conn, socket, drained } = fakeSocket();
    for (let i = 0; i < 20; i++) {
      await queue.push(() => setImmediate(() => conn.emit('drain')), drained);
    }
    expect(socket.listenerCount('disconnect')).toBe(0);
    expect(conn.listenerCount('drain')).toBe(0);
  });

  it('gives up waiting after its time limit, and removes its listeners then too', async () => {
    const queue = new SendQueue(4, 20);
    const { conn, socket, drained } = fakeSocket();
    const started = Date.now();
    await queue.push(() => {}, drained); // never drains
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    expect(socket.listenerCount('disconnect') + conn.listenerCount('drain')).toBe(0);
  });
});
