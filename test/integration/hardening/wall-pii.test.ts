import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, eventually, startTestServer, type ApiResponse, type TestClient, type TestServer } from '../../support/server';
import { incidentIntake, onDutyResponder, workOrderIntake } from '../../support/factories';
import type { WorkOrder } from '../../../shared/domain/work-order';
import type { Incident } from '../../../shared/domain/incident';
import type { EquipmentFault, ManualDeduction } from '../../../shared/scoring/score-events';
import type { Shift } from '../../../shared/coverage/shift';

/** Marks planted in every field a person types, in user names and in reporter data. */
const PHONE = '13911112222';
const PERSON = '王五';
const USER_MARK = 'wangwu';
const typed = (what: string) => `${what}：联系人${PERSON} ${PHONE}`;

/** Payload keys the wall may receive at all (see shared/board/redact.ts). */
const WALL_PAYLOAD_KEYS = new Set([
  'workOrder',
  'incident',
  'previousResponderId',
  'staff',
  'shift',
  'profile',
  'settings',
  'score',
  'recomputed',
  'revision',
  'auto',
  'month',
]);

/**
 * PII: orders with reporter data and typed text holding a phone number, incidents with reports by a
 * named lead, every action that takes a reason, note or result, score facts and roster changes.
 * Nothing of it reaches anything the wall role can receive: socket events, score pushes, resync
 * (events and snapshot), and every GET the wall may call. Every event type is enumerated.
 */
