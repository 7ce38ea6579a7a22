import { EventEmitter } from 'node:events';
import type { Browser } from 'playwright-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WarmBrowser } from '../../../server/browser/warm-browser';

/** A stand-in for Chromium: counts launches and closes, and can crash. */
function fakeChromium() {
  const launched: Array<EventEmitter & { closed: boolean }> = [];
  const launch = () => {
    const browser = Object.assign(new EventEmitter(), {
      closed: false,
      close() {
        browser.closed = true;
        browser.emit('disconnected');
        return Promise.resolve();
      },
    });
    launched.push(browser);
    return Promise.resolve(browser as unknown as Browser);
  };
  return { launched, launch };
}

afterEach(() => void vi.useRealTimers());

/** Renders that only note which browser they were given, or nothing. */
const whichBrowser = (browser: Browser) => Promise.resolve(browser);
const render = () => Promise.resolve();

describe('the PDF renderer keeps one browser warm between renders', () => {
  it('renders in a row share one launch; the browser closes once idle for the given time', async () => {
    vi.useFakeTimers();
    const chromium = fakeChromium();
    const warm = new WarmBrowser(chromium.launch, 60_000);
    const first = await warm.use(whichBrowser);
    await vi.advanceTimersByTimeAsync(59_000);
    const second = await warm.use(whichBrowser);
    expect(second).toBe(first);
    expect(chromium.launched).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(59_000);
    expect(chromium.launched[0].closed).toBe(false);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(chromium.launched[0].closed).toBe(true);

    await warm.use(render);
    expect(chromium.launched).toHaveLength(2);
    await warm.close();
  });

  it('never closes a browser a render is still using, and closes it when the server stops', async () => {
    vi.useFakeTimers();
    const chromium = fakeChromium();
    const warm = new WarmBrowser(chromium.launch, 1_000);
    let finish!: () => void;
    const long = warm.use(() => new Promise<void>((resolve) => (finish = resolve)));
    await warm.use(render);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(chromium.launched[0].closed).toBe(false);
    finish();
    await long;
    await warm.close();
    expect(chromium.launched[0].closed).toBe(true);
  });

  it('a crashed browser or a failed launch is replaced on the next render', async () => {
    const chromium = fakeChromium();
    let failNext = true;
    const warm = new WarmBrowser(() => {
      if (!failNext) return chromium.launch();
      failNext = false;
      return Promise.reject(new Error('no display'));
    });
    await expect(warm.use(render)).rejects.toThrow('no display');
    const first = await warm.use(whichBrowser);
    chromium.launched[0].emit('disconnected');
    const second = await warm.use(whichBrowser);
    expect(second).not.toBe(first);
    expect(chromium.launched).toHaveLength(2);
    await warm.close();
  });
});
