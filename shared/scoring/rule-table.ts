/**
 * THE rule table of the monthly score (contract 附件2 项目考核办法; contract-rules.md §5).
 * Every number and every label of a deduction lives here once. The engine (score.ts), the daily
 * series (daily-totals.ts), the projection, the /score page, the wall and the export
 * (score-export.ts) read it; nothing else types "0.5" or "× 2". docs/contract.md maps each row
 * to its clause and its tests. Changing a rule's points is a one-line change here.
 *
 * Label templates are filled by rule-labels.ts: {count} occurrences (or percentage points below
 * target), {points} this row's points, {subject} the post or rate, {reason} a manual reason.
 */

export type Locale = 'zh-CN' | 'en';
export type Labels = Record<Locale, string>;

export const BLOCK_TABLE = [
  { id: 'staffing', max: 20, clause: '附件2 一、人员保障（20分）', label: { 'zh-CN': '人员保障', en: 'Staffing' } },
  { id: 'evaluatorQuality', max: 15, clause: '附件2 二、测评岗（15分）', label: { 'zh-CN': '测评岗', en: 'Evaluators' } },
  { id: 'responderQuality', max: 15, clause: '附件2 三、应急岗（15分）', label: { 'zh-CN': '应急岗', en: 'Responders' } },
  { id: 'contentQuality', max: 15, clause: '附件2 四、工单内容质量（15分）', label: { 'zh-CN': '工单内容质量', en: 'Order content quality' } },
  { id: 'dispatchAccuracy', max: 15, clause: '附件2 五、派单准确率（15分）', label: { 'zh-CN': '派单准确率', en: 'Dispatch accuracy' } },
  { id: 'callbackRate', max: 10, clause: '附件2 六、回访工作（10分）', label: { 'zh-CN': '回访工作', en: 'Callbacks' } },
  { id: 'logistics', max: 10, clause: '附件2 七、后勤保障（10分）', label: { 'zh-CN': '后勤保障', en: 'Logistics' } },
] as const satisfies readonly { id: string; max: number; clause: string; label: Labels }[];

export type BlockId = (typeof BLOCK_TABLE)[number]['id'];

/**
 * How a rule's deductions count:
 * - `cap`: `block` = only the block's points cap them (扣完为止); `perPostPerDay` = at most once per
 *   post and day as well ("1次/天"); `range` = a manual deduction within [min, max] per entry.
 * - `pacing` (month-end projection and daily series): `occurrence` lines grow with time and are
 *   scaled by the share of the month gone; `rate` lines are the rate as it stands; `asEntered`
 *   lines (the Center's manual deductions) count as entered, dated when the consequence happened.
 */
export interface RuleRow {
  id: string;
  block: BlockId;
  /** The 附件2 line the rule comes from, quoted. */
  clause: string;
  /** Points per occurrence, per percentage point below target, or (manual) null: entered per case. */
  points: number | null;
  cap: 'block' | 'perPostPerDay' | 'range';
  range?: { min: number; max: number };
  pacing: 'occurrence' | 'rate' | 'asEntered';
  label: Labels;
}

export const RULE_TABLE = [
  {
    id: 'staffing.shortDay',
    block: 'staffing',
    clause: '附件2 一：根据缺编、空岗实际情况，低于最低保障人数的98%，扣2分/岗位（1次/天）',
    points: 2,
    cap: 'perPostPerDay',
    pacing: 'occurrence',
    label: { 'zh-CN': '{subject}缺编或空岗：{count} 天 × {points} 分', en: '{subject} short-staffed or post empty: {count} days × {points}' },
  },
  {
    id: 'evaluator.wrongReport',
    block: 'evaluatorQuality',
    clause: '附件2 二：上报准确率≥98%，每错报一件扣0.5分',
    points: 0.5,
    cap: 'block',
    pacing: 'occurrence',
    label: { 'zh-CN': '测评员错报：{count} 件 × {points} 分', en: 'Wrong evaluator reports: {count} × {points}' },
  },
  {
    id: 'evaluator.serious',
    block: 'evaluatorQuality',
    clause: '附件2 二：错报造成严重后果的，视情节扣5–15分',
    points: null,
    cap: 'range',
    range: { min: 5, max: 15 },
    pacing: 'asEntered',
    label: { 'zh-CN': '测评错报造成严重后果（甲方）：{reason}', en: 'Wrong report with serious consequences (the Center): {reason}' },
  },
  {
    id: 'responder.late',
    block: 'responderQuality',
    clause: '附件2 三：应急突发事件协调不及时，每次扣0.5分',
    points: 0.5,
    cap: 'block',
    pacing: 'occurrence',
    label: { 'zh-CN': '应急事件协调不及时：{count} 件 × {points} 分', en: 'Incidents coordinated late: {count} × {points}' },
  },
  {
    id: 'responder.serious',
    block: 'responderQuality',
    clause: '附件2 三：造成严重后果的，视情节扣5–15分',
    points: null,
    cap: 'range',
    range: { min: 5, max: 15 },
    pacing: 'asEntered',
    label: { 'zh-CN': '应急处置造成严重后果（甲方）：{reason}', en: 'Incident with serious consequences (the Center): {reason}' },
  },
  {
    id: 'contentQuality.rate',
    block: 'contentQuality',
    clause: '附件2 四：工单质检合格率，低于指标值一个百分点扣0.5分',
    points: 0.5,
    cap: 'block',
    pacing: 'rate',
    label: { 'zh-CN': '工单质检合格率低于目标 {count} 个百分点 × {points} 分', en: 'Quality rate {count} points below target × {points}' },
  },
  {
    id: 'dispatchAccuracy.rate',
    block: 'dispatchAccuracy',
    clause: '附件2 五：派单准确率98%，低于指标值一个百分点扣0.5分',
    points: 0.5,
    cap: 'block',
    pacing: 'rate',
    label: { 'zh-CN': '派单准确率低于目标 {count} 个百分点 × {points} 分', en: 'Dispatch accuracy {count} points below target × {points}' },
  },
  {
    id: 'callbackRate.rate',
    block: 'callbackRate',
    clause: '附件2 六：回访率（含改派单，挂起单、疑难单不计入），低于指标值一个百分点扣0.5分',
    points: 0.5,
    cap: 'block',
    pacing: 'rate',
    label: { 'zh-CN': '回访率低于目标 {count} 个百分点 × {points} 分', en: 'Callback rate {count} points below target × {points}' },
  },
  {
    id: 'logistics.unrepairedFault',
    block: 'logistics',
    clause: '附件2 七：设备故障8小时内未修复造成工作延误的，每次扣1分',
    points: 1,
    cap: 'block',
    pacing: 'occurrence',
    label: { 'zh-CN': '设备故障超时未修复：{count} 次 × {points} 分', en: 'Equipment faults not repaired in time: {count} × {points}' },
  },
  {
    id: 'logistics.serious',
    block: 'logistics',
    clause: '附件2 七：造成严重后果的，视情节扣1–10分',
    points: null,
    cap: 'range',
    range: { min: 1, max: 10 },
    pacing: 'asEntered',
    label: { 'zh-CN': '后勤保障造成严重后果（甲方）：{reason}', en: 'Logistics with serious consequences (the Center): {reason}' },
  },
] as const satisfies readonly RuleRow[];

