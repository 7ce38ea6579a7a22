import { chromiumPath } from '../browser/chromium';
import type { BrowserContext } from 'playwright-core';
import type { WarmBrowser } from '../browser/warm-browser';
import { HttpError } from '../http/errors';

/** Where the server's Chromium reads the print page: this server's own address and a session cookie that may see it. */
export interface PrintSource {
  baseUrl: string;
  /** `name=value` of a session allowed to open /score/print (the caller's own, or a short system session). */
  cookie: string;
}

/** How long the print page may take to load its score and draw before the render gives up. */
const READY_TIMEOUT_MS = 20_000;

/**
 * The month's printed report as a PDF: the same /score/print page a manager prints from the
 * browser, rendered by the server's Chromium (server/browser/chromium.ts) to A4. Without Chromium
 * it refuses with 503 and says how to install it, rather than sending an empty file.
 */
export async function renderAssessmentPdf(month: string, source: PrintSource, chromium: WarmBrowser): Promise<Buffer> {
  if (!chromiumPath()) {
    throw new HttpError(
      503,
      'pdf_unavailable',
      'the PDF needs Chromium on the server: apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM_PATH; the workbook and the print page work without it',
    );
  }
  return chromium.use(async (browser) => {
    // A context per render: its own cookie jar, closed with the render.
    const context = await browser.newContext({ baseURL: source.baseUrl, locale: 'zh-CN' });
    try {
      return await printToPdf(context, month, source);
    } finally {
      await context.close();
    }
  });
}

/** Opens the print page as the render's session and prints it to A4. */
async function printToPdf(context: BrowserContext, month: string, source: PrintSource): Promise<Buffer> {
  const [name, ...value] = source.cookie.split('=');
  await context.addCookies([{ name, value: value.join('='), url: source.baseUrl, httpOnly: true, sameSite: 'Strict' }]);
  const page = await context.newPage();
  await page.goto(`/score/print?month=${month}`);
  // The page marks itself ready once the score is in and the chart is drawn; an error is shown, not printed.
  const ready = page.locator('[data-test="print-ready"], [data-test="print-error"]').first();
  await ready.waitFor({ state: 'attached', timeout: READY_TIMEOUT_MS });
  if (await page.locator('[data-test="print-error"]').count()) {
    throw new HttpError(502, 'pdf_failed', `the print page could not load the score: ${await page.locator('[data-test="print-error"]').innerText()}`);
  }
  // The page's @page rules set A4 and its page-number boxes.
  return Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
}
