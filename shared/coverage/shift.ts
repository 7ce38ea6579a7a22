import { z } from 'zod';
import { idSchema, isoTimeSchema } from '../domain/common';
import { POSTS } from '../domain/staff';
import { dayKeySchema, type StaffProfile } from './staff-profile';

/** One scheduled stretch of duty of one person. Edited per day; clock-in/out records the actual duty. */
export interface Shift {
  id: string;
  staffId: string;
  /** ISO instants, end exclusive. */
  start: string;
  end: string;
  source: ShiftSource;
  updatedAt: string;
  version: number;
}

export const SHIFT_SOURCES = ['manual', 'rotation', 'import'] as const;
export type ShiftSource = (typeof SHIFT_SOURCES)[number];

/** Longest single shift: a responder's 24 h duty. */
export const MAX_SHIFT_HOURS = 24;

const withOrderedTimes = <T extends { start?: string; end?: string }>(v: T) =>
  v.start === undefined || v.end === undefined || Date.parse(v.end) > Date.parse(v.start);
const notTooLong = <T extends { start?: string; end?: string }>(v: T) =>
  v.start === undefined || v.end === undefined || Date.parse(v.end) - Date.parse(v.start) <= MAX_SHIFT_HOURS * 3_600_000;

export const shiftCreateSchema = z
  .strictObject({ staffId: idSchema, start: isoTimeSchema, end: isoTimeSchema })
  .refine(withOrderedTimes, { message: 'end must be after start', path: ['end'] })
  .refine(notTooLong, { message: `a shift lasts at most ${MAX_SHIFT_HOURS} h`, path: ['end'] });
export type ShiftCreate = z.infer<typeof shiftCreateSchema>;

export const shiftEditSchema = z
  .strictObject({
    staffId: idSchema.optional(),
    start: isoTimeSchema.optional(),
    end: isoTimeSchema.optional(),
    expectedVersion: z.number().int().positive(),
  })
  .refine(withOrderedTimes, { message: 'end must be after start', path: ['end'] })
  .refine(notTooLong, { message: `a shift lasts at most ${MAX_SHIFT_HOURS} h`, path: ['end'] });

export const shiftDeleteSchema = z.strictObject({ expectedVersion: z.number().int().positive() });

export const rotationRequestSchema = z.strictObject({
  post: z.enum(POSTS),
  fromDay: dayKeySchema,
  days: z.number().int().min(1).max(62),
});

export const replacementRequestSchema = z.strictObject({ on: dayKeySchema });
export const replacementFulfilSchema = z.strictObject({ on: dayKeySchema });

export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
/** A schedule file: CSV as text, XLSX as base64 (commands are JSON). */
export const scheduleImportSchema = z.strictObject({
  format: z.enum(IMPORT_FORMATS),
  content: z.string().min(1).max(1_000_000),
});

export const IMPORT_ERROR_CODES = [
  'required',
  'unknown_staff',
  'name_mismatch',
  'bad_date',
  'bad_time',
  'not_in_team',
  'overlap_in_file',
  'overlap_existing',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/** A bad row of an import file: spreadsheet row number (header = 1), the column, and why. */
export interface ImportRowError {
  row: number;
  field: string;
  code: ImportErrorCode;
  /** English detail with the offending value; the UI shows its own label for `code`. */
  reason: string;
}

/** A profile as stored: keyed by the staff id, versioned for concurrent edits. */
export interface StaffProfileRecord extends StaffProfile {
  id: string;
  updatedAt: string;
  version: number;
}
