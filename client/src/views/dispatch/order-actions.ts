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

export const orderActionForKey = (key: string): OrderAction | undefined => ORDER_ACTIONS.find((a) => a.key === key)?.action;
