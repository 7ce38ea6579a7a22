import { z } from 'zod';
import { categorySchema, type Category } from './category';
import { DomainError, idSchema, locationInputSchema, longText, shortText, type Location } from './common';

export const CHANNELS = ['hotline_12345', 'video_patrol', 'grid_patrol', 'evaluator_report', 'inspection', 'leader', 'wechat', 'app'] as const;
export type Channel = (typeof CHANNELS)[number];

export const WORK_ORDER_STATES = [
  'received', // 已受理
  'filed', // 已立单
  'rejected', // 不予立案 (screened out)
  'dispatched', // 已派遣
  'in_progress', // 处置中
  'handled', // 已办结
  'called_back', // 已回访
  'evaluated', // 已评价
  'suspended', // 挂起: excluded from the callback rate
  'difficult', // 疑难: excluded from the callback rate
] as const;
export type WorkOrderState = (typeof WORK_ORDER_STATES)[number];

/** States in which the order no longer needs anyone: not "open" on the boards. */
export const CLOSED_WORK_ORDER_STATES: readonly WorkOrderState[] = ['rejected', 'called_back', 'evaluated'];
export const isWorkOrderOpen = (o: { state: WorkOrderState }) => !CLOSED_WORK_ORDER_STATES.includes(o.state);

export const PRIORITIES = ['urgent', 'normal'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const SATISFACTION = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION)[number];

/**
 * Why a handled order goes back to handling (返工): the verification found the problem still there
 * (未解决), the work was not done properly (处置不到位), or the citizen is not satisfied with it (群众不满意).
 */
export const REOPEN_REASONS = ['not_resolved', 'poorly_handled', 'citizen_dissatisfied'] as const;
export type ReopenReason = (typeof REOPEN_REASONS)[number];

export interface Reporter {
  name?: string;
  phone?: string;
}

