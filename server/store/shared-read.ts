/**
 * Concurrent callers of one read share a query, which always starts after they asked: a caller
 * who arrives while a query is running waits for the next one (shared by everyone who arrived
 * meanwhile), never the one in flight, whose answer could predate a commit made just before the
 * call. Five hundred screens resyncing at once then cost two queries, not five hundred queued
 * ahead of a lead's command in the connection pool.
 */
export function sharedRead<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let next: Promise<T> | null = null;
  const start = () => {
    const query = read().finally(() => {
      if (running === query) running = null;
    });
    running = query;
    return query;
  };
  return () => {
    if (!running) return start();
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = null;
        return start();
      });
    return next;
  };
}
