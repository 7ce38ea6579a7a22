import type { Incident } from '../domain/incident';
import type { ResponderPosition, Staff } from '../domain/staff';
import type { WorkOrder } from '../domain/work-order';
import type { FieldSettings } from '../settings';

/** `GET /api/field/me`: everything the phone needs to draw its page. */
export interface FieldHome {
  staff: Staff;
  /** Responders: the last stored fix and the incident dispatched to them (the oldest open one). */
  position: ResponderPosition | null;
  assignment: Incident | null;
  settings: FieldSettings;
  serverTime: string;
}

/** The answer to a position: whether it was kept and whether it recorded an arrival. */
export interface PositionAck {
  stored: boolean;
  /** Older than the stale limit when it arrived: kept for the map, never an arrival. */
  stale: boolean;
  /** The incident the fix arrived at (geofence), if it did. */
  arrived: Incident | null;
  /** The server's clock: the phone keeps its offset fresh from every answer. */
  serverTime: string;
}

/** The Center's verdict on an evaluator's report (correct / 错报), once it has judged. */
export interface ReportVerdict {
  correct: boolean;
  note: string | null;
  at: string;
}

/** `GET /api/field/evaluator-reports`: the caller's own reports, newest first. */
export interface EvaluatorReportView {
  workOrder: WorkOrder;
  verdict: ReportVerdict | null;
}

export interface PhotoUploaded {
  id: string;
  bytes: number;
  mime: string;
  /** The EXIF position the camera wrote, kept as data (it is not in the served file). */
  exifPosition: { lat: number; lng: number } | null;
}
