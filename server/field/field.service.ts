import { DomainError } from '../../shared/domain/common';
import type { ArrivalEvidence, Incident } from '../../shared/domain/incident';
import type { ResponderPosition, Staff } from '../../shared/domain/staff';
import { newWorkOrder, type WorkOrder } from '../../shared/domain/work-order';
import { evaluatorReportSchema, fieldArriveSchema, fieldDutySchema, fieldPositionSchema, fieldReportSchema } from '../../shared/field/field-commands';
import type { EvaluatorReportView, FieldHome, PositionAck } from '../../shared/field/field-views';
import { insideGeofence } from '../../shared/field/geometry';
import { DEFAULT_FIELD_SETTINGS, type FieldSettings } from '../../shared/settings';
import type { FieldRole } from '../../shared/roles';
import { toWgs84 } from '../geo/coords';
import type { Actor, CommandContext } from '../commands/context';
import { actOnIncident } from '../board/incident.commands';
import { reportPosition, setDuty } from '../board/staff.commands';
import { parseInput } from '../commands/validate';
import type { FieldStore } from './field.store';
import { isDuplicateKey } from './idempotency';
import { mustOwnPhotos } from './photo.service';

/** How far a phone's clock may run ahead of the server's, and how old a queued arrival may be. */
const FUTURE_SKEW_MS = 60_000;
const MAX_QUEUED_AGE_MS = 24 * 3_600_000;

/**
 * The field app's commands: a responder or evaluator acting as the staff member they log in as.
 * Every incident command goes through the board's own `actOnIncident` (same state machine, same
 * event); this adds who may act, the arrival's evidence and the offline queue's idempotency key.
 */
export class FieldService {
  /** Last stored fix per responder (server time, ms): the rate limit on positions. */
  private readonly lastStored = new Map<string, number>();

  constructor(
    private readonly ctx: CommandContext,
    private readonly store: FieldStore,
    private readonly onPosition: (p: ResponderPosition) => void,
  ) {}

  /** Settings stored before the field app existed have no `field` block: the defaults apply to them. */
  settings(): FieldSettings {
    return this.ctx.settings().field ?? DEFAULT_FIELD_SETTINGS;
  }

  /** The staff record the caller is, checked on every call (a deactivated member is out at once). */
  async staffOf(actor: Actor, role: FieldRole): Promise<Staff> {
    if (actor.role !== role || !actor.staffId) throw new DomainError('forbidden', `only a ${role} may do this from the field`);
    const staff = await this.ctx.store.getStaff(actor.staffId);
    if (!staff || !staff.active || staff.post !== role) throw new DomainError('forbidden', `staff ${actor.staffId} is not an active ${role}`);
    return staff;
  }

  async home(actor: Actor): Promise<FieldHome> {
    const role: FieldRole = actor.role === 'evaluator' ? 'evaluator' : 'responder';
    const staff = await this.staffOf(actor, role);
    const responder = role === 'responder';
    const assignment = responder ? ((await this.store.openIncidentsOf(staff.id))[0] ?? null) : null;
    return {
      staff,
      position: responder ? ((await this.ctx.store.getPosition(staff.id)) ?? null) : null,
      assignment,
      settings: this.settings(),
      serverTime: this.ctx.clock.now().toISOString(),
    };
  }

  /** The on-duty toggle is the clock-in/out the staffing rules read (same event as a lead's). */
  async setDuty(actor: Actor, input: unknown): Promise<Staff> {
    const staff = await this.staffOf(actor, actor.role === 'evaluator' ? 'evaluator' : 'responder');
    const { onDuty } = parseInput(fieldDutySchema, input);
    return setDuty(this.ctx, staff.id, { onDuty }, actor);
  }

