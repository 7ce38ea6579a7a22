import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { ClusterOptions } from './inter-node';

/**
 * The Socket.IO Redis adapter, chosen over the PostgreSQL one: responder positions (four ticks a
 * second), score pushes and inter-node notices are high-rate, short-lived messages; Redis pub/sub
 * carries them in memory, while the PostgreSQL adapter would write each one through NOTIFY (and
 * anything over 8 kB through a table) on the database that already takes every command.
 */
/** `channel` keeps installations that share a Redis apart (main.ts: one per database schema). */
export async function redisCluster(nodeId: string, redisUrl: string, channel = 'gridops'): Promise<ClusterOptions & { close(): Promise<void> }> {
  const pub = createClient({ url: redisUrl });
  const sub = pub.duplicate();
  // Redis going away must not kill the node: the relay's poll still delivers events from the log.
  pub.on('error', () => {});
  sub.on('error', () => {});
  await Promise.all([pub.connect(), sub.connect()]);
  return {
    nodeId,
    adapter: createAdapter(pub, sub, { key: channel }),
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
