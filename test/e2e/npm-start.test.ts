import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answersHealth, freePort } from '../support/health';
import { tempDbFile } from '../support/server';

/**
 * `npm start` as the README's quick start runs it (scripts/start.mjs): the server compiled once
 * (scripts/server-bundle.ts) and run from dist/server/main.mjs, compiled again after a source changed.
 */
const BUNDLE = 'dist/server/main.mjs';
const INPUTS = 'dist/server/main.inputs.json';

/** The command lines of the processes whose parent is `pid`. */
function childrenOf(pid: number): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) found.push(readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim());
    } catch {
      /* the process ended while we looked */
    }
  }
  return found;
}

const buildOnly = () => spawnSync(process.execPath, ['scripts/start.mjs', '--build-only'], { encoding: 'utf8' });

describe('npm start', () => {
  it('runs the compiled server, which serves the board and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let output = '';
    const start = spawn(process.execPath, ['scripts/start.mjs'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        GRIDOPS_DB: tempDbFile(),
        GRIDOPS_DEMO: '0',
        GRIDOPS_ADMIN_PASSWORD: 'Tr4ffic-Lights-Karamay-77',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [start.stdout, start.stderr]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => start.once('exit', resolve));
    try {
      expect(await answersHealth(url, 60_000), output).toBe(true);
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="app"');
      // What answers is the compiled server, not a TypeScript transform at run time.
      const servers = childrenOf(start.pid!);
      expect(servers).toHaveLength(1);
      expect(servers[0]).toContain(BUNDLE);
      expect(servers[0]).not.toContain('tsx');
      expect(JSON.parse(readFileSync(INPUTS, 'utf8'))).toContain('server/main.ts');
    } finally {
      start.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(await answersHealth(url, 200)).toBe(false);
  }, 90_000);

  it('compiles the server again when a source it was built from is newer than the build, and only then', () => {
    if (!existsSync(BUNDLE)) expect(buildOnly().status).toBe(0);
    const unchanged = buildOnly();
    expect(unchanged.status).toBe(0);
    expect(unchanged.stdout).not.toContain('building the server');

    // The build an hour older than its sources: as after an edit or a pull.
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(BUNDLE, hourAgo, hourAgo);
    const rebuilt = buildOnly();
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stdout).toContain('building the server');
    expect(statSync(BUNDLE).mtimeMs).toBeGreaterThan(Date.now() - 60_000);
  }, 60_000);
});
