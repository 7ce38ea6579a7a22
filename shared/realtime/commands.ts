import type { z } from 'zod';
import { incidentActionSchema, incidentIntakeSchema, type Incident } from '../domain/incident';
import { workOrderActionSchema, workOrderIntakeSchema, type WorkOrder } from '../domain/work-order';
import type { Role } from '../roles';

/** `Omit` that keeps a union a union (each action keeps its own fields). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * The socket commands, once: each name with the role it needs, the schema its body is checked
 * against on the server, and the result its ack carries. The wire protocol (protocol.ts), the
 * socket server and the client's `send` are all derived from this table, so a misspelled name,
 * a wrong body or a wrong result type is a compile error on both sides.
 */
export const SOCKET_COMMANDS = {
  'workOrder:create': { role: 'intake', body: workOrderIntakeSchema },
  'workOrder:act': { role: 'seat', body: workOrderActionSchema, targetsId: true },
  'incident:create': { role: 'lead', body: incidentIntakeSchema },
  'incident:act': { role: 'lead', body: incidentActionSchema, targetsId: true },
} as const satisfies Record<string, { role: Role; body: z.ZodType; targetsId?: true }>;

/** What each command's ack carries on success. */
export interface SocketCommandResults {
  'workOrder:create': WorkOrder;
  'workOrder:act': WorkOrder;
  'incident:create': Incident;
  'incident:act': Incident;
}

export type CommandName = keyof typeof SOCKET_COMMANDS & keyof SocketCommandResults;

/** The body a client sends: the schema's input, plus the target's `id` for commands on one item. */
export type CommandInput<K extends CommandName> = (typeof SOCKET_COMMANDS)[K] extends { targetsId: true }
  ? { id: string } & z.input<(typeof SOCKET_COMMANDS)[K]['body']>
  : z.input<(typeof SOCKET_COMMANDS)[K]['body']>;

export type CommandResult<K extends CommandName> = SocketCommandResults[K];

/** An action body as a screen builds it; the version it acted on is added when it is sent. */
export type ActionBody<K extends 'workOrder:act' | 'incident:act'> = DistributiveOmit<z.input<(typeof SOCKET_COMMANDS)[K]['body']>, 'expectedVersion'>;
