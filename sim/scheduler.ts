import type { SimTarget } from './target';

/**
 * A discrete-event loop: every simulated action is a task at a simulated time. Tasks run one
 * at a time in (time, insertion) order, each awaited before the next, so the same seed sends
 * the same commands in the same order and the server's event log is the same stream.
 */
export type Task = () => Promise<void> | void;

interface Entry {
  at: number;
  order: number;
  task: Task;
}

export class Scheduler {
  private heap: Entry[] = [];
  private order = 0;
  /** Tasks run so far (for the rate figure). */
  executed = 0;

  constructor(private readonly target: SimTarget) {}

  now(): number {
    return this.target.now().getTime();
  }

  at(time: number, task: Task): void {
    // Whole milliseconds: the clock is a Date, and a fractional due time would never be reached.
    this.push({ at: Math.max(Math.ceil(time), this.now()), order: this.order++, task });
  }

  after(ms: number, task: Task): void {
    this.at(this.now() + ms, task);
  }

  get pending(): number {
    return this.heap.length;
  }

  /** Runs tasks up to and including simulated time `end` (or until aborted). */
  async runUntil(end: number, signal?: AbortSignal): Promise<void> {
    while (this.heap.length && this.heap[0].at <= end && !signal?.aborted) {
      const entry = this.pop()!;
      await this.target.advanceTo(new Date(entry.at), signal);
      if (signal?.aborted) break;
      await entry.task();
      this.executed++;
    }
    if (!signal?.aborted && Number.isFinite(end)) await this.target.advanceTo(new Date(end), signal);
  }

  private less(a: Entry, b: Entry) {
    return a.at < b.at || (a.at === b.at && a.order < b.order);
  }

  private push(entry: Entry) {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  private pop(): Entry | undefined {
    const h = this.heap;
    if (!h.length) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
