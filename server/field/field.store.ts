import type { Incident } from '../../shared/domain/incident';
import type { WorkOrder } from '../../shared/domain/work-order';
import type { EntityType } from '../../shared/events';

/** What an idempotency key recorded: the entity its command changed and the event's seq. */
export interface IdempotentResult {
  entityType: EntityType;
  entityId: string;
  seq: number;
}

export interface PhotoRecord {
  id: string;
  uploadedBy: string;
  clientKey: string;
  mime: string;
  bytes: number;
  sha256: string;
  /** Where the camera said the photo was taken (EXIF GPS, WGS-84); kept as data, stripped from the file. */
  exifLat: number | null;
  exifLng: number | null;
  exifTakenAt: string | null;
  uploadedAt: string;
}

/** Storage the field app needs beyond the board store. Async, like Store, so a PostgreSQL one fits. */
export interface FieldStore {
  findIdempotent(actor: string, key: string): Promise<IdempotentResult | undefined>;
  insertPhoto(photo: PhotoRecord): Promise<void>;
  getPhoto(id: string): Promise<PhotoRecord | undefined>;
  findPhotoByClientKey(uploadedBy: string, clientKey: string): Promise<PhotoRecord | undefined>;
  /** Incidents dispatched to this responder and not closed, oldest dispatch first. */
  openIncidentsOf(responderId: string): Promise<Incident[]>;
  /** Work orders of a channel whose external id starts with `prefix` (an evaluator's own reports). */
  workOrdersByExternalPrefix(channel: WorkOrder['channel'], prefix: string, limit: number): Promise<WorkOrder[]>;
}