export type RuleId = (typeof RULE_TABLE)[number]['id'];

/**
 * The national 数字化城市管理 indicators shown beside the contract's rates (issue #12 item 8). They
 * are not scored: no points, no target in the contract. Each is one count over another, both named
 * here from the counts national-kpis.ts defines per order, so a definition changes on this table.
 *
 * Which orders: the orders received (受理) in the month, in the Center's zone, with the month's
 * boundaries as the score draws them (assessmentMonthOf: calendar or contract months); each order
 * counts in the month it was received, whatever month it is handled or closed in, and is read as
 * it stands now (month-to-date: the month still fills up). Orders replayed from history count only
 * when the score counts them (settings.scoreReplayedOrders). /score/operations applies the same
 * definitions to the orders received in any range of days, as the store holds them, and leaves
 * replayed orders out the same way (work_orders.replayed).
 */
export type KpiCount =
  /** 立案: filed (past screening, not 不予立案). */
  | 'filed'
  /** 结案: called back or evaluated (已回访 / 已评价). */
  | 'closed'
  /** 处置: handled (已办结) at least once. */
  | 'handled'
  /** Handled at or before its handling deadline (the deadline as 挂起/疑难 and 延期 moved it). */
  | 'handledInTime'
  /** 应处置: handled with a deadline, or filed and past its deadline unhandled (not while 挂起/疑难: its clock stands). */
  | 'deadlineSettled'
  /** 返工: handled, then sent back to handling (see national-kpis.ts on the workflow). */
  | 'reopened'
  /** 评价: the citizen gave a satisfaction answer. */
  | 'evaluated'
  /** 满意 or 基本满意. */
  | 'satisfied';

export interface KpiRow {
  id: string;
  numerator: KpiCount;
  denominator: KpiCount;
  label: Labels;
  /** Numerator ÷ denominator in words, for the page, the wall's note and the workbook. */
  definition: Labels;
}

export const KPI_TABLE = [
  {
    id: 'onTimeRate',
    numerator: 'handledInTime',
    denominator: 'deadlineSettled',
    label: { 'zh-CN': '按期处置率', en: 'On-time handling rate' },
    definition: {
      'zh-CN': '按期办结的工单 ÷ 已办结或已过处置时限的工单（挂起、疑难期间不计时）',
      en: 'orders handled by their deadline ÷ orders handled or past their deadline (the clock stands while suspended or difficult)',
    },
  },
  {
    id: 'closureRate',
    numerator: 'closed',
    denominator: 'filed',
    label: { 'zh-CN': '结案率', en: 'Closure rate' },
    definition: { 'zh-CN': '已回访或已评价的工单 ÷ 已立单的工单', en: 'orders called back or evaluated ÷ orders filed' },
  },
  {
    id: 'reworkRate',
    numerator: 'reopened',
    denominator: 'handled',
    label: { 'zh-CN': '返工率', en: 'Rework rate' },
    definition: {
      'zh-CN': '办结后退回重新处置的工单 ÷ 已办结的工单（改派不算返工）',
      en: 'orders sent back for handling after being handled ÷ orders handled (a reassignment is not rework)',
    },
  },
  {
    id: 'satisfactionRate',
    numerator: 'satisfied',
    denominator: 'evaluated',
    label: { 'zh-CN': '满意率', en: 'Satisfaction rate' },
    definition: { 'zh-CN': '满意与基本满意的工单 ÷ 已评价的工单', en: 'orders rated satisfied or basically satisfied ÷ orders evaluated' },
  },
] as const satisfies readonly KpiRow[];

export type KpiId = (typeof KPI_TABLE)[number]['id'];

/** Which orders and which month, said once for every indicator (the page and the workbook show it). */
export const KPI_SCOPE: Labels = {
  'zh-CN': '本月受理的工单（按受理时间计入月份，月界同考核月），按当前状态统计',
  en: 'orders received this month (an order counts in the month it was received, months as the score draws them), as they stand now',
};
