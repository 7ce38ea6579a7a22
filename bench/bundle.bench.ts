/**
 * What each screen downloads: builds the client, walks Vite's manifest from index.html through a
 * screen's chunk and its static imports, and weighs the JavaScript as the server sends it (gzip).
 * The baseline, measured in the same build, is the whole client's JavaScript; the wall's budget is
 * 200 KB gzip (issue #17).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { report } from './support';

const OUT = 'dist/client';
const WALL_BUDGET_KB = 200;
const SCREENS = {
  wall: 'src/views/wall/WallView.vue',
  dispatch: 'src/views/dispatch/DispatchView.vue',
  score: 'src/views/score/ScoreView.vue',
  field: 'src/views/field/FieldView.vue',
};

type Manifest = Record<string, { file: string; imports?: string[] }>;

execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
const manifest = JSON.parse(readFileSync(join(OUT, '.vite/manifest.json'), 'utf8')) as Manifest;
const gzipKb = (file: string) => gzipSync(readFileSync(join(OUT, file)), { level: 9 }).length / 1024;

function chunksOf(...entries: string[]): Set<string> {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const next of chunk.imports ?? []) visit(next);
  };
  for (const entry of entries) visit(entry);
  return files;
}

const weigh = (files: Iterable<string>) => [...files].filter((f) => f.endsWith('.js')).reduce((kb, f) => kb + gzipKb(f), 0);
const everything = weigh(new Set(Object.values(manifest).map((c) => c.file)));

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
report('all client JS (gzip, baseline)', everything, 'KB');
for (const [screen, entry] of Object.entries(SCREENS)) {
  if (!manifest[entry]) continue;
  const kb = weigh(chunksOf('index.html', entry));
  report(`${screen} JS (gzip)`, kb, 'KB');
  report(`ratio ${screen} / all client JS`, kb / everything, '×');
}
const wall = weigh(chunksOf('index.html', SCREENS.wall));
report('ratio wall / 200 KB budget', wall / WALL_BUDGET_KB, '×');
console.log(wall <= WALL_BUDGET_KB ? 'wall within budget' : `wall OVER budget by ${(wall - WALL_BUDGET_KB).toFixed(1)} KB`);