  /**
   * A watchPosition fix. At most one per `positionMinIntervalS` is stored (the rest are answered
   * `stored: false`); a fresh, accurate fix inside the radius of the responder's site records
   * the arrival (source geofence) at the fix's own time.
   */
  async position(actor: Actor, input: unknown): Promise<PositionAck> {
    const staff = await this.staffOf(actor, 'responder');
    const fix = parseInput(fieldPositionSchema, input);
    if (!staff.onDuty) throw new DomainError('conflict', 'positions are sent only while on duty', { field: 'onDuty' });
    const now = this.ctx.clock.now().getTime();
    const at = boundedTime(fix.at, now, 'at');
    const settings = this.settings();
    const stale = now - at.getTime() > settings.staleFixS * 1000;
    const last = this.lastStored.get(staff.id);
    if (last !== undefined && now - last < settings.positionMinIntervalS * 1000 && now >= last) {
      return { stored: false, stale, arrived: null, serverTime: new Date(now).toISOString() };
    }
    this.lastStored.set(staff.id, now);
    const position = await reportPosition(
      this.ctx,
      staff.id,
      { lat: fix.lat, lng: fix.lng, coordSystem: fix.coordSystem, at: at.toISOString() },
      this.onPosition,
    );
    const arrived = stale ? null : await this.geofence(actor, staff, position, fix.accuracyM, settings);
    return { stored: true, stale, arrived, serverTime: this.ctx.clock.now().toISOString() };
  }

  /** A fix whose own error is larger than the radius cannot tell inside from outside: it never arrives. */
  private async geofence(actor: Actor, staff: Staff, position: ResponderPosition, accuracyM: number | undefined, settings: FieldSettings) {
    if (accuracyM !== undefined && accuracyM > settings.arrivalRadiusM) return null;
    const site = (await this.store.openIncidentsOf(staff.id)).find(
      (i) => i.state === 'en_route' && insideGeofence(position, i.location, settings.arrivalRadiusM),
    );
    if (!site) return null;
    const at = laterOf(new Date(position.at), site.dispatchedAt);
    const arrival: ArrivalEvidence = { source: 'geofence', position: { lat: position.lat, lng: position.lng }, at };
    try {
      return await actOnIncident(this.ctx, site.id, { action: 'arrive', expectedVersion: site.version }, actor, { arrival });
    } catch (error) {
      // Someone else recorded the arrival first (the button, a lead): nothing more to do.
      if (error instanceof DomainError && (error.code === 'stale_version' || error.code === 'illegal_transition')) return null;
      throw error;
    }
  }

  /** 到场 by button, with the position and time the phone had when it was pressed. */
  async arrive(actor: Actor, incidentId: string, input: unknown, key: string | undefined): Promise<Incident> {
    const staff = await this.staffOf(actor, 'responder');
    const data = parseInput(fieldArriveSchema, input);
    return this.once(actor, key, 'incident', async () => {
      const incident = await this.ownIncident(staff, incidentId);
      const at = data.at ? laterOf(boundedTime(data.at, this.ctx.clock.now().getTime(), 'at'), incident.dispatchedAt) : undefined;
      const arrival: ArrivalEvidence = { source: 'button', position: toWgs84(data.lat, data.lng, data.coordSystem), ...(at ? { at } : {}) };
      const command = { action: 'arrive', expectedVersion: data.expectedVersion ?? incident.version };
      return actOnIncident(this.ctx, incidentId, command, actor, { arrival, idempotencyKey: key, guard: (i) => this.mustBeOwn(staff, i) });
    });
  }

  /** 首报 / 续报 (report) and 结案 (close), with photos the caller uploaded. */
  async report(actor: Actor, incidentId: string, input: unknown, key: string | undefined): Promise<Incident> {
    const staff = await this.staffOf(actor, 'responder');
    const data = parseInput(fieldReportSchema, input);
    await this.ownPhotos(actor, data.photos);
    return this.once(actor, key, 'incident', async () => {
      const incident = await this.ownIncident(staff, incidentId);
      const expectedVersion = data.expectedVersion ?? incident.version;
      const photos = data.photos.length ? { photos: data.photos } : {};
      const command =
        data.kind === 'closure'
          ? { action: 'close', expectedVersion, text: data.text, ...photos }
          : { action: 'report', expectedVersion, kind: data.kind, text: data.text, ...photos };
      return actOnIncident(this.ctx, incidentId, command, actor, { idempotencyKey: key, guard: (i) => this.mustBeOwn(staff, i) });
    });
  }

