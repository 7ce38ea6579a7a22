import type { Incident, INCIDENT_EVENT_OF } from './domain/incident';
import type { Staff } from './domain/staff';
import type { RosterDomainEvent } from './coverage/roster-events';
import type { ReopenReason, WorkOrder, WORK_ORDER_EVENT_OF } from './domain/work-order';
import type { ScoreDomainEvent } from './scoring/score-events';

/**
 * Every committed change is one of these events, appended to the log with a monotonic `seq`.
 * Entity events carry the whole entity after the change, so a client folds them by upsert and
 * ends at exactly the server's state, whatever it missed before its snapshot.
 */
export type DomainEvent =
  /** A new order from any channel. */
  | { type: 'workOrder.received'; payload: { workOrder: WorkOrder } }
  | {
      type: `workOrder.${(typeof WORK_ORDER_EVENT_OF)[keyof typeof WORK_ORDER_EVENT_OF]}`;
      /** `reason` / `note` as the command gave it (reject, suspend, reassign, …); `wrongDispatch` and `previousDispatchAt` (when the undone dispatch was made) on reassign; `automatic`: 督办 by the deadline sweep. */
      payload: {
        workOrder: WorkOrder;
        reason?: string;
        note?: string;
        wrongDispatch?: boolean;
        automatic?: boolean;
        previousDispatchAt?: string;
        /** 延期: the working days asked for (request-extension) or granted (approve-extension). */
        days?: number;
        /** add-report: the repeat report merged into this order (personal data: never to the wall). */
        report?: { channel: string; description: string; reporter: { name?: string; phone?: string } | null };
        /** 返工: the reason code and the state the order was sent back from (the note, if any, is in `note`). */
        reopen?: { reason: ReopenReason; from: 'handled' | 'called_back' };
      };
    }
  | { type: 'incident.opened'; payload: { incident: Incident } }
  | {
      type: `incident.${(typeof INCIDENT_EVENT_OF)[keyof typeof INCIDENT_EVENT_OF]}`;
      /**
       * On a re-dispatch, the responder it was taken from. `busy` + `busyReason`: the lead confirmed
       * sending a responder who was off duty or on another incident, and said why.
       */
      payload: {
        incident: Incident;
        previousResponderId?: string | null;
        busy?: { status: 'off_duty' } | { status: 'busy'; incidentIds: string[] };
        busyReason?: string;
      };
    }
  | { type: 'staff.added' | 'staff.dutyChanged'; payload: { staff: Staff } }
  /** Shifts and staff profiles (shared/coverage). */
  | RosterDomainEvent
  /** Score facts the board does not show: quality checks, faults, manual deductions, settings (shared/scoring). */
  | ScoreDomainEvent;

export type DomainEventType = DomainEvent['type'];

export type EntityType = 'workOrder' | 'incident' | 'staff' | 'settings' | 'score' | 'fact' | 'shift' | 'staffProfile';

/** Events whose entity is not the first part of their type. */
interface EntityTypeExceptions {
  'workOrder.qualityChecked': 'fact';
  'evaluatorReport.verified': 'fact';
  'equipment.faultReported': 'fact';
  'equipment.faultRepaired': 'fact';
  'score.deductionEntered': 'score';
  'score.deductionRevised': 'score';
  'score.monthClosed': 'score';
  'settings.changed': 'settings';
}

/** The entity an event type is filed under: 'incident.arrived' → 'incident', with the exceptions above. */
export type EntityTypeOf<T extends string> = T extends keyof EntityTypeExceptions
  ? EntityTypeExceptions[T]
  : T extends `${infer Entity extends EntityType}.${string}`
    ? Entity
    : never;

/**
 * An event as stored and as broadcast. `entityType` is tied to `type`, so switching on either
 * narrows the payload: `case 'incident'` knows `event.payload.incident`, with no cast.
 */
export type EventEnvelope = DomainEvent extends infer E
  ? E extends DomainEvent
    ? E & { seq: number; at: string; actor: string; entityType: EntityTypeOf<E['type']>; entityId: string }
    : never
  : never;
