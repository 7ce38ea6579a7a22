/**
 * The seven blocks of the monthly score (contract 附件2, contract-rules.md §5) and the fixed
 * numbers the contract writes down. Choices the contract leaves open live in ContractSettings.
 */
export const BLOCKS = [
  'staffing', // 人员保障
  'evaluatorQuality', // 测评岗
  'responderQuality', // 应急岗
  'contentQuality', // 工单内容质量
  'dispatchAccuracy', // 派单准确率
  'callbackRate', // 回访工作
  'logistics', // 后勤保障
] as const;
export type BlockId = (typeof BLOCKS)[number];

export const BLOCK_MAX: Record<BlockId, number> = {
  staffing: 20,
  evaluatorQuality: 15,
  responderQuality: 15,
  contentQuality: 15,
  dispatchAccuracy: 15,
  callbackRate: 10,
  logistics: 10,
};

/** Points per occurrence, as the contract states them. */
export const POINTS = {
  staffingShortDay: 2,
  wrongEvaluatorReport: 0.5,
  lateArrival: 0.5,
  unrepairedFault: 1,
  /** Per percentage point below a rate's target. */
  perRatePoint: 0.5,
} as const;

/** Blocks on which the Center may enter a deduction for serious consequences, with its range. */
export const MANUAL_RANGES = {
  evaluatorQuality: { min: 5, max: 15 },
  responderQuality: { min: 5, max: 15 },
  logistics: { min: 1, max: 10 },
} as const;
export type ManualBlock = keyof typeof MANUAL_RANGES;
export const MANUAL_BLOCKS = Object.keys(MANUAL_RANGES) as ManualBlock[];

/** Deduction rules, one per kind of line on the score page. */
export const RULES = [
  'staffing.shortDay',
  'evaluator.wrongReport',
  'responder.late',
  'contentQuality.rate',
  'dispatchAccuracy.rate',
  'callbackRate.rate',
  'logistics.unrepairedFault',
  'manual.seriousConsequence',
] as const;
export type RuleId = (typeof RULES)[number];

/** At most this many causes are listed per deduction line; `causeCount` gives the full number. */
export const MAX_CAUSES_PER_LINE = 50;
