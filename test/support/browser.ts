import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BROWSER_ARGS, chromiumPath, launchChromium } from '../../server/browser/chromium';

/**
 * Debian's Chromium driven by playwright-core (no browser download), found by the server's one
 * finder (server/browser/chromium.ts). Browser tests call
 * `browserAvailable()` at module level and `describe.skipIf(!hasBrowser)`: without Chromium they
 * fail under CI=true and are skipped loudly elsewhere.
 */
export { BROWSER_ARGS, chromiumPath };

/** The repository, the built client the browser tests' servers serve (the global setup builds it), and where their screenshots go. */
export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const CLIENT_DIR = join(REPO_ROOT, 'dist/client');
export const SCREENSHOTS = join(REPO_ROOT, 'test-results/screenshots');

export function browserAvailable(): boolean {
  if (chromiumPath()) return true;
  const message = 'Chromium not found: browser tests need it. Install with `apt-get install -y chromium fonts-noto-cjk` or set CHROMIUM_PATH.';
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`\n${'!'.repeat(100)}\n!! SKIPPING BROWSER TESTS. ${message}\n${'!'.repeat(100)}\n`);
  return false;
}

/**
 * One Chromium per test worker, shared by the browser test files it runs one after another (a
 * worker's files share one module graph, vitest.config.ts): starting and warming a browser took
 * 1.5–4 s of each of 23 files. A file opens its own contexts and closes them with releaseBrowser;
 * the browser ends with the worker.
 */
let shared: Promise<Browser> | null = null;

export async function launchBrowser(): Promise<Browser> {
  const running = await shared?.catch(() => null);
  if (running?.isConnected()) return running;
  shared = launchChromium();
  return shared;
}

/** Closes every context the file opened in the shared browser; the browser stays for the next file. */
export async function releaseBrowser(browser: Browser | undefined): Promise<void> {
  await Promise.all((browser?.contexts() ?? []).map((context) => context.close()));
}

/** A context already carrying a cookie header value such as `gridops_session=…` (from TestServer.headersFor). */
export async function contextWithCookie(browser: Browser, baseUrl: string, cookieHeader: string | undefined): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN' });
  // Fail with the step that hung, well before the test's own timeout.
  context.setDefaultTimeout(8000);
  if (cookieHeader) {
    const [name, ...value] = cookieHeader.split('=');
    await context.addCookies([{ name, value: value.join('='), url: baseUrl, httpOnly: true, sameSite: 'Strict' }]);
  }
  return context;
}

/** Every text frame a page's WebSockets receive (Socket.IO traffic), for "what reached this screen". */
export function recordSocketFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', (frame) => frames.push(typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('utf8'))),
  );
  return frames;
}
