import type { Snapshot } from '../board/state';
import type { ResponderPosition } from '../domain/staff';
import type { EventEnvelope } from '../events';
import type { MonthScore } from '../scoring/types';
import type { CommandName, CommandResult } from './commands';

/**
 * The one wire contract between server and clients (STYLE §1). The server is
 * `Server<ClientToServerEvents, ServerToClientEvents>`, the client `Socket<ServerToClientEvents, ClientToServerEvents>`.
 */

export interface ApiError {
  code: string;
  message: string;
  /** The input field at fault, dotted ('location.lat'). */
  field?: string;
  currentVersion?: number;
  currentState?: string;
  /** 429 rate_limited: when to ask again. */
  retryAfterMs?: number;
  /** 422 invalid_rows (a schedule import): every refused row with its reason. */
  rows?: Array<{ row: number; field: string; code: string; reason: string }>;
}

/** Every ack is a result union, made by one server wrapper. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export type SyncResult = { kind: 'snapshot'; snapshot: Snapshot } | { kind: 'events'; events: EventEnvelope[]; serverTime: string };

export interface ServerToClientEvents {
  /** One committed event, in seq order. */
  event: (event: EventEnvelope) => void;
  /** Several, in seq order: those committed together (a group commit's batch) go out as one packet. */
  events: (events: EventEnvelope[]) => void;
  /** Latest responder positions since the last tick (telemetry, not in the event log). */
  positions: (batch: ResponderPosition[]) => void;
  /** The month-to-date score after a change (causes left out: GET /api/score has them). */
  score: (score: MonthScore) => void;
}

/**
 * The socket commands of commands.ts as events. What arrives is untrusted (`unknown`: the server
 * checks it with the command's schema); the ack's result type comes from the table.
 */
export type CommandEvents = {
  [K in CommandName]: (body: unknown, ack: (result: Ack<CommandResult<K>>) => void) => void;
};

export interface ClientToServerEvents extends CommandEvents {
  /** Resume from `lastSeq` (missed events) or, with null or when too far behind, a fresh snapshot. */
  sync: (request: { lastSeq: number | null }, ack: (result: Ack<SyncResult>) => void) => void;
}

/** How many missed events a resume may replay before the server sends a snapshot instead. */
export const MAX_RESUME_EVENTS = 2000;
