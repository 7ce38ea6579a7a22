import { adminEn, adminZhCN } from '../views/admin/admin.i18n';
import { boardEn, boardZhCN } from '../views/dispatch/board.i18n';
import { incidentReportsEn, incidentReportsZhCN } from '../views/dispatch/incident-reports.i18n';
import { fieldEn, fieldZhCN } from '../views/field/field.i18n';
import { rosterEn, rosterZhCN } from '../views/roster/roster.i18n';
import { scoreEn, scoreZhCN } from '../views/score/score.i18n';
import { whatIfEn, whatIfZhCN } from '../views/score/what-if.i18n';
import { reportEn, reportZhCN } from '../../../shared/reports/report-labels';
import { kpiLabels } from '../../../shared/scoring/rule-labels';

/**
 * The labels of the working screens (dispatch, roster, score, field, admin, reports). They are
 * a chunk of their own, loaded before any screen but the wall opens (`loadScreenLabels`), so a
 * wall kiosk never downloads them; the wall's labels are in `zh-CN.ts` / `en.ts`.
 */
export const screenLabelsZhCN = {
  roster: rosterZhCN,
  board: boardZhCN,
  incidentReports: incidentReportsZhCN,
  score: { ...scoreZhCN, whatIf: whatIfZhCN },
  report: reportZhCN,
  /** The national indicators (按期处置率, 结案率, 返工率, 满意率): names, definitions, scope, from the rule table's KPI_TABLE. */
  kpi: kpiLabels('zh-CN'),
  field: fieldZhCN,
  admin: adminZhCN,
};

/** English; same keys as zh-CN (the type makes a missing key a compile error). */
export const screenLabelsEn: typeof screenLabelsZhCN = {
  roster: rosterEn,
  board: boardEn,
  incidentReports: incidentReportsEn,
  score: { ...scoreEn, whatIf: whatIfEn },
  report: reportEn,
  kpi: kpiLabels('en'),
  field: fieldEn,
  admin: adminEn,
};
