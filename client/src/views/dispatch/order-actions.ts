import type { WorkOrderActionName } from '../../../../shared/domain/work-order';

export type OrderField = 'department' | 'reason' | 'note' | 'result' | 'satisfaction' | 'wrongDispatch' | 'days' | 'reasonCode';

export interface OrderActionSpec {
  action: WorkOrderActionName;
  /** One key on the board (j/k/n/a and digits are taken by moving, new order, arrival and suggestions). */
  key: string;
  fields: readonly OrderField[];
  /** Fields that must be filled. */
  required: readonly OrderField[];
  /** Cannot be taken back: the form says so before the lead confirms. */
  irreversible: boolean;
}

const spec = (action: WorkOrderActionName, key: string, fields: OrderField[] = [], required: OrderField[] = [], irreversible = false): OrderActionSpec => ({
  action,
  key,
  fields,
  required,
  irreversible,
});

/**
 * Every action of the national workflow, in the order a shift meets them: 立单 or 不予立案, 派遣 (改派),
 * 开始处置, 办结, 回访, 评价, 返工 (back to handling after 办结 or 回访), the side states 挂起 / 疑难 / 恢复, 督办, and 延期 (request, approve, decline). Each opens a small form, even
 * without fields: Enter confirms, Esc cancels, so one stray key never changes an order.
 */
export const ORDER_ACTIONS: readonly OrderActionSpec[] = [
  spec('file', 'f'),
  spec('reject', 'v', ['reason'], ['reason'], true),
  spec('dispatch', 'd', ['department'], ['department']),
  spec('reassign', 'r', ['department', 'wrongDispatch', 'reason'], ['department']),
  spec('start', 'b'),
  spec('handle', 'h', ['result'], [], true),
  spec('callback', 'c', ['note'], [], true),
  spec('evaluate', 'e', ['satisfaction'], ['satisfaction'], true),
  // 返工: w as in "work again"; the reason code is a choice, the note free text (never on the wall).
  spec('reopen', 'w', ['reasonCode', 'note'], ['reasonCode'], true),
  spec('suspend', 'p', ['reason'], ['reason']),
  spec('resume', 'u'),
  spec('mark-difficult', 'x', ['reason'], ['reason']),
  spec('supervise', 's', ['note']),
  // 延期: a department's request written down (seat or lead), then a lead's decision.
  spec('request-extension', 'y', ['days', 'reason'], ['days', 'reason']),
  spec('approve-extension', 'g', ['days'], ['days']),
  spec('decline-extension', 'z', ['reason'], ['reason']),
];
export type OrderAction = WorkOrderActionName;

export const orderActionForKey = (key: string): OrderActionSpec | undefined => ORDER_ACTIONS.find((a) => a.key === key);
