/**
 * Who may do what. wall: read-only kiosk (no personal data); lead: dispatch actions;
 * manager: + score settings and manual deductions; admin: + users and keys;
 * intake: machine API key that may only create work orders.
 */
export const ROLES = ['wall', 'lead', 'manager', 'admin', 'intake'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: string;
  role: Role;
}

/** Roles that include the rights of `role` (a manager may do what a lead may). */
const INCLUDES: Record<Role, readonly Role[]> = {
  wall: ['wall', 'lead', 'manager', 'admin'],
  lead: ['lead', 'manager', 'admin'],
  manager: ['manager', 'admin'],
  admin: ['admin'],
  intake: ['intake', 'lead', 'manager', 'admin'],
};

export function hasRole(actor: Pick<Actor, 'role'>, needed: Role): boolean {
  return INCLUDES[needed].includes(actor.role);
}
