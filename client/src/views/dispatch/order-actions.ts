import type { ActionBody } from '../../../../shared/realtime/commands';

/** The work-order actions of the dispatch board, their key, and the fields each one asks for. */
export const ORDER_ACTIONS = [
  { action: 'dispatch', key: 'd', fields: ['department'] },
  { action: 'reassign', key: 'r', fields: ['department', 'reason'] },
  { action: 'supervise', key: 's', fields: ['note'] },
  { action: 'suspend', key: 'p', fields: ['reason'] },
  { action: 'mark-difficult', key: 'x', fields: ['reason'] },
  { action: 'callback', key: 'c', fields: ['note'] },
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number]['action'];

/**
 * The body of a work-order action from the form's fields. A field left empty is not sent, so a
 * required one is refused by the server naming it.
 */
export function orderActionBody(action: OrderAction, fields: Partial<Record<'department' | 'reason' | 'note', string>>): ActionBody<'workOrder:act'> {
  const given = (field: 'department' | 'reason' | 'note') => fields[field]?.trim() || undefined;
  switch (action) {
    case 'dispatch':
      return { action, department: given('department')! };
    case 'reassign':
      return { action, department: given('department')!, reason: given('reason') };
    case 'suspend':
    case 'mark-difficult':
      return { action, reason: given('reason')! };
    case 'supervise':
    case 'callback':
      return { action, note: given('note') };
  }
}

export const orderActionForKey = (key: string): OrderAction | undefined => ORDER_ACTIONS.find((a) => a.key === key)?.action;