export interface WorkOrder {
  id: string;
  channel: Channel;
  externalId: string;
  category: Category;
  title: string;
  description: string;
  location: Location;
  /** Personal data: never sent to the wall role. */
  reporter: Reporter | null;
  priority: Priority;
  state: WorkOrderState;
  /** State to return to on resume from suspended / difficult. */
  resumeState: WorkOrderState | null;
  handlingDeadline: string | null;
  department: string | null;
  /** Times each dispatch (first dispatch and every reassignment) happened. */
  dispatchCount: number;
  /** Dispatches judged wrong (reassigned for a wrong department, or by the Center). */
  wrongDispatchCount: number;
  /** Times the order was sent back to handling after 办结 (返工): the national 返工率 counts orders with one or more. */
  reopenCount: number;
  supervised: boolean;
  satisfaction: Satisfaction | null;
  /**
   * ISO time of each transition, by the state entered (and 'supervised', the last 'resumed'; a
   * pending 延期 request's 'extensionRequested', removed when a lead decides; the last 'extended';
   * the last 'reopened'). After a 返工, 'handled' and 'called_back' are those of the latest 办结 and 回访.
   */
  timestamps: Partial<Record<WorkOrderState | 'supervised' | 'resumed' | 'extensionRequested' | 'extended' | 'reopened', string>>;
  /** Photo ids (GET /api/photos/:id), from an evaluator's report; absent when none. Never on the wall. */
  photos?: string[];
  /** Replayed history (received with an intake key made for historical data): out of the score by default. */
  replayed?: true;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const workOrderIntakeSchema = z.strictObject({
  channel: z.enum(CHANNELS),
  externalId: z.string().trim().min(1).max(64),
  category: categorySchema,
  title: shortText,
  description: longText.default(''),
  location: locationInputSchema,
  reporter: z
    .strictObject({
      name: z.string().max(60).optional(),
      phone: z
        .string()
        .max(30)
        .regex(/^[0-9+\-\s]*$/, 'digits only')
        .optional(),
    })
    .optional(),
  priority: z.enum(PRIORITIES).default('normal'),
  /** When the channel received it; defaults to now. */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  /** Photos the seat agent uploaded for this order (POST /api/photos), at most 6. */
  photos: z.array(idSchema).max(6).optional(),
});
export type WorkOrderIntake = z.infer<typeof workOrderIntakeSchema>;

const base = { expectedVersion: z.number().int().nonnegative() };
/** Working days a 延期 may add: a month of working days at most. */
const extensionDays = z.number().int().min(1).max(22);

export const workOrderActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('file'), ...base }),
  z.strictObject({ action: z.literal('reject'), ...base, reason: shortText }),
  z.strictObject({ action: z.literal('dispatch'), ...base, department: shortText }),
  z.strictObject({
    action: z.literal('reassign'),
    ...base,
    department: shortText,
    /** The previous dispatch was to the wrong department: counts against dispatch accuracy. */
    wrongDispatch: z.boolean().default(true),
    reason: z.string().max(200).optional(),
  }),
  z.strictObject({ action: z.literal('start'), ...base }),
  z.strictObject({ action: z.literal('handle'), ...base, result: z.string().max(2000).optional() }),
  z.strictObject({ action: z.literal('callback'), ...base, note: z.string().max(2000).optional() }),
  z.strictObject({ action: z.literal('evaluate'), ...base, satisfaction: z.enum(SATISFACTION) }),
  /** 返工: a handled (or called back, not resolved) order goes back to 处置中, with why; the note is typed text (never on the wall). */
  z.strictObject({ action: z.literal('reopen'), ...base, reasonCode: z.enum(REOPEN_REASONS), note: z.string().max(2000).optional() }),
  z.strictObject({ action: z.literal('suspend'), ...base, reason: shortText }),
  z.strictObject({ action: z.literal('resume'), ...base }),
  z.strictObject({ action: z.literal('mark-difficult'), ...base, reason: shortText }),
  z.strictObject({ action: z.literal('supervise'), ...base, note: z.string().max(200).optional() }),
  /** 延期: the handling department asks for more working days, with why; a lead approves (possibly fewer days) or declines. */
  z.strictObject({ action: z.literal('request-extension'), ...base, days: extensionDays, reason: shortText }),
  z.strictObject({ action: z.literal('approve-extension'), ...base, days: extensionDays }),
  z.strictObject({ action: z.literal('decline-extension'), ...base, reason: shortText }),
  /**
   * A repeat report of the same problem (another caller, a second patrol) merged into this order
   * instead of a new one: the reporter and text are kept in the event, the order keeps its place.
   */
  z.strictObject({
    action: z.literal('add-report'),
    ...base,
    channel: z.enum(CHANNELS),
    description: z.string().max(4000).default(''),
    reporter: z
      .strictObject({
        name: z.string().max(60).optional(),
        phone: z
          .string()
          .max(30)
          .regex(/^[0-9+\-\s]*$/, 'digits only')
          .optional(),
      })
      .optional(),
  }),
]);
export type WorkOrderAction = z.infer<typeof workOrderActionSchema>;
export type WorkOrderActionName = WorkOrderAction['action'];
export const WORK_ORDER_ACTIONS = workOrderActionSchema.options.map<WorkOrderActionName>((o) => o.shape.action.value);

export const workOrderIdSchema = idSchema;

