import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layout's promises, checked rather than hoped: the simulator drives a server only through its
// public API, and shared/ (code for both server and browser) leans on neither side.
const ROOT = resolve(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|vue)$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** Top-level folders a file's relative imports land in. */
function importedFolders(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);
  return specs.map((spec) => relative(ROOT, resolve(ROOT, dirname(file), spec)).split(/[\\/]/)[0]);
}

function crossings(dir: string, forbidden: string[]): string[] {
  return sourceFiles(dir).flatMap((file) =>
    importedFolders(file)
      .filter((top) => forbidden.includes(top))
      .map((top) => `${file} → ${top}/`),
  );
}

describe('import boundaries', () => {
  it('the simulator imports nothing from the server or the database', () => {
    expect(sourceFiles('sim').length).toBeGreaterThan(5);
    expect(crossings('sim', ['server', 'db', 'client'])).toEqual([]);
  });

  it('shared/ imports nothing from the server, the client, the database or the simulator', () => {
    expect(crossings('shared', ['server', 'client', 'db', 'sim'])).toEqual([]);
  });
});
