import { z } from 'zod';

const dayKeySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD');

/**
 * Every choice the contract leaves open (contract-rules.md, marked [default]) is a setting here.
 * A month is scored with the settings in force in that month.
 */
export const arrivalBandSchema = z.object({
  /** Upper bound of the band in km, inclusive; null = no upper bound. */
  maxKm: z.number().positive().nullable(),
  minutes: z.number().int().positive(),
});
export type ArrivalBand = z.infer<typeof arrivalBandSchema>;

export const fieldSettingsSchema = z.object({
  /** A fresh fix within this many metres of the site records the arrival (GPS geofence) [default 100 m]. */
  arrivalRadiusM: z.number().min(10).max(2000),
  /** The server keeps at most one position per responder per this many seconds; more are answered, not stored. */
  positionMinIntervalS: z.number().min(1).max(600),
  /** A fix older than this (seconds, at receipt) is stale: stored for the map but never an arrival. */
  staleFixS: z.number().min(5).max(3600),
});
export type FieldSettings = z.infer<typeof fieldSettingsSchema>;
export const DEFAULT_FIELD_SETTINGS: FieldSettings = { arrivalRadiusM: 100, positionMinIntervalS: 5, staleFixS: 60 };

export const contractSettingsSchema = z.object({
  timeZone: z.string().min(1),
  annualPrice: z.number().positive(),
  arrivalBands: z.array(arrivalBandSchema).min(1),
  handling: z.object({
    urgentHours: z.number().positive(),
    normalWorkingDays: z.number().int().positive(),
    /** Per category class (e.g. 'event/emergency'), hours; overrides the priority default. */
    perCategoryHours: z.record(z.string(), z.number().positive()),
    /** 受理→立单: minutes a received order may wait to be filed (or rejected) before it is overdue. */
    fileWithinMinutes: z.number().int().positive().default(30),
    /** Days off and make-up workdays not yet in the `chinese-days` package ('YYYY-MM-DD'). */
    extraHolidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
    extraWorkdays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
  }),
  /**
   * Board alerts: an incident still undispatched after `undispatchedMinutes` flashes; an order is
   * 临期 (due soon) within `dueSoonMinutes` of its limit; `soundOnBoard` lets the board beep.
   */
  alerts: z
    .object({ undispatchedMinutes: z.number().int().positive(), dueSoonMinutes: z.number().int().positive(), soundOnBoard: z.boolean() })
    .default({ undispatchedMinutes: 10, dueSoonMinutes: 240, soundOnBoard: true }),
  /** The department directory (处置部门): dispatch picks one of these; empty = any name (no directory yet). */
  departments: z.array(z.string().trim().min(1).max(200)).max(500).default([]),
  /** Possible duplicates at order entry: same 小类 within this distance and time. */
  duplicates: z.object({ radiusMeters: z.number().positive(), withinHours: z.number().positive() }).default({ radiusMeters: 200, withinHours: 72 }),
  teamMinimums: z.object({
    seat: z.number().int().nonnegative(),
    responder: z.number().int().nonnegative(),
    evaluator: z.number().int().nonnegative(),
  }),
  /** A post is short on a day when headcount < minimum × this (contract: 98 %). */
  staffingThreshold: z.number().min(0).max(1),
  onDutyMinimums: z.object({
    seatDay: z.number().int().nonnegative(),
    seatNight: z.number().int().nonnegative(),
    dayStartHour: z.number().int().min(0).max(23),
    dayEndHour: z.number().int().min(1).max(24),
    responder: z.number().int().nonnegative(),
    evaluatorStartHour: z.number().int().min(0).max(23),
    evaluatorEndHour: z.number().int().min(1).max(24),
  }),
  targets: z.object({
    evaluatorAccuracy: z.number().min(0).max(100),
    contentQuality: z.number().min(0).max(100),
    dispatchAccuracy: z.number().min(0).max(100),
    callbackRate: z.number().min(0).max(100),
  }),
  /** proportional: 96.5 % vs 98 % → 1.5 points; started_point: every started point counts whole → 2. */
  pointMode: z.enum(['proportional', 'started_point']),
  terminationThreshold: z.number(),
  terminationConsecutiveMonths: z.number().int().positive(),
  terminationMonthsInYear: z.number().int().positive(),
  equipmentRepairHours: z.number().positive(),
  replacementGraceDays: z.number().int().nonnegative(),
  /**
   * The contract's service periods (服务期), first day and last day inclusive, 'YYYY-MM-DD'. A renewal
   * is one more period. Days outside every period never cost points and earn no fee; each period is
   * one contract year for the "4 months in the contract year" termination trigger.
   */
  servicePeriods: z
    .array(z.strictObject({ start: dayKeySchema, end: dayKeySchema }))
    .min(1)
    .refine((ps) => ps.every((p) => p.start <= p.end), { message: 'a service period ends before it starts' })
    .refine((ps) => ps.every((p, i) => i === 0 || ps[i - 1].end < p.start), { message: 'service periods must be in order and not overlap' }),
  /** calendar: the assessment month is the calendar month (partial months paid pro rata); contract: the 20th → 19th. */
  assessmentMonth: z.enum(['calendar', 'contract']),
  /** How the fee is rounded to the fen, once per month (合同 leaves it open; half_up is the usual 四舍五入). */
  feeRounding: z.enum(['half_up', 'half_even']),
  /** A provisional month closes itself on this day of the next month, at 00:00 (0 = only a manager closes it). */
  monthCloseDay: z.number().int().min(0).max(28),
  /** An incident's arrival deadline: set by its first dispatch (a reassignment does not restart it), or by each dispatch. */
  arrivalDeadlineFrom: z.enum(['first_dispatch', 'each_dispatch']),
  /** 空岗: on duty below the on-duty minimum for at least this many consecutive minutes (shorter handover gaps are free). */
  postEmptyMinutes: z.number().int().min(1).max(1440),
  /** A seat team with no law graduate on the books is short (缺编) that day. */
  lawGraduateRequired: z.boolean(),
  /**
   * Orders replayed from history (an intake key made for historical data, e.g. `npm run replay`) are
   * training data: kept out of the month's score unless a manager turns this on.
   */
  scoreReplayedOrders: z.boolean().default(false),
  /** Optional internal tile server, e.g. 'http://tiles.local/{z}/{x}/{y}.png'; empty = offline GeoJSON only. */
  tileUrl: z.string(),
  /** The field app (/field): automatic arrival and how often a phone's position is taken. */
  field: fieldSettingsSchema.default(() => ({ ...DEFAULT_FIELD_SETTINGS })),
});
export type ContractSettings = z.infer<typeof contractSettingsSchema>;

