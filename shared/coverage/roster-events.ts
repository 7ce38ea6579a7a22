import type { Shift, StaffProfileRecord } from './shift';

/**
 * Roster events. Each carries the whole entity after the change, like the board's events,
 * so a client folds them by upsert (or removal for `shift.deleted`).
 */
export type RosterDomainEvent =
  | { type: 'shift.created' | 'shift.edited'; payload: { shift: Shift } }
  /** The shift as it was before removal. */
  | { type: 'shift.deleted'; payload: { shift: Shift } }
  /** Dates or qualifications edited. */
  | { type: 'staffProfile.saved'; payload: { profile: StaffProfileRecord } }
  /** The Center asked to replace this person on `profile.replacementRequestedOn`. */
  | { type: 'staffProfile.replacementRequested'; payload: { profile: StaffProfileRecord } }
  /** The replacement started on `profile.replacementFulfilledOn`; the person leaves that day. */
  | { type: 'staffProfile.replacementFulfilled'; payload: { profile: StaffProfileRecord } };
