import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MonthScore } from '../../../shared/scoring';
import { ruleLabel, scoreExportRows } from '../../../shared/scoring';
import { FakeClock } from '../../../server/clock';
import { connectClient, eventually, startTestServer, type TestClient, type TestServer } from '../../support/server';
import { workOrderIntake } from '../../support/factories';
import type { WorkOrder } from '../../../shared/domain/work-order';

// The rule table is the one place a rule's points live: swap one row (a wrong evaluator report
// costs 1 instead of the contract's 0.5) and the /score API, the wall's push and the export rows
// all follow, with no other edit. vi.mock replaces the module for the server under test too.
vi.mock('../../../shared/scoring/rule-table', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../shared/scoring/rule-table')>();
  return {
    ...original,
    RULE_TABLE: original.RULE_TABLE.map((row) => (row.id === 'evaluator.wrongReport' ? { ...row, points: 1 } : row)),
  };
});

const evaluatorBlock = (s: MonthScore) => s.blocks.find((b) => b.block === 'evaluatorQuality')!;

describe('swapping the rule table changes /score, the wall and the export', () => {
  let server: TestServer;
  let wall: TestClient;
  const toWall: MonthScore[] = [];

  beforeAll(async () => {
    server = await startTestServer({ clock: new FakeClock('2025-03-14T07:00:00Z') });
    wall = await connectClient({ url: server.url, headers: await server.headersFor('wall') });
    wall.socket.on('score', (s) => toWall.push(s));
    const report = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake({ channel: 'evaluator_report' }))).body;
    const verified = await server.api('POST', `/api/evaluator-reports/${report.id}/verify`, { correct: false, note: '错报' });
    expect(verified.status).toBe(201);
  });
  afterAll(async () => {
    wall.close();
    await server.stop();
  });

  it('/score: one wrong report costs the table’s 1 point (the contract’s row would give 99.5)', async () => {
    const score = (await server.api<MonthScore>('GET', '/api/score')).body;
    expect(evaluatorBlock(score).lines[0]).toMatchObject({ rule: 'evaluator.wrongReport', count: 1, points: 1 });
    expect(score.total).toBe(99);
  });

  it('the daily series and the projection read the swapped points too', async () => {
    const score = (await server.api<MonthScore>('GET', '/api/score')).body;
    expect(score.daily?.at(-1)).toEqual({ day: '2025-03-14', total: 99 });
    // 03-14 15:00 Beijing is 13 days 15 h = 13.625 of 31 days: 1 point paces to 1 × 31 / 13.625 = 2.275… (the contract's 0.5: 1.137…).
    expect(score.projection.total).toBeCloseTo(100 - (1 * 31) / 13.625, 6);
  });

  it('the wall: the pushed score and the wall’s GET show 99', async () => {
    await eventually(() => expect(toWall.at(-1)?.total).toBe(99), 2000);
    const forWall = (await server.api<MonthScore>('GET', '/api/score', undefined, await server.headersFor('wall'))).body;
    expect(evaluatorBlock(forWall).deducted).toBe(1);
  });

  it('the labels and the export rows read the swapped points', async () => {
    const score = (await server.api<MonthScore>('GET', '/api/score')).body;
    expect(ruleLabel('evaluator.wrongReport', 'zh-CN', { count: 1 })).toBe('测评员错报：1 件 × 1 分');
    const rows = scoreExportRows(score, 'en');
    expect(rows).toContainEqual(expect.objectContaining({ rule: 'evaluator.wrongReport', points: 1, label: 'Wrong evaluator reports: 1 × 1' }));
  });
});
