import { Router, type Response } from 'express';
import { z } from 'zod';
import { monthParamSchema } from '../../shared/scoring';
import { parseInput } from '../commands/validate';
import { requireRole } from '../http/access';
import { route } from '../http/errors';
import { restRoute } from '../http/rest-route';
import type { CommandContext } from '../commands/context';
import type { MonthReports } from './month-reports';
import { operationsQuerySchema, operationsReport } from './operations-report';
import { operationsWorkbook } from './operations-workbook';

/** ?month=YYYY-MM (required) and the workbook's language; anything else is refused, naming it. */
const assessmentQuery = z.strictObject({
  month: monthParamSchema,
  lang: z.enum(['zh-CN', 'en']).optional(),
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a file as a download; the name is ASCII with a UTF-8 variant, so browsers keep the Chinese name. */
export function sendFile(res: Response, body: Buffer, type: string, asciiName: string, name: string): void {
  res.set('Content-Type', type);
  res.set('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  res.set('Cache-Control', 'no-store');
  res.send(body);
}

/**
 * Month-end reports (manager): the assessment workbook, its PDF, writing both to the reports folder
 * on demand (they are also written when a month closes), and the operations analysis.
 */
export function reportRoutes(reports: MonthReports, ctx: CommandContext): Router {
  const router = Router();
  router.get(
    '/reports/assessment',
    requireRole('manager'),
    route(async (req, res) => {
      const { month, lang } = parseInput(assessmentQuery, req.query);
      const body = await reports.workbook(month, lang ?? 'zh-CN');
      sendFile(res, body, XLSX, `assessment-${month}.xlsx`, `考核汇总-${month}.xlsx`);
    }),
  );
  router.get(
    '/reports/assessment.pdf',
    requireRole('manager'),
    route(async (req, res) => {
      const { month } = parseInput(assessmentQuery.omit({ lang: true }), req.query);
      sendFile(res, await reports.pdf(month), 'application/pdf', `assessment-${month}.pdf`, `考核报告-${month}.pdf`);
    }),
  );
  router.post(
    '/reports/assessment/archive',
    requireRole('manager'),
    route(async (req) => {
      const { month } = parseInput(assessmentQuery.omit({ lang: true }), req.body ?? {});
      return reports.archive(month);
    }, 201),
  );
  // 运行分析 (operations analysis) for a month or any range of local days, as JSON and as a workbook.
  restRoute(router, 'GET /api/reports/operations', ({ req }) => {
    const { lang: _lang, ...query } = parseInput(operationsQuerySchema, req.query);
    return operationsReport(ctx, query);
  });
  router.get(
    '/reports/operations.xlsx',
    requireRole('manager'),
    route(async (req, res) => {
      const query = parseInput(operationsQuerySchema, req.query);
      const analysis = await operationsReport(ctx, query);
      const name = `${analysis.from}_${analysis.to}`;
      sendFile(res, await operationsWorkbook(analysis, query.lang ?? 'zh-CN'), XLSX, `operations-${name}.xlsx`, `运行分析-${name}.xlsx`);
    }),
  );
  return router;
}
