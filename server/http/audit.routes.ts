import { Router, type RequestHandler } from 'express';
import { auditQuerySchema, type AuditEntry } from '../../shared/auth/audit';
import { seesPersonalData } from '../../shared/roles';
import type { AuthService } from '../auth/auth-service';
import { parseInput } from '../commands/validate';
import { requireRole } from './access';
import { newWorkbook } from '../reports/excel-style';
import { route } from './errors';

const COLUMNS: Array<[keyof AuditEntry, string]> = [
  ['at', '时间 time'],
  ['actor', '操作人 actor'],
  ['action', '操作 action'],
  ['target', '对象 target'],
  ['address', '地址 address'],
  ['detail', '详情 detail'],
];
const cell = (entry: AuditEntry, key: keyof AuditEntry) => (key === 'detail' ? JSON.stringify(entry.detail) : String(entry[key] ?? ''));
const csvField = (value: string) => (/[",\r\n]/.test(value) || /^[=+\-@]/.test(value) ? `"${value.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"` : value);

/** `GET /api/audit` (admin): search the trail; `?format=csv|xlsx` exports what the search finds. */
export function auditRoutes(auth: AuthService): Router {
  const router = Router();
  router.get(
    '/audit',
    requireRole('admin'),
    route(async (req, res) => {
      const query = parseInput(auditQuerySchema, req.query);
      const entries = await auth.searchAudit(query);
      if (!query.format) return { entries };
      const name = `gridops-audit-${new Date().toISOString().slice(0, 10)}`;
      if (query.format === 'csv') {
        // BOM: Excel opens UTF-8 CSV with Chinese text correctly only with it. Cells starting with
        // = + - @ are quoted with a leading ' so a spreadsheet does not run them as formulas.
        const lines = [COLUMNS.map(([, label]) => label).join(','), ...entries.map((e) => COLUMNS.map(([key]) => csvField(cell(e, key))).join(','))];
        res
          .type('text/csv; charset=utf-8')
          .attachment(`${name}.csv`)
          .send(`\uFEFF${lines.join('\r\n')}\r\n`);
        return;
      }
      const book = await newWorkbook();
      const sheet = book.addWorksheet('audit');
      sheet.columns = COLUMNS.map(([key, label]) => ({ header: label, key, width: key === 'detail' ? 60 : 22 }));
      for (const e of entries) sheet.addRow(Object.fromEntries(COLUMNS.map(([key]) => [key, cell(e, key)])));
      res
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .attachment(`${name}.xlsx`)
        .send(Buffer.from(await book.xlsx.writeBuffer()));
    }),
  );
  return router;
}

/**
 * Records who looked at personal data (reporters, typed text, qualifications): successful GETs of
 * the routes that return it, by a person whose role sees it. Once a minute per person and path, so
 * a screen's refreshes do not bury the trail.
 */
export function auditPersonalDataViews(auth: AuthService, paths: RegExp): RequestHandler {
  const lastSeen = new Map<string, number>();
  return (req, res, next) => {
    if (req.method === 'GET' && paths.test(req.path)) {
      res.on('finish', () => {
        const actor = req.actor;
        if (!actor || res.statusCode !== 200 || !seesPersonalData(actor)) return;
        const key = `${actor.id} ${req.path}`;
        const now = Date.now();
        if ((lastSeen.get(key) ?? 0) > now - 60_000) return;
        lastSeen.set(key, now);
        if (lastSeen.size > 10_000) lastSeen.clear();
        void auth.recordAudit({ actor: actor.id, action: 'personalData.viewed', target: req.path, address: req.ip ?? null, detail: {} });
      });
    }
    next();
  };
}
