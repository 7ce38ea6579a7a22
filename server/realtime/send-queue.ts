/**
 * Large sends (snapshots) go out a few at a time: each waits until its socket has handed the data
 * to the network (engine.io 'drain') or a time limit passes, and the event loop runs between them.
 * Five hundred screens reconnecting at once then cost a bounded amount of memory, and commands and
 * live events keep flowing while the snapshots drain.
 */
export class SendQueue {
  private readonly waiting: Array<() => Promise<void>> = [];
  private running = 0;

  constructor(
    private readonly concurrency = 4,
    private readonly drainTimeoutMs = 5000,
  ) {}

  /** Runs `send` in its turn; resolves once it is sent (or given up waiting for its drain). */
  push(send: () => void, drained: (done: () => void) => () => void): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(async () => {
        await new Promise<void>((sent) => {
          let stop = () => {};
          const timer = setTimeout(() => (stop(), sent()), this.drainTimeoutMs);
          // Whichever of the waits ends it, the others' listeners go too: a long-lived socket
          // would otherwise keep one 'disconnect' listener per sync it was ever sent.
          stop = drained(() => {
            clearTimeout(timer);
            stop();
            sent();
          });
          send();
        });
        resolve();
      });
      this.next();
    });
  }

  get pending(): number {
    return this.waiting.length + this.running;
  }

  private next() {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const task = this.waiting.shift()!;
      this.running++;
      // setImmediate: whatever else is queued on the event loop runs before the next large send.
      setImmediate(
        () =>
          void task().finally(() => {
            this.running--;
            this.next();
          }),
      );
    }
  }
}
