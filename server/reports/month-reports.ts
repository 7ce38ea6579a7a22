import type { Locale } from '../../shared/scoring';
import type { AuthService } from '../auth/auth-service';
import { launchChromium } from '../browser/chromium';
import { WarmBrowser } from '../browser/warm-browser';
import { SESSION_COOKIE } from '../auth/cookies';
import { HttpError } from '../http/errors';
import type { ScoreService } from '../score/score.service';
import type { Clock } from '../../shared/time';
import { renderAssessmentPdf } from './assessment-pdf';
import { assessmentWorkbook } from './assessment-workbook';
import { ReportArchive, type ArchivedReport } from './report-archive';

export interface MonthReportsOptions {
  scores: ScoreService;
  clock: Clock;
  /** Sessions: the server's Chromium opens the print page with a short system session of its own. */
  auth?: AuthService;
  /** This server's own base URL once it listens (null before, or when no client is served). */
  printBase(): string | null;
  /** The reports folder; omitted = none (nothing written on close). */
  dir?: string;
  log(message: string, detail?: Record<string, unknown>): void;
}

/** The render's own session lives this long at most, and is ended when the render is done. */
const RENDER_SESSION_MS = 120_000;

/**
 * The month's assessment as files: the workbook and the PDF, always from the same score
 * GET /api/score serves (ScoreService.score), and their delivery to the reports folder.
 */
export class MonthReports {
  readonly archiveFolder: ReportArchive | null;

  constructor(private readonly options: MonthReportsOptions) {
    this.archiveFolder = options.dir
      ? new ReportArchive({
          dir: options.dir,
          workbook: (score) => assessmentWorkbook(score),
          pdf: (month) => this.pdf(month),
          log: (message, detail) => options.log(message, detail),
        })
      : null;
  }

  async workbook(month: string, locale: Locale = 'zh-CN'): Promise<Buffer> {
    return assessmentWorkbook(await this.options.scores.score(month), locale);
  }

  /** One Chromium at a time: renders queue rather than open pages side by side on a small server. */
  private rendering: Promise<unknown> = Promise.resolve();
  /** Kept open for a minute after a render: the month's PDFs come in runs (close, download, the months before). */
  private readonly chromium = new WarmBrowser(launchChromium);

  pdf(month: string): Promise<Buffer> {
    const run = this.rendering.then(() => this.renderPdf(month));
    this.rendering = run.catch(() => undefined);
    return run;
  }

  private async renderPdf(month: string): Promise<Buffer> {
    const base = this.options.printBase();
    if (!base || !this.options.auth) {
      throw new HttpError(503, 'pdf_unavailable', 'the PDF is rendered from the print page: this server serves no client build (run npm run build)');
    }
    const token = await this.options.auth.startSession('system:reports', 'manager', null, RENDER_SESSION_MS);
    const cookie = `${SESSION_COOKIE}=${token}`;
    try {
      return await renderAssessmentPdf(month, { baseUrl: base, cookie }, this.chromium);
    } finally {
      await this.options.auth.logout({ headers: { cookie } } as Parameters<AuthService['logout']>[0]);
    }
  }

  /** The server is stopping: its browser goes with it, after the render in progress. */
  async close(): Promise<void> {
    await this.rendering;
    await this.chromium.close();
  }

  /** Writes the month's workbook and PDF to the reports folder now (on demand). */
  async archive(month: string): Promise<ArchivedReport> {
    if (!this.archiveFolder) throw new HttpError(503, 'no_report_folder', 'this server has no reports folder configured');
    return this.archiveFolder.write(await this.options.scores.score(month), this.options.clock.now());
  }

  /**
   * Scheduled delivery: a month was closed (by a manager or on its day); its files are written.
   * Called as the close event is published, before the score service has filed the close: the
   * score is read on the next turn, frozen and with its revision, as GET /api/score then serves it.
   */
  monthClosed(month: string): Promise<ArchivedReport | null> {
    const folder = this.archiveFolder;
    if (!folder) return Promise.resolve(null);
    return new Promise<void>((resolve) => setImmediate(resolve))
      .then(async () => folder.write(await this.options.scores.score(month), this.options.clock.now()))
      .catch((error: unknown) => {
        this.options.log('month report not written', { month, error: (error as Error).message });
        return null;
      });
  }
}
