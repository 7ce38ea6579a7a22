import { DomainError } from '../../shared/domain/common';
import {
  applyIncidentAction,
  INCIDENT_EVENT_OF,
  incidentActionSchema,
  incidentIntakeSchema,
  newIncident,
  type ArrivalEvidence,
  type DispatchContext,
  type Incident,
  type IncidentAction,
} from '../../shared/domain/incident';
import { distanceKm } from '../../shared/geo/distance';
import { arrivalDeadline } from '../../shared/sla';
import { toWgs84 } from '../geo/coords';
import type { Actor, CommandContext } from '../commands/context';
import { checkClientTime } from '../commands/time-bounds';
import { parseInput } from '../commands/validate';
import { changeVersioned, commitEvent } from '../commands/change';

export async function openIncident(ctx: CommandContext, input: unknown, actor: Actor): Promise<Incident> {
  const intake = parseInput(incidentIntakeSchema, input);
  checkClientTime(ctx, intake.reportedAt, 'reportedAt', actor);
  const { coordSystem, ...place } = intake.location;
  const now = ctx.clock.now();
  const incident = newIncident(ctx.ids.next('INC'), intake, { ...place, ...toWgs84(place.lat, place.lng, coordSystem) }, now);
  await commitEvent(ctx, actor, now, [{ kind: 'incident', entity: incident, expectedVersion: null }], {
    type: 'incident.opened',
    payload: { incident },
    entityType: 'incident',
    entityId: incident.id,
  });
  return incident;
}

/** Why a responder is not free: off duty, or sent to another open incident. */
export type ResponderBusy = { status: 'off_duty' } | { status: 'busy'; incidentIds: string[] };

/**
 * The responder must be an active responder with a known position. One who is off duty or busy on
 * another incident may be sent only with the lead's explicit confirmation (`busyReason`): sending
 * them with one key, unwarned, was how a responder got two sites at once.
 */
async function dispatchContext(
  ctx: CommandContext,
  incident: Incident,
  command: Extract<IncidentAction, { action: 'dispatch' }>,
  now: Date,
): Promise<DispatchContext & { busy: ResponderBusy | null }> {
  const { responderId } = command;
  const responder = await ctx.store.getStaff(responderId);
  if (!responder || responder.post !== 'responder' || !responder.active) {
    throw new DomainError('invalid', `responderId: ${responderId} is not an active emergency responder`, { field: 'responderId' });
  }
  const elsewhere = (await ctx.store.activeIncidentsOf(responderId)).filter((i) => i.id !== incident.id).map((i) => i.id);
  const busy: ResponderBusy | null = !responder.onDuty ? { status: 'off_duty' } : elsewhere.length ? { status: 'busy', incidentIds: elsewhere } : null;
  if (busy && !command.busyReason) {
    const why = busy.status === 'off_duty' ? 'is off duty' : `is busy on ${elsewhere.join(', ')}`;
    throw new DomainError('needs_confirm', `responder ${responderId} ${why}: confirm with busyReason`, { field: 'busyReason', currentState: busy.status });
  }
  const position = await ctx.store.getPosition(responderId);
  if (!position) throw new DomainError('conflict', `responder ${responderId} has no known position`, { field: 'responderId' });
  const from = { lat: position.lat, lng: position.lng };
  // Measured to the metre: the band is decided on what the lead sees (10.000 km is the 20-minute band).
  const km = Math.round(distanceKm(from, incident.location) * 1000) / 1000;
  return { responderPosition: from, distanceKm: km, deadline: arrivalDeadline(now, km, ctx.settings().arrivalBands), busy };
}

/** What the field app adds to an incident command (server/field): the arrival's evidence, a client key. */
export interface IncidentCommandOptions {
  /** Default: a lead's arrival (no position). */
  arrival?: ArrivalEvidence;
  /** The offline queue's idempotency key, stored with the event (a repeat commits nothing). */
  idempotencyKey?: string;
  /** Refuses the command unless the loaded incident passes (the responder's own incident). */
  guard?: (incident: Incident) => void;
}

export async function actOnIncident(ctx: CommandContext, id: string, input: unknown, actor: Actor, options: IncidentCommandOptions = {}): Promise<Incident> {
  const command: IncidentAction = parseInput(incidentActionSchema, input);
  return changeVersioned(ctx, actor, {
    what: 'incident',
    id,
    expectedVersion: command.expectedVersion,
    load: () => ctx.store.getIncident(id),
    guard: options.guard,
    async apply(incident, now) {
      const dispatch = command.action === 'dispatch' ? await dispatchContext(ctx, incident, command, now) : undefined;
      const next = applyIncidentAction(incident, command, now, actor.id, dispatch, options.arrival);
      const payload: { incident: Incident; previousResponderId?: string | null; busy?: ResponderBusy; busyReason?: string } = { incident: next };
      if (command.action === 'dispatch') {
        payload.previousResponderId = incident.responderId;
        // The record of a confirmed dispatch of a busy / off-duty responder: what they were doing, and why.
        if (dispatch?.busy) Object.assign(payload, { busy: dispatch.busy, busyReason: command.busyReason });
      }
      return {
        writes: [{ kind: 'incident', entity: next, expectedVersion: incident.version }],
        event: {
          type: `incident.${INCIDENT_EVENT_OF[command.action]}`,
          payload,
          entityType: 'incident',
          entityId: id,
          ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
        },
        result: next,
      };
    },
  });
}
