import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/**
 * Debian's Chromium, found the one way the whole project finds it: `CHROMIUM_PATH`, then
 * `chromium` / `chromium-browser` on PATH, then /usr/bin/chromium. The browser tests and the
 * server's PDF report both launch it through here (no browser download, no second finder).
 */
export const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export function chromiumPath(): string | null {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execSync(`command -v ${name}`, { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim();
      if (found) return found;
    } catch {
      /* not on PATH */
    }
  }
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium not found: install it (`apt-get install -y chromium fonts-noto-cjk`) or set CHROMIUM_PATH');
  // Loaded on first use: playwright-core takes 0.6 s to import, and most servers never print a PDF.
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: BROWSER_ARGS, headless: true });
}
