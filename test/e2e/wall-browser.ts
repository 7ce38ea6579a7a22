import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's chromium for the wall's browser tests. Where none is installed the tests skip with a
 * loud line, except in CI (CI=true), where a missing browser is a failure.
 */
export function chromiumPath(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  try {
    const found = execSync('command -v chromium || command -v chromium-browser', { encoding: 'utf8', shell: '/bin/sh' }).trim();
    return found || null;
  } catch {
    return null;
  }
}

export function requireBrowserOrSkip(): string | null {
  const path = chromiumPath();
  if (path) return path;
  if (process.env.CI === 'true') throw new Error('chromium not found: CI must install it (apt-get install chromium fonts-noto-cjk)');
  console.warn('\n*** SKIPPING browser tests: no chromium. Install it with `apt-get install chromium fonts-noto-cjk` or set CHROMIUM_PATH. ***\n');
  return null;
}

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
