import { z } from 'zod';
import { categorySchema } from '../domain/category';
import { COORD_SYSTEMS, idSchema, isoTimeSchema, latSchema, lngSchema, longText, shortText } from '../domain/common';
import { MAX_PHOTOS_PER_REPORT, REPORT_KINDS } from '../domain/incident';

/**
 * What a phone sends from /field. Field commands carry no `expectedVersion` requirement: a command
 * queued offline cannot know the version its queued predecessor will produce. The server still
 * checks the state machine and that the incident is dispatched to the caller.
 */

/** Header of every queued field command: the same key sent twice creates one thing. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,80}$/, '8–80 letters, digits, - or _');

const fix = {
  lat: latSchema,
  lng: lngSchema,
  /** The phone's own estimate of its error, metres (GeolocationCoordinates.accuracy). */
  accuracyM: z.number().nonnegative().max(100_000).optional(),
  coordSystem: z.enum(COORD_SYSTEMS).default('wgs84'),
};

export const fieldDutySchema = z.strictObject({ onDuty: z.boolean() });

/** A watchPosition fix; `at` is when the phone took it (GeolocationPosition.timestamp). */
export const fieldPositionSchema = z.strictObject({ ...fix, at: isoTimeSchema });
export type FieldPosition = z.infer<typeof fieldPositionSchema>;

/** 到场 by button: the position the phone had when it was pressed, and when (it may be sent later). */
export const fieldArriveSchema = z.strictObject({ ...fix, at: isoTimeSchema.optional(), expectedVersion: z.number().int().nonnegative().optional() });
export type FieldArrive = z.infer<typeof fieldArriveSchema>;

const photoIds = z.array(idSchema).max(MAX_PHOTOS_PER_REPORT).default([]);

/** 首报 / 续报 need text; 结案 may be photos only. */
export const fieldReportSchema = z
  .strictObject({
    kind: z.enum(REPORT_KINDS),
    text: longText.default(''),
    photos: photoIds,
    expectedVersion: z.number().int().nonnegative().optional(),
  })
  .superRefine((report, issues) => {
    if (report.kind !== 'closure' && report.text.trim() === '') {
      issues.addIssue({ code: 'custom', path: ['text'], message: 'a first or follow-up report needs text' });
    }
  });
export type FieldReport = z.infer<typeof fieldReportSchema>;

/** An evaluator's report (测评员上报): becomes a work order of channel evaluator_report. */
export const evaluatorReportSchema = z.strictObject({
  category: categorySchema,
  title: shortText,
  text: longText.pipe(z.string().trim().min(1)),
  location: z.strictObject({ lat: latSchema, lng: lngSchema, accuracyM: fix.accuracyM, coordSystem: fix.coordSystem, address: z.string().max(200).optional() }),
  photos: photoIds,
});
export type EvaluatorReportInput = z.infer<typeof evaluatorReportSchema>;

/** Photos: what the server takes, checked by the file's own bytes, not by what the client claims. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