export const DEFAULT_SETTINGS: ContractSettings = {
  timeZone: 'Asia/Shanghai',
  annualPrice: 2_020_000,
  arrivalBands: [
    { maxKm: 5, minutes: 15 },
    { maxKm: 10, minutes: 20 },
    { maxKm: null, minutes: 30 },
  ],
  handling: { urgentHours: 2, normalWorkingDays: 3, perCategoryHours: {}, fileWithinMinutes: 30, extraHolidays: [], extraWorkdays: [] },
  alerts: { undispatchedMinutes: 10, dueSoonMinutes: 240, soundOnBoard: true },
  duplicates: { radiusMeters: 200, withinHours: 72 },
  departments: [],
  teamMinimums: { seat: 17, responder: 4, evaluator: 3 },
  staffingThreshold: 0.98,
  onDutyMinimums: {
    seatDay: 4,
    seatNight: 2,
    dayStartHour: 8,
    dayEndHour: 20,
    responder: 1,
    evaluatorStartHour: 10,
    evaluatorEndHour: 20,
  },
  targets: { evaluatorAccuracy: 98, contentQuality: 98, dispatchAccuracy: 98, callbackRate: 100 },
  pointMode: 'proportional',
  terminationThreshold: 85,
  terminationConsecutiveMonths: 3,
  terminationMonthsInYear: 4,
  equipmentRepairHours: 8,
  replacementGraceDays: 3,
  servicePeriods: [{ start: '2024-09-20', end: '2025-09-19' }],
  assessmentMonth: 'calendar',
  feeRounding: 'half_up',
  monthCloseDay: 10,
  arrivalDeadlineFrom: 'first_dispatch',
  postEmptyMinutes: 30,
  lawGraduateRequired: true,
  scoreReplayedOrders: false,
  tileUrl: '',
  field: DEFAULT_FIELD_SETTINGS,
};

/**
 * Settings as stored in an older `settings.changed` event may lack fields added since; the
 * defaults fill them so a database written by an earlier version keeps scoring.
 */
export function withSettingsDefaults(stored: Partial<ContractSettings>): ContractSettings {
  return { ...DEFAULT_SETTINGS, ...stored };
}