describe('nothing personal reaches the wall', () => {
  let server: TestServer;
  let wall: TestClient;
  let lead: TestClient;
  const wallScores: unknown[] = [];
  let leadAs: Record<string, string>;
  let managerAs: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer();
    leadAs = await server.headersFor('lead', `lead.${USER_MARK}`);
    managerAs = await server.headersFor('manager', `mgr.${USER_MARK}`);
    wall = await connectClient({ url: server.url, headers: await server.headersFor('wall') });
    wall.socket.on('score', (s) => wallScores.push(s));
    lead = await connectClient({ url: server.url, headers: leadAs });

    const asLead = <T = unknown>(method: string, path: string, body?: unknown) => server.api<T>(method, path, body, leadAs);
    const asManager = <T = unknown>(method: string, path: string, body?: unknown) => server.api<T>(method, path, body, managerAs);
    const ok = async <T>(p: Promise<ApiResponse<T>>) => {
      const r = await p;
      if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const order = async () =>
      ok(asLead<WorkOrder>('POST', '/api/work-orders', workOrderIntake({ description: typed('描述'), reporter: { name: PERSON, phone: PHONE } })));
    const act = async (o: { id: string; version: number }, body: Record<string, unknown>) =>
      ok(asLead<WorkOrder>('POST', `/api/work-orders/${o.id}/actions`, { ...body, expectedVersion: o.version }));

    await onDutyResponder(asManager, 'RESP-PII');
    // One order through every action that carries typed text.
    let a = await order();
    a = await act(a, { action: 'supervise', note: typed('督办') });
    a = await act(a, { action: 'file' });
    a = await act(a, { action: 'dispatch', department: '城管局' });
    a = await act(a, { action: 'reassign', department: '住建局', reason: typed('改派') });
    a = await act(a, { action: 'suspend', reason: typed('挂起') });
    a = await act(a, { action: 'resume' });
    a = await act(a, { action: 'mark-difficult', reason: typed('疑难') });
    a = await act(a, { action: 'resume' });
    a = await act(a, { action: 'start' });
    a = await act(a, { action: 'handle', result: typed('办结') });
    a = await act(a, { action: 'callback', note: typed('回访') });
    // 返工: the citizen says it is not fixed; the lead's note is typed text.
    a = await act(a, { action: 'reopen', reasonCode: 'citizen_dissatisfied', note: typed('返工') });
    a = await act(a, { action: 'handle' });
    a = await act(a, { action: 'callback' });
    a = await act(a, { action: 'evaluate', satisfaction: 'satisfied' });
    const rejected = await order();
    await act(rejected, { action: 'reject', reason: typed('不予立案') });
    await ok(asLead('POST', `/api/work-orders/${a.id}/quality-check`, { passed: false, reason: typed('质检') }));
    await ok(asManager('POST', `/api/work-orders/${a.id}/judge-dispatch`, { expectedVersion: a.version, reason: typed('派错') }));
    const report = await ok(asLead<WorkOrder>('POST', '/api/work-orders', workOrderIntake({ channel: 'evaluator_report', description: typed('测评上报') })));
    await ok(asManager('POST', `/api/evaluator-reports/${report.id}/verify`, { correct: false, note: typed('错报') }));

    // An incident with reports by a named lead.
    let inc = await ok(asLead<Incident>('POST', '/api/incidents', incidentIntake({ title: '路面积水' })));
    inc = await ok(asLead<Incident>('POST', `/api/incidents/${inc.id}/actions`, { action: 'dispatch', expectedVersion: inc.version, responderId: 'RESP-PII' }));
    inc = await ok(asLead<Incident>('POST', `/api/incidents/${inc.id}/actions`, { action: 'arrive', expectedVersion: inc.version }));
    inc = await ok(
      asLead<Incident>('POST', `/api/incidents/${inc.id}/actions`, { action: 'report', expectedVersion: inc.version, kind: 'first', text: typed('首报') }),
    );
    inc = await ok(
      asLead<Incident>('POST', `/api/incidents/${inc.id}/actions`, { action: 'report', expectedVersion: inc.version, kind: 'follow-up', text: typed('续报') }),
    );
    await ok(asLead('POST', `/api/incidents/${inc.id}/actions`, { action: 'close', expectedVersion: inc.version, text: typed('结案') }));

    // Score facts and settings.
    const fault = await ok(asLead<EquipmentFault>('POST', '/api/equipment-faults', { equipment: typed('设备'), description: typed('故障'), delaysWork: true }));
    await ok(asLead('POST', `/api/equipment-faults/${fault.id}/repair`, { expectedVersion: fault.version }));
    const deduction = await ok(asManager<ManualDeduction>('POST', '/api/score/deductions', { block: 'logistics', points: 2, reason: typed('扣分') }));
    await ok(asManager('POST', `/api/score/deductions/${deduction.id}/revise`, { expectedRevision: deduction.revision, points: 3, reason: typed('修订') }));
    await ok(asManager('POST', '/api/settings', { pointMode: 'started_point' }));

    // Roster: a shift, a profile with qualifications, duty changes.
    const now = server.clock.now();
    const shift = await ok(
      asLead<Shift>('POST', '/api/shifts', {
        staffId: 'RESP-PII',
        start: new Date(now.getTime() + 3_600_000).toISOString(),
        end: new Date(now.getTime() + 7_200_000).toISOString(),
      }),
    );
    await ok(asLead('POST', `/api/shifts/${shift.id}/edit`, { expectedVersion: shift.version, end: new Date(now.getTime() + 10_800_000).toISOString() }));
    await ok(asManager('POST', '/api/roster/profiles/RESP-PII', { birthDate: '1990-01-01', gender: 'male', education: 'college', drivingLicence: true }));
    await ok(asLead('POST', '/api/staff/RESP-PII/duty', { onDuty: false }));

    const head = (await server.api<{ seq: number }>('GET', '/api/health')).body.seq;
    await eventually(() => expect(wall.sync.state.seq).toBe(head), 5000);
    await eventually(() => expect(lead.sync.state.seq).toBe(head), 5000);
    await eventually(() => expect(wallScores.length).toBeGreaterThan(0), 5000);
  });
  afterAll(async () => {
    wall.close();
    lead.close();
    await server.stop();
  });

  const clean = (what: string, data: unknown) => {
    const text = JSON.stringify(data);
    expect(text, what).not.toContain(PHONE);
    expect(text, what).not.toContain(PERSON);
    expect(text, what).not.toContain(USER_MARK);
  };

  it('the lead sees the planted data (so this test can fail)', () => {
    const text = JSON.stringify(lead.received);
    expect(text).toContain(PHONE);
    expect(text).toContain(PERSON);
    expect(text).toContain(USER_MARK);
  });

  it('live events, score pushes and both kinds of resync carry none of it', async () => {
    clean('live events', wall.received);
    clean('score pushes', wallScores);
    const resync = (lastSeq: number | null) => new Promise((resolve) => wall.socket.emit('sync', { lastSeq }, resolve));
    clean('sync from 0 (events)', await resync(0));
    clean('sync from null (snapshot)', await resync(null));
  });

  it('every GET the wall may call carries none of it', async () => {
    const asWall = await server.headersFor('wall');
    const month = server.clock.now().toISOString().slice(0, 7);
    const paths = [
      '/api/snapshot',
      '/api/score',
      `/api/score?month=${month}`,
      '/api/score/what-if',
      '/api/settings',
      '/api/coverage/now',
      '/api/staff',
      '/api/me',
      '/api/health',
    ];
    for (const path of paths) {
      const res = await server.api('GET', path, undefined, asWall);
      expect(res.status, path).toBe(200);
      clean(path, res.body);
    }
    for (const path of ['/api/events', '/api/equipment-faults', '/api/score/deductions', '/api/roster/week', '/api/users']) {
      expect((await server.api('GET', path, undefined, asWall)).status, path).toBe(403);
    }
  });

  it('every event type reaches the wall with its seq, no actor, and only allow-listed payload fields', () => {
    const types = new Set(lead.received.map((e) => e.type));
    // The scenario above covers the board, score facts and the roster.
    expect(types.size).toBeGreaterThanOrEqual(30);
    expect(wall.received.map((e) => e.seq)).toEqual(lead.received.map((e) => e.seq));
    for (const event of wall.received) {
      expect(event.actor, event.type).toBe('');
      const payload = event.payload as {
        workOrder?: { reporter: unknown; description: string };
        incident?: { reports: { text: string; by: string }[] };
        profile?: { birthDate: unknown; gender: unknown; education: unknown };
      };
      for (const key of Object.keys(payload)) expect(WALL_PAYLOAD_KEYS.has(key), `${event.type}.${key}`).toBe(true);
      if (payload.workOrder) {
        expect(payload.workOrder.reporter, event.type).toBeNull();
        expect(payload.workOrder.description, event.type).toBe('');
      }
      if (payload.incident) for (const r of payload.incident.reports) expect([r.text, r.by], event.type).toEqual(['', '']);
      if (payload.profile) expect([payload.profile.birthDate, payload.profile.gender, payload.profile.education]).toEqual([null, null, null]);
    }
    const emptyForWall = wall.received.filter((e) => Object.keys(e.payload as object).length === 0).map((e) => e.type);
    expect(new Set(emptyForWall)).toEqual(
      new Set([
        'workOrder.qualityChecked',
        'evaluatorReport.verified',
        'equipment.faultReported',
        'equipment.faultRepaired',
        'score.deductionEntered',
        'score.deductionRevised',
      ]),
    );
  });
});
