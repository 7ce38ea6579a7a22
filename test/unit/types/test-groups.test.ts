import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LONGEST_FILES, MOCKING_FILES, TIMED_FILES } from '../../support/test-groups';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? testFiles(path) : path.endsWith('.test.ts') ? [path] : [];
  });
}

/** A file that mocks a module and runs in the shared module graph would hand its mock to the files after it. */
describe('test groups', () => {
  it('every file that mocks a module runs in a module graph of its own', () => {
    const mocking = testFiles('test').filter((f) => /\bvi\.(mock|doMock)\(/.test(readFileSync(f, 'utf8')));
    expect(mocking.length).toBeGreaterThan(0);
    expect(mocking.filter((f) => !MOCKING_FILES.includes(f))).toEqual([]);
  });

  it('every file set apart or started first exists', () => {
    expect([...MOCKING_FILES, ...TIMED_FILES].filter((f) => !existsSync(f))).toEqual([]);
    expect(LONGEST_FILES.map((f) => f.slice(f.indexOf(':') + 1)).filter((f) => !existsSync(f))).toEqual([]);
  });
});
