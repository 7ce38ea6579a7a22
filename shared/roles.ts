/**
 * Who may do what. wall: read-only kiosk (no personal data); seat (坐席员): takes calls, enters
 * orders and reads the board with the reporter's data, but only files, declines, merges and calls
 * back (SEAT_WORK_ORDER_ACTIONS); lead: dispatch actions;
 * manager: + score settings and manual deductions; admin: + users and keys;
 * intake: machine API key that may only create work orders.
 * responder / evaluator: a staff member on their phone (/field), acting only as themself: a
 * responder on the incidents dispatched to them, an evaluator on their own reports. Neither
 * reads the board (reporters' phone numbers live there), and no other role includes theirs.
 */
export const ROLES = ['wall', 'seat', 'lead', 'manager', 'admin', 'intake', 'responder', 'evaluator'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: string;
  role: Role;
  /** The staff record a responder or evaluator logs in as (null/absent for everyone else). */
  staffId?: string | null;
  /** An intake key made for replaying history: its times may be older than the usual bound. */
  historical?: boolean;
}

/** Roles of people in the field, each linked to a staff record of the same post. */
export const FIELD_ROLES = ['responder', 'evaluator'] as const satisfies readonly Role[];
export type FieldRole = (typeof FIELD_ROLES)[number];
export const isFieldRole = (role: Role): role is FieldRole => (FIELD_ROLES as readonly Role[]).includes(role);

/** Roles that include the rights of `role` (a manager may do what a lead may). */
const INCLUDES: Record<Role, readonly Role[]> = {
  wall: ['wall', 'seat', 'lead', 'manager', 'admin'],
  seat: ['seat', 'lead', 'manager', 'admin'],
  lead: ['lead', 'manager', 'admin'],
  manager: ['manager', 'admin'],
  admin: ['admin'],
  intake: ['intake', 'seat', 'lead', 'manager', 'admin'],
  responder: ['responder'],
  evaluator: ['evaluator'],
};

export function hasRole(actor: Pick<Actor, 'role'>, needed: Role): boolean {
  return INCLUDES[needed].includes(actor.role);
}

/**
 * Whether the role sees reporters' names and phones and typed text (the board, an order's page):
 * seat agents call reporters back, so they do; the wall never does.
 */
export const seesPersonalData = (actor: Pick<Actor, 'role'>): boolean => hasRole(actor, 'seat');