/** Which states each action may start from. `supervise` keeps the state and sets a flag. */
const ALLOWED_FROM: Record<WorkOrderActionName, readonly WorkOrderState[]> = {
  file: ['received'],
  reject: ['received'],
  dispatch: ['filed'],
  reassign: ['dispatched', 'in_progress'],
  start: ['dispatched'],
  handle: ['dispatched', 'in_progress'],
  callback: ['handled'],
  evaluate: ['called_back'],
  // 评价 ends the order: an evaluated order is not sent back (a new problem is a new order).
  reopen: ['handled', 'called_back'],
  suspend: ['filed', 'dispatched', 'in_progress'],
  resume: ['suspended', 'difficult'],
  'mark-difficult': ['filed', 'dispatched', 'in_progress'],
  supervise: ['received', 'filed', 'dispatched', 'in_progress', 'suspended', 'difficult'],
  'add-report': ['received', 'filed', 'dispatched', 'in_progress', 'suspended', 'difficult', 'handled'],
  'request-extension': ['filed', 'dispatched', 'in_progress'],
  'approve-extension': ['filed', 'dispatched', 'in_progress', 'suspended', 'difficult'],
  'decline-extension': ['filed', 'dispatched', 'in_progress', 'suspended', 'difficult'],
};

/** Actions that answer a pending 延期 request; a new request waits until the last one is answered. */
const ANSWERS_EXTENSION: readonly WorkOrderActionName[] = ['approve-extension', 'decline-extension'];

/**
 * A seat agent's part of the workflow: 立单 or 不予立案 after taking the call, merging a repeat report,
 * the 回访 call with its 评价, and writing down a department's 延期 request. Dispatching, 挂起, 督办,
 * deciding on 延期 and the rest are a lead's.
 */
export const SEAT_WORK_ORDER_ACTIONS = [
  'file',
  'reject',
  'add-report',
  'callback',
  'evaluate',
  'request-extension',
] as const satisfies readonly WorkOrderActionName[];
export const isSeatAction = (action: WorkOrderActionName) => (SEAT_WORK_ORDER_ACTIONS as readonly string[]).includes(action);

export function canApplyWorkOrderAction(order: Pick<WorkOrder, 'state' | 'timestamps'>, action: WorkOrderActionName): boolean {
  if (!ALLOWED_FROM[action].includes(order.state)) return false;
  const pending = order.timestamps.extensionRequested !== undefined;
  if (action === 'request-extension') return !pending;
  return ANSWERS_EXTENSION.includes(action) ? pending : true;
}

/** Past-tense event name of each action (STYLE: commands imperative, broadcasts past tense). */
export const WORK_ORDER_EVENT_OF = {
  file: 'filed',
  reject: 'rejected',
  dispatch: 'dispatched',
  reassign: 'reassigned',
  start: 'started',
  handle: 'handled',
  callback: 'calledBack',
  evaluate: 'evaluated',
  reopen: 'reopened',
  suspend: 'suspended',
  resume: 'resumed',
  'mark-difficult': 'markedDifficult',
  supervise: 'supervised',
  'add-report': 'reportAdded',
  'request-extension': 'extensionRequested',
  'approve-extension': 'extended',
  'decline-extension': 'extensionDeclined',
} as const satisfies Record<WorkOrderActionName, string>;
export type WorkOrderEventName = (typeof WORK_ORDER_EVENT_OF)[WorkOrderActionName] | 'received';

/**
 * Applies an action to an order and returns the next version of it.
 * Throws DomainError('illegal_transition') naming the current state when the action does not apply.
 * `deadlineOnFile` and `addWorkingDays` (延期) are the caller's: they need the settings, the working
 * calendar and the time zone.
 */
