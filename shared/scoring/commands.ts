import { z } from 'zod';
import { idSchema, isoTimeSchema, shortText } from '../domain/common';
import { contractSettingsSchema } from '../settings';
import { MANUAL_BLOCKS, MANUAL_RANGES } from './blocks';

/** Inputs of the score's commands (server/score/score.commands.ts); every one is validated here. */

export const qualityCheckSchema = z.strictObject({
  passed: z.boolean(),
  /** Why it failed; required for a failure so the score page can say what was wrong. */
  reason: z.string().trim().max(200).optional(),
});

export const judgeDispatchSchema = z.strictObject({
  expectedVersion: z.number().int().nonnegative(),
  /** Which dispatch of the order was wrong (1 = first); default the latest. */
  dispatchNumber: z.number().int().positive().optional(),
  reason: shortText,
});

export const verifyReportSchema = z.strictObject({
  correct: z.boolean(),
  note: z.string().trim().max(200).optional(),
});

export const faultReportSchema = z.strictObject({
  equipment: shortText,
  description: z.string().max(2000).default(''),
  delaysWork: z.boolean().default(true),
  /** When the fault started; defaults to now. */
  reportedAt: isoTimeSchema.optional(),
});

export const faultRepairSchema = z.strictObject({
  expectedVersion: z.number().int().nonnegative(),
  repairedAt: isoTimeSchema.optional(),
});

const refersToSchema = z.strictObject({ entityType: shortText, entityId: idSchema });

/** Points must fall in the contract's range for the block (5–15, 5–15, 1–10). */
const pointsInRange = <T extends { block: keyof typeof MANUAL_RANGES; points: number }>(d: T, ctx: z.RefinementCtx) => {
  const range = MANUAL_RANGES[d.block];
  if (d.points < range.min || d.points > range.max) {
    ctx.addIssue({ code: 'custom', path: ['points'], message: `points must be ${range.min}–${range.max} for ${d.block}` });
  }
};

export const manualDeductionSchema = z
  .strictObject({
    block: z.enum(MANUAL_BLOCKS as [keyof typeof MANUAL_RANGES, ...(keyof typeof MANUAL_RANGES)[]]),
    points: z.number().multipleOf(0.5),
    reason: shortText,
    occurredAt: isoTimeSchema.optional(),
    refersTo: refersToSchema.optional(),
  })
  .superRefine(pointsInRange);

/** A revision replaces points and reason (the block stays); `withdrawn` cancels the deduction. */
export const manualRevisionSchema = z.strictObject({
  expectedRevision: z.number().int().positive(),
  points: z.number().multipleOf(0.5).optional(),
  reason: shortText,
  withdrawn: z.boolean().default(false),
});

/** A settings change: any subset of the settings, merged over the current ones and checked whole. */
export const settingsChangeSchema = contractSettingsSchema.partial().strict();
export const fullSettingsSchema = contractSettingsSchema;

export const monthParamSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must be YYYY-MM');

/** Closing a month takes nothing but the month (in the path); reopening needs the reason on record. */
export const closeMonthSchema = z.strictObject({});
export const reopenMonthSchema = z.strictObject({ reason: shortText });
