import { describe, expect, it } from 'vitest';
import { sharedRead } from '../../../server/store/shared-read';

/** A read whose answer is the number of the query; each query resolves when told to. */
function controlledRead() {
  const pending: Array<() => void> = [];
  let started = 0;
  const read = () => {
    const n = ++started;
    return new Promise<number>((resolve) => pending.push(() => resolve(n)));
  };
  return { read, started: () => started, finishNext: () => pending.shift()!() };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('sharedRead: one query for many concurrent callers, never an answer older than the call', () => {
  it('500 callers during one running query share a single next query', async () => {
    const q = controlledRead();
    const head = sharedRead(q.read);
    const first = head();
    const crowd = Array.from({ length: 500 }, () => head());
    expect(q.started()).toBe(1);
    q.finishNext();
    expect(await first).toBe(1);
    await tick();
    expect(q.started()).toBe(2);
    q.finishNext();
    // Every caller who arrived while query 1 ran gets query 2, which started after they asked.
    expect(new Set(await Promise.all(crowd))).toEqual(new Set([2]));
  });

  it('a caller after the queries finished starts a fresh one', async () => {
    const q = controlledRead();
    const head = sharedRead(q.read);
    const first = head();
    q.finishNext();
    await first;
    const later = head();
    expect(q.started()).toBe(2);
    q.finishNext();
    expect(await later).toBe(2);
  });

  it('a failed query fails its callers only; the next callers get a new query', async () => {
    let calls = 0;
    const head = sharedRead(() => {
      calls++;
      if (calls === 1) return Promise.reject(new Error('connection lost'));
      return Promise.resolve(calls);
    });
    await expect(head()).rejects.toThrow('connection lost');
    expect(await head()).toBe(2);
  });
});
