import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, eventually, startTestServer, type TestClient, type TestServer } from '../../support/server';
import { workOrderIntake } from '../../support/factories';

/**
 * The wall runs on a public screen: of every event it gets only what it draws. No reporter, no
 * user names, no typed reasons; events it has no use for arrive empty, so its seq has no gap.
 */
describe('what the wall role receives', () => {
  let server: TestServer;
  let wall: TestClient;
  let lead: TestClient;
  beforeAll(async () => {
    server = await startTestServer();
    wall = await connectClient({ url: server.url, headers: await server.headersFor('wall') });
    lead = await connectClient({ url: server.url, headers: await server.headersFor('lead') });
  });
  afterAll(async () => {
    wall.close();
    lead.close();
    await server.stop();
  });

  it('gets orders without their reporter, deductions without reason or author, and every seq', async () => {
    await server.api('POST', '/api/work-orders', workOrderIntake({ reporter: { name: '王女士', phone: '13912345678' } }));
    const manager = await server.headersFor('manager');
    const deduction = await server.api('POST', '/api/score/deductions', { block: 'responderQuality', points: 5, reason: '王女士投诉处置不当' }, manager);
    expect(deduction.status).toBe(201);
    const head = (await server.api<{ seq: number }>('GET', '/api/health')).body.seq;
    await eventually(() => expect(wall.sync.state.seq).toBe(head));
    await eventually(() => expect(lead.sync.state.seq).toBe(head));

    const wallFrames = JSON.stringify(wall.received);
    expect(wallFrames).not.toContain('13912345678');
    expect(wallFrames).not.toContain('王女士');
    expect(wallFrames).not.toContain('manager-test');
    expect(wall.received.every((e) => e.actor === '')).toBe(true);
    // The lead's stream carries all of it, so the test above can fail.
    const leadFrames = JSON.stringify(lead.received);
    expect(leadFrames).toContain('13912345678');
    expect(leadFrames).toContain('王女士投诉处置不当');
    expect(leadFrames).toContain('manager-test');
  });
});
