import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/server';

/** What travels: compressed answers, and built assets a kiosk downloads once per deploy. */
describe('a lean wire: compression and immutable caching of hashed assets', () => {
  let server: TestServer;
  const script = `export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ id: `WO-${i}`, status: 'accepted' })))};\n`;

  beforeAll(async () => {
    const clientDir = mkdtempSync(join(tmpdir(), 'gridops-client-'));
    mkdirSync(join(clientDir, 'assets'));
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><div id="app"></div>');
    writeFileSync(join(clientDir, 'assets', 'wall-B4x9Qk2_.js'), script);
    writeFileSync(join(clientDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    server = await startTestServer({ clientDir });
  });
  afterAll(() => server.stop());

  const get = (path: string, encoding: string) => fetch(server.url + path, { headers: { ...server.headers, 'accept-encoding': encoding } });

  it('API answers are gzip- or brotli-compressed as the client asks, and still read the same', async () => {
    const plain = await server.api('GET', '/api/settings');
    for (const encoding of ['gzip', 'br']) {
      const res = await get('/api/settings', encoding);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(await res.json()).toEqual(plain.body);
    }
  });

  it('a hashed asset is cached for a year without revalidation, compressed, and byte-identical once decoded', async () => {
    const res = await get('/assets/wall-B4x9Qk2_.js', 'br, gzip');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(await res.text()).toBe(script);
  });

  it('unhashed files revalidate within the hour, and index.html on every load (a kiosk picks up a deploy)', async () => {
    expect((await get('/favicon.svg', 'gzip')).headers.get('cache-control')).toBe('public, max-age=3600');
    const page = await get('/wall', 'gzip');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('id="app"');
  });
});
