import type { Incident } from '../../../../shared/domain/incident';
import type { ResponderPosition, Staff } from '../../../../shared/domain/staff';
import { distanceKm } from '../../../../shared/geo/distance';
import type { ArrivalBand } from '../../../../shared/settings';
import { arrivalBandLabel, arrivalMinutes } from '../../../../shared/sla';

export type Availability = 'idle' | 'busy' | 'off_duty';

export interface Suggestion {
  responder: Staff;
  km: number;
  /** '≤5 km · 15 min': the arrival deadline that distance implies (contract §3). */
  band: string;
  minutes: number;
  /** idle; busy = sent to another open incident; off_duty. Busy and off-duty need a confirm. */
  availability: Availability;
  /** The other incidents a busy responder is on. */
  busyOn: string[];
}

const RANK: Record<Availability, number> = { idle: 0, busy: 1, off_duty: 2 };

/**
 * Who to send to an incident: responders with a known position, idle ones first, then busy ones,
 * then off-duty ones (both only with a confirm), each group nearest first (straight-line distance,
 * as the SLA measures it). The current responder is left out: reassigning to the same person
 * changes nothing.
 */
export function suggestResponders(
  incident: Pick<Incident, 'id' | 'location' | 'responderId'>,
  staff: Staff[],
  positions: Record<string, ResponderPosition>,
  incidents: Array<Pick<Incident, 'id' | 'state' | 'responderId'>>,
  bands: ArrivalBand[],
): Suggestion[] {
  const busyOn = new Map<string, string[]>();
  for (const i of incidents) {
    if (i.id === incident.id || !i.responderId || (i.state !== 'en_route' && i.state !== 'on_scene')) continue;
    busyOn.set(i.responderId, [...(busyOn.get(i.responderId) ?? []), i.id]);
  }
  const out: Suggestion[] = [];
  for (const responder of staff) {
    if (responder.post !== 'responder' || !responder.active || responder.id === incident.responderId) continue;
    const at = positions[responder.id];
    if (!at) continue;
    const km = distanceKm(at, incident.location);
    const on = busyOn.get(responder.id) ?? [];
    const availability: Availability = !responder.onDuty ? 'off_duty' : on.length ? 'busy' : 'idle';
    out.push({ responder, km, band: arrivalBandLabel(km, bands), minutes: arrivalMinutes(km, bands), availability, busyOn: on });
  }
  return out.sort((a, b) => RANK[a.availability] - RANK[b.availability] || a.km - b.km);
}

/**
 * The frozen list with the arrival bands in force: a manager's change of the bands shows at once,
 * while the order and the numbers the lead is reading stay as they were.
 */
export function withBandsInForce(list: readonly Suggestion[], bands: ArrivalBand[]): Suggestion[] {
  return list.map((s) => ({ ...s, band: arrivalBandLabel(s.km, bands), minutes: arrivalMinutes(s.km, bands) }));
}
