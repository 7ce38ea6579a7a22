import { z } from 'zod';

/** Business error raised by domain rules; the HTTP layer maps `code` to a status. */
export class DomainError extends Error {
  constructor(
    /** needs_confirm: allowed, but only with an explicit confirmation (e.g. sending a busy responder). */
    readonly code: 'not_found' | 'illegal_transition' | 'stale_version' | 'invalid' | 'conflict' | 'forbidden' | 'needs_confirm',
    message: string,
    readonly details: { field?: string; currentState?: string; currentVersion?: number } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const COORD_SYSTEMS = ['wgs84', 'gcj02', 'bd09'] as const;
export type CoordSystem = (typeof COORD_SYSTEMS)[number];

export const latSchema = z.number().min(-90).max(90);
export const lngSchema = z.number().min(-180).max(180);

export const locationSchema = z.strictObject({
  lat: latSchema,
  lng: lngSchema,
  address: z.string().max(200).optional(),
  gridCell: z.string().max(40).optional(),
});
export type Location = z.infer<typeof locationSchema>;

/** Input location: any of the three coordinate systems; the server stores WGS-84. */
export const locationInputSchema = locationSchema.extend({
  coordSystem: z.enum(COORD_SYSTEMS).optional(),
});
export type LocationInput = z.infer<typeof locationInputSchema>;

export const isoTimeSchema = z.iso.datetime({ offset: true });
export const idSchema = z.string().min(1).max(64);
export const shortText = z.string().trim().min(1).max(200);
export const longText = z.string().max(4000);