export function applyWorkOrderAction(
  order: WorkOrder,
  command: WorkOrderAction,
  at: Date,
  deadlineOnFile: () => Date,
  addWorkingDays: (from: Date, days: number) => Date = () => {
    throw new Error('approve-extension needs the working calendar');
  },
): WorkOrder {
  if (!canApplyWorkOrderAction(order, command.action)) {
    const pending = order.timestamps.extensionRequested !== undefined;
    const why =
      command.action === 'request-extension' && pending
        ? 'an extension request is already waiting for a lead'
        : ANSWERS_EXTENSION.includes(command.action) && !pending
          ? 'no extension request is waiting'
          : `a work order in state '${order.state}'`;
    throw new DomainError('illegal_transition', `cannot ${command.action}: ${why}`, { field: 'action', currentState: order.state });
  }
  const now = at.toISOString();
  const next: WorkOrder = { ...order, timestamps: { ...order.timestamps }, updatedAt: now, version: order.version + 1 };
  const enter = (state: WorkOrderState) => {
    next.state = state;
    next.timestamps[state] = now;
  };
  switch (command.action) {
    case 'file':
      enter('filed');
      next.handlingDeadline = deadlineOnFile().toISOString();
      break;
    case 'reject':
      enter('rejected');
      break;
    case 'dispatch':
      enter('dispatched');
      next.department = command.department;
      next.dispatchCount = order.dispatchCount + 1;
      break;
    case 'reassign':
      enter('dispatched');
      next.department = command.department;
      next.dispatchCount = order.dispatchCount + 1;
      if (command.wrongDispatch) next.wrongDispatchCount = order.wrongDispatchCount + 1;
      break;
    case 'start':
      enter('in_progress');
      break;
    case 'handle':
      enter('handled');
      break;
    case 'callback':
      enter('called_back');
      break;
    case 'evaluate':
      enter('evaluated');
      next.satisfaction = command.satisfaction;
      break;
    case 'reopen':
      // Back to 处置中 under the same department and deadline; the earlier 办结 / 回访 times stay
      // until the next ones replace them (the score withdraws the callback due on them).
      next.state = 'in_progress';
      next.reopenCount = (order.reopenCount ?? 0) + 1;
      next.timestamps.reopened = now;
      break;
    case 'suspend':
    case 'mark-difficult':
      next.resumeState = order.state;
      enter(command.action === 'suspend' ? 'suspended' : 'difficult');
      break;
    case 'resume': {
      next.state = order.resumeState ?? 'filed';
      next.resumeState = null;
      // 挂起 and 疑难 stop the handling clock: the deadline moves by the time spent paused.
      const pausedSince = order.timestamps[order.state];
      if (order.handlingDeadline && pausedSince) {
        const paused = Math.max(0, at.getTime() - new Date(pausedSince).getTime());
        next.handlingDeadline = new Date(new Date(order.handlingDeadline).getTime() + paused).toISOString();
      }
      next.timestamps.resumed = now;
      break;
    }
    case 'supervise':
      next.supervised = true;
      next.timestamps.supervised = now;
      break;
    case 'add-report':
      // The order itself does not change: the repeat report lives in its event (timeline).
      break;
    case 'request-extension':
      // The days asked for and why live in the event; the order shows that a request waits.
      next.timestamps.extensionRequested = now;
      break;
    case 'approve-extension':
      delete next.timestamps.extensionRequested;
      next.timestamps.extended = now;
      if (order.handlingDeadline) next.handlingDeadline = addWorkingDays(new Date(order.handlingDeadline), command.days).toISOString();
      break;
    case 'decline-extension':
      delete next.timestamps.extensionRequested;
      break;
  }
  return next;
}

/** A new order as received from a channel (state 'received', version 1). */
export function newWorkOrder(id: string, intake: WorkOrderIntake, location: Location, at: Date): WorkOrder {
  const receivedAt = (intake.receivedAt ? new Date(intake.receivedAt) : at).toISOString();
  return {
    id,
    channel: intake.channel,
    externalId: intake.externalId,
    category: intake.category,
    title: intake.title,
    description: intake.description ?? '',
    location,
    reporter: intake.reporter ?? null,
    priority: intake.priority ?? 'normal',
    state: 'received',
    resumeState: null,
    handlingDeadline: null,
    department: null,
    dispatchCount: 0,
    wrongDispatchCount: 0,
    reopenCount: 0,
    supervised: false,
    satisfaction: null,
    timestamps: { received: receivedAt },
    createdAt: receivedAt,
    updatedAt: at.toISOString(),
    version: 1,
  };
}