  /** 测评员上报: a work order of channel evaluator_report; its external id ties it to the evaluator. */
  async createEvaluatorReport(actor: Actor, input: unknown, key: string | undefined): Promise<WorkOrder> {
    const staff = await this.staffOf(actor, 'evaluator');
    if (!key) throw new DomainError('invalid', 'Idempotency-Key header: required for a report', { field: 'idempotencyKey' });
    const data = parseInput(evaluatorReportSchema, input);
    await this.ownPhotos(actor, data.photos);
    const externalId = `${staff.id}:${key}`;
    const existing = await this.ctx.store.findWorkOrderByExternalId('evaluator_report', externalId);
    if (existing) return existing;
    const { accuracyM: _accuracy, coordSystem, ...place } = data.location;
    const location = { ...place, ...toWgs84(place.lat, place.lng, coordSystem) };
    const now = this.ctx.clock.now();
    const intake = {
      channel: 'evaluator_report' as const,
      externalId,
      category: data.category,
      title: data.title,
      description: data.text,
      location,
      priority: 'normal' as const,
    };
    const order: WorkOrder = {
      ...newWorkOrder(this.ctx.ids.next('WO'), intake, location, now),
      reporter: { name: staff.name },
      ...(data.photos.length ? { photos: data.photos } : {}),
    };
    try {
      const event = await this.ctx.store.commit([{ kind: 'workOrder', entity: order, expectedVersion: null }], {
        type: 'workOrder.received',
        payload: { workOrder: order },
        entityType: 'workOrder',
        entityId: order.id,
        actor: actor.id,
        at: now.toISOString(),
      });
      this.ctx.publish(event);
      return order;
    } catch (error) {
      const winner = await this.ctx.store.findWorkOrderByExternalId('evaluator_report', externalId);
      if (winner) return winner;
      throw error;
    }
  }

  /** The evaluator's own reports, newest first, each with the Center's latest verdict. */
  async ownReports(actor: Actor): Promise<EvaluatorReportView[]> {
    const staff = await this.staffOf(actor, 'evaluator');
    const orders = await this.store.workOrdersByExternalPrefix('evaluator_report', `${staff.id}:`, 200);
    const views: EvaluatorReportView[] = [];
    for (const workOrder of orders.reverse()) {
      const facts = await this.ctx.store.eventsOf('fact', workOrder.id, 20);
      const last = facts.filter((e) => e.type === 'evaluatorReport.verified').at(-1);
      const v = last && last.payload.verification;
      views.push({ workOrder, verdict: v ? { correct: v.correct, note: v.note, at: v.verifiedAt } : null });
    }
    return views;
  }

  private async ownIncident(staff: Staff, incidentId: string): Promise<Incident> {
    const incident = await this.ctx.store.getIncident(incidentId);
    if (!incident) throw new DomainError('not_found', `incident ${incidentId} not found`, { field: 'id' });
    this.mustBeOwn(staff, incident);
    return incident;
  }

  private mustBeOwn(staff: Staff, incident: Incident) {
    if (incident.responderId !== staff.id) throw new DomainError('forbidden', `incident ${incident.id} is not dispatched to you`);
  }

  private async ownPhotos(actor: Actor, ids: string[]) {
    await mustOwnPhotos(this.store, actor, ids);
  }

  /**
   * Runs a command once per (actor, key): a repeat answers with the entity as it is now and
   * commits nothing. The key is stored in the command's own transaction (Store.commit), so a
   * repeat racing the first finds the unique key and gets the same answer.
   */
  private async once(actor: Actor, key: string | undefined, entityType: 'incident', run: () => Promise<Incident>): Promise<Incident> {
    const repeat = async () => {
      const done = key ? await this.store.findIdempotent(actor.id, key) : undefined;
      return done && done.entityType === entityType ? this.ctx.store.getIncident(done.entityId) : undefined;
    };
    const earlier = await repeat();
    if (earlier) return earlier;
    try {
      return await run();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const winner = await repeat();
      if (winner) return winner;
      throw error;
    }
  }
}

/** A client-supplied time: not ahead of the server by more than a minute, not older than a day. */
function boundedTime(iso: string, nowMs: number, field: string): Date {
  const at = new Date(iso);
  if (at.getTime() > nowMs + FUTURE_SKEW_MS) throw new DomainError('invalid', `${field}: in the future (check the phone's clock)`, { field });
  if (at.getTime() < nowMs - MAX_QUEUED_AGE_MS) throw new DomainError('invalid', `${field}: more than a day old`, { field });
  return new Date(Math.min(at.getTime(), nowMs));
}

/** An arrival is never before its dispatch (a phone clock a little behind the server's). */
const laterOf = (at: Date, dispatchedAt: string | null) => (dispatchedAt && at.getTime() < new Date(dispatchedAt).getTime() ? new Date(dispatchedAt) : at);
