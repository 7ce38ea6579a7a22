import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Checkpoints the SQLite WAL on a thread of its own, so the event loop never waits for it.
 *
 * Why: with the default auto-checkpoint, the commit that takes the WAL past 1,000 pages copies
 * them into the database file and fsyncs both files, on the thread that serves every request
 * (measured: a checkpoint every ~650 intakes blocked it 45-55 ms, about 75 µs per order; 10 ms of
 * it CPU, the rest waiting for the disk). A PASSIVE checkpoint from a second connection does the
 * same copy while the writer keeps committing; it never blocks the writer, and a commit is just as
 * durable as before (what it writes to the WAL is what makes it survive a crash).
 *
 * The worker is plain JavaScript evaluated in place (no loader needed, under tsx or a test runner).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or failing: the next tick tries again, and the writer's own auto-checkpoint is the backstop.
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/**
 * While the worker keeps up, the writer's own auto-checkpoint stays out of the way: it fires only
 * if the WAL passes this many pages (the worker is stuck, or commits never pause long enough for
 * the WAL to start over from its beginning), and then finds little left to copy.
 */
export const WRITER_CHECKPOINT_PAGES = 10_000;

export interface WalCheckpointer {
  /** Stops the worker after one last checkpoint and closes its connection. */
  close(): Promise<void>;
}

export function startWalCheckpointer(file: string, everyMs = 100): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, everyMs } });
  // Never what keeps the process alive; a worker that fails leaves the writer's auto-checkpoint in charge.
  worker.unref();
  worker.on('error', () => {});
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    close() {
      // Held open until the worker has closed its connection, or the process could end first.
      worker.ref();
      worker.postMessage('close');
      return exited;
    },
  };
}
