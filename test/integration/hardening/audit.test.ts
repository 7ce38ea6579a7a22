import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/auth/audit';
import { startTestServer, type TestServer } from '../../support/server';
import type { CreatedApiKey } from '../../../shared/auth/accounts';

/** The audit trail: who signed in or was refused (and from where), who changed what, who looked at personal data. */
describe('audit trail', () => {
  let server: TestServer;
  const from = (address: string) => ({ 'x-forwarded-for': address });

  beforeAll(async () => {
    server = await startTestServer({ trustProxy: true });
    const api = server.api.bind(server);
    await api('POST', '/api/users', { username: 'lead5', password: 'lead5-secret-pw', role: 'lead' }, from('10.1.1.1'));
    await fetch(server.url + '/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...from('10.9.9.9') },
      body: JSON.stringify({ username: 'lead5', password: 'wrong-guess-1' }),
    });
    const ok = await fetch(server.url + '/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...from('10.2.2.2') },
      body: JSON.stringify({ username: 'lead5', password: 'lead5-secret-pw' }),
    });
    const cookie = (ok.headers.get('set-cookie') ?? '').split(';')[0];
    // The lead opens the board (personal data), then logs out.
    expect((await api('GET', '/api/snapshot', undefined, { cookie, ...from('10.2.2.2') })).status).toBe(200);
    await api('POST', '/api/logout', {}, { cookie, ...from('10.2.2.2') });
    await api('POST', '/api/users/lead5/disable', {});
    await api('POST', '/api/users/lead5/enable', {});
    await api('POST', '/api/users/lead5/password', { password: 'amber-kettle-harbour' });
    const key = await api<CreatedApiKey>('POST', '/api/api-keys', { name: '12345平台', role: 'intake' });
    await api('POST', `/api/api-keys/${key.body.id}/revoke`, {});
    await api('POST', '/api/settings', { pointMode: 'started_point' });
  });
  afterAll(() => server.stop());

  const search = async (query: string) => {
    const res = await server.api<{ entries: AuditEntry[] }>('GET', `/api/audit${query}`);
    expect(res.status).toBe(200);
    return res.body.entries;
  };

  it('records sign-ins with their address, refusals, logout, user, key and settings changes, and a view of personal data', async () => {
    const actions = (await search('')).map((e) => e.action);
    for (const action of [
      'login.ok',
      'login.refused',
      'logout',
      'user.created',
      'user.disabled',
      'user.enabled',
      'user.passwordReset',
      'key.created',
      'key.revoked',
      'settings.changed',
      'personalData.viewed',
    ]) {
      expect(actions, action).toContain(action);
    }
    const [refused] = await search('?action=login.refused');
    expect(refused).toMatchObject({ actor: 'lead5', address: '10.9.9.9' });
    const [ok] = await search('?action=login.ok&actor=lead5');
    expect(ok.address).toBe('10.2.2.2');
    const [viewed] = await search('?action=personalData.viewed&actor=lead5');
    expect(viewed).toMatchObject({ target: '/snapshot', address: '10.2.2.2' });
    expect(JSON.stringify(await search(''))).not.toMatch(/secret-pw|wrong-guess|amber-kettle/);
  });

  it('searches by text and time, newest first', async () => {
    const byText = await search('?q=10.9.9.9');
    expect(byText.map((e) => e.action)).toEqual(['login.refused']);
    const all = await search('');
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
    expect(await search(`?from=${encodeURIComponent(new Date(server.clock.now().getTime() + 60_000).toISOString())}`)).toEqual([]);
    expect((await server.api('GET', '/api/audit?action=nonsense')).status).toBe(400);
  });

  it('exports what a search finds as CSV and XLSX; only an admin may read it', async () => {
    const csv = await fetch(server.url + '/api/audit?format=csv&actor=lead5', { headers: server.headers });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    // The BOM Excel needs to read UTF-8 Chinese text.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n').filter((l) => l.includes('login.ok'))).toHaveLength(1);

    const xlsx = await fetch(server.url + '/api/audit?format=xlsx&action=login.refused', { headers: server.headers });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const rows = book.worksheets[0].getSheetValues().filter(Boolean);
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows[1])).toContain('10.9.9.9');

    for (const role of ['lead', 'manager', 'wall'] as const) {
      expect((await server.api('GET', '/api/audit', undefined, await server.headersFor(role))).status, role).toBe(403);
    }
  });
});
