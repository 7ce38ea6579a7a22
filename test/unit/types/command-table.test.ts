import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Incident } from '../../../shared/domain/incident';
import type { WorkOrder } from '../../../shared/domain/work-order';
import { SOCKET_COMMANDS, type CommandInput, type CommandName, type CommandResult } from '../../../shared/realtime/commands';
import type { Ack } from '../../../shared/realtime/protocol';
import type { send } from '../../../client/src/realtime';
import type { GridSocket, onCommand } from '../../../server/realtime/socket-server';

/**
 * The command table is checked by the compiler (`npm test` type-checks this file first): these
 * lines never run, but each `@ts-expect-error` fails the type-check if its line ever compiles.
 */
declare const clientSend: typeof send;
declare const serverOn: typeof onCommand;
declare const socket: GridSocket;
declare const order: WorkOrder;
declare const incident: Incident;

export function clientSide() {
  void clientSend('incident:act', { id: 'INC-1', action: 'dispatch', expectedVersion: 1, responderId: 'R1' });
  void clientSend('workOrder:act', { id: 'WO-1', action: 'suspend', expectedVersion: 3, reason: '等待配件' });
  // @ts-expect-error a misspelled command name
  void clientSend('incident:acts', { id: 'INC-1', action: 'arrive', expectedVersion: 1 });
  // @ts-expect-error a dispatch without the responder
  void clientSend('incident:act', { id: 'INC-1', action: 'dispatch', expectedVersion: 1 });
  // @ts-expect-error an action a work order does not have
  void clientSend('workOrder:act', { id: 'WO-1', action: 'teleport', expectedVersion: 1 });
  // @ts-expect-error an action on an item without its id
  void clientSend('workOrder:act', { action: 'file', expectedVersion: 1 });
}

export function serverSide() {
  serverOn(socket, 'incident:act', () => Promise.resolve(incident));
  serverOn(socket, 'workOrder:create', () => Promise.resolve(order));
  // @ts-expect-error a misspelled command name
  serverOn(socket, 'incident:open', () => Promise.resolve(incident));
  // @ts-expect-error the result of an incident command is an incident, not a work order
  serverOn(socket, 'incident:act', () => Promise.resolve(order));
}

describe('the command table', () => {
  it('types each ack with the result of its command', () => {
    expectTypeOf<Awaited<ReturnType<typeof send<'incident:act'>>>>().toEqualTypeOf<Ack<Incident>>();
    expectTypeOf<CommandResult<'workOrder:create'>>().toEqualTypeOf<WorkOrder>();
    expectTypeOf<CommandInput<'incident:act'>>().toHaveProperty('id');
  });

  it('names a role for every command the server binds', () => {
    const names = Object.keys(SOCKET_COMMANDS) as CommandName[];
    expect(names.sort()).toEqual(['incident:act', 'incident:create', 'workOrder:act', 'workOrder:create']);
    // A seat agent acts on work orders (the seat's actions; the rest are refused by the command itself).
    expect(names.map((n) => SOCKET_COMMANDS[n].role)).toEqual(['lead', 'lead', 'seat', 'intake']);
  });
});
