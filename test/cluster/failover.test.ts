import { describe, expect, it } from 'vitest';
import { testPgUrl } from '../support/test-store';
import { haproxyInstalled } from './cluster-support';
import { runFailover } from './failover-run';

/**
 * kill -9 of a node while orders stream in: bounded for `npm test` (2 kills); `npm run bench --
 * cluster` runs the 20-kill version.
 */
describe.skipIf(!haproxyInstalled && process.env.CI !== 'true')('failover: a node killed with SIGKILL during the stream', () => {
  it('loses no acknowledged order, leaves no seq gap or duplicate on any client, and its clients are back within 5 s', async () => {
    const result = await runFailover({ databaseUrl: testPgUrl(), loops: 2, clients: 12, ordersPerSecond: 40, settleMs: 1500 });
    expect(result.acknowledged).toBeGreaterThan(50);
    expect(result.lost).toBe(0);
    // Gapless: the log has exactly one row per seq up to its head.
    expect(result.eventRows).toBe(result.head);
    expect(result.clientsOutOfOrder).toBe(0);
    expect(result.clientsBehind).toBe(0);
    for (const ms of result.recoveryMs) expect(ms).toBeLessThan(5000);
  }, 300_000);
});
