import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MonthScore } from '../../shared/scoring';

export interface ArchiveOptions {
  /** The reports folder (default: `reports/` beside the database file; README: Reports). */
  dir: string;
  workbook(score: MonthScore): Promise<Buffer>;
  /** The PDF, or null when it cannot be rendered here (no Chromium, no client build): the workbook is still kept. */
  pdf(month: string): Promise<Buffer | null>;
  log(message: string, detail?: Record<string, unknown>): void;
}

export interface ArchivedReport {
  month: string;
  files: string[];
  /** Why the PDF is missing, when it is. */
  pdfError: string | null;
}

/**
 * Scheduled delivery: the month's workbook and PDF written to the reports folder, one folder per
 * month, when the month closes (each close is a revision and keeps its own files) and on demand.
 * Nothing is overwritten except an on-demand copy of the same minute.
 */
export class ReportArchive {
  constructor(private readonly options: ArchiveOptions) {}

  get dir(): string {
    return this.options.dir;
  }

  /** The file name stem: closed months by revision (`2025-03-r1`), others by when they were taken. */
  static stemOf(score: MonthScore, at: Date): string {
    const revision = score.status === 'closed' ? score.revisions?.at(-1)?.revision : undefined;
    if (revision !== undefined) return `assessment-${score.month}-r${revision}`;
    const stamp = at.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    return `assessment-${score.month}-${score.status ?? 'open'}-${stamp}Z`;
  }

  async write(score: MonthScore, at: Date): Promise<ArchivedReport> {
    const folder = join(this.options.dir, score.month);
    await mkdir(folder, { recursive: true });
    const stem = ReportArchive.stemOf(score, at);
    const files: string[] = [];
    const xlsx = join(folder, `${stem}.xlsx`);
    await writeFile(xlsx, await this.options.workbook(score));
    files.push(xlsx);
    let pdfError: string | null = null;
    try {
      const pdf = await this.options.pdf(score.month);
      if (pdf) {
        const file = join(folder, `${stem}.pdf`);
        await writeFile(file, pdf);
        files.push(file);
      }
    } catch (error) {
      pdfError = (error as Error).message;
      this.options.log('report PDF not written', { month: score.month, error: pdfError });
    }
    this.options.log('month report written', { month: score.month, files });
    return { month: score.month, files, pdfError };
  }
}
