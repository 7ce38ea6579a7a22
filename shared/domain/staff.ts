import { z } from 'zod';
import { COORD_SYSTEMS, idSchema, latSchema, lngSchema, shortText } from './common';

export const POSTS = ['seat', 'responder', 'evaluator'] as const; // 坐席员 / 应急员 / 测评员
export type Post = (typeof POSTS)[number];

export interface Staff {
  id: string;
  name: string;
  post: Post;
  onDuty: boolean;
  active: boolean;
  updatedAt: string;
  version: number;
}

/** Latest known position of a responder (telemetry, WGS-84). */
export interface ResponderPosition {
  responderId: string;
  lat: number;
  lng: number;
  at: string;
}

/** What a responder is doing, derived from duty and incidents (map colours). */
export type ResponderStatus = 'off_duty' | 'idle' | 'en_route' | 'on_scene';

export const staffCreateSchema = z.strictObject({
  id: idSchema.regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only').optional(),
  name: shortText,
  post: z.enum(POSTS),
  onDuty: z.boolean().default(false),
});
export type StaffCreate = z.infer<typeof staffCreateSchema>;

export const dutySchema = z.strictObject({
  onDuty: z.boolean(),
  expectedVersion: z.number().int().nonnegative().optional(),
});

export const positionInputSchema = z.strictObject({
  lat: latSchema,
  lng: lngSchema,
  coordSystem: z.enum(COORD_SYSTEMS).default('wgs84'),
  at: z.iso.datetime({ offset: true }).optional(),
});
export type PositionInput = z.infer<typeof positionInputSchema>;
