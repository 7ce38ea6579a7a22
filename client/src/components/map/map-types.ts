import type { ResponderStatus } from '../../../../shared/domain/staff';
import type { Urgency } from './map-colors';

/** What the map draws; the wall view derives these from the board store. */
export interface ResponderDot {
  id: string;
  lat: number;
  lng: number;
  status: ResponderStatus;
  /** Shown beside the dot: the room calls responders by name. */
  name: string;
  /** On an incident while clocked out: drawn with a red ring. */
  offDutyOnIncident: boolean;
}

export interface OrderPoint {
  id: string;
  lat: number;
  lng: number;
  /** Handling deadline: ok, near (< 1 h) or breached. */
  urgency: Urgency;
}

export interface IncidentMark {
  id: string;
  lat: number;
  lng: number;
  title: string;
  /** ms since epoch; null until a responder is dispatched. */
  dispatchedAt: number | null;
  deadline: number | null;
  arrived: boolean;
  /** Arrived after the deadline (协调不及时): the ring stays red. */
  late: boolean;
}
