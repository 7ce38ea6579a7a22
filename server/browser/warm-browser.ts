import type { Browser } from 'playwright-core';

/** How long the browser stays open after its last use. */
const DEFAULT_IDLE_MS = 60_000;

/**
 * One browser, launched on first use and kept open for a while after the last: a month's close
 * writes its PDF, and a manager downloads it and the next months' right after, each paying 1–5 s
 * of Chromium start on a busy server when the browser was launched per PDF. Idle, no browser runs.
 * A browser that crashed or was closed is launched again on the next use.
 */
export class WarmBrowser {
  private browser: Promise<Browser> | null = null;
  private idle: NodeJS.Timeout | null = null;
  private inUse = 0;

  constructor(
    private readonly launch: () => Promise<Browser>,
    private readonly idleMs = DEFAULT_IDLE_MS,
  ) {}

  async use<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
    this.stopIdleTimer();
    this.inUse++;
    try {
      return await work(await this.open());
    } finally {
      this.inUse--;
      if (this.inUse === 0) this.startIdleTimer();
    }
  }

  /** Closes the browser now, if one is open (the server is stopping). */
  async close(): Promise<void> {
    this.stopIdleTimer();
    const open = this.browser;
    this.browser = null;
    await (await open?.catch(() => null))?.close();
  }

  private open(): Promise<Browser> {
    if (!this.browser) {
      const launching = this.launch().then((browser) => {
        browser.on('disconnected', () => {
          if (this.browser === launching) this.browser = null;
        });
        return browser;
      });
      // A failed launch is not kept: the next use tries again.
      launching.catch(() => {
        if (this.browser === launching) this.browser = null;
      });
      this.browser = launching;
    }
    return this.browser;
  }

  private startIdleTimer() {
    this.idle = setTimeout(() => void this.close(), this.idleMs);
    // An idle browser must not keep a stopping process alive.
    this.idle.unref();
  }

  private stopIdleTimer() {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
  }
}
