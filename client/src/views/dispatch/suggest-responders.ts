import type { Incident } from '../../../../shared/domain/incident';
import type { ResponderPosition, Staff } from '../../../../shared/domain/staff';
import { distanceKm } from '../../../../shared/geo/distance';
import type { ArrivalBand } from '../../../../shared/settings';
import { arrivalBandLabel, arrivalMinutes } from '../../../../shared/sla';

export interface Suggestion {
  responder: Staff;
  km: number;
  /** '≤5 km · 15 min': the arrival deadline that distance implies (contract §3). */
  band: string;
  minutes: number;
  /** Not already sent to another open incident. */
  idle: boolean;
}

/**
 * Who to send to an incident: on-duty responders with a known position, idle ones first, each
 * group nearest first (straight-line distance, as the SLA measures it). The current responder is
 * left out: reassigning to the same person changes nothing.
 */
export function suggestResponders(
  incident: Pick<Incident, 'id' | 'location' | 'responderId'>,
  staff: Staff[],
  positions: Record<string, ResponderPosition>,
  incidents: Array<Pick<Incident, 'id' | 'state' | 'responderId'>>,
  bands: ArrivalBand[],
): Suggestion[] {
  const busy = new Set(
    incidents.filter((i) => i.id !== incident.id && (i.state === 'en_route' || i.state === 'on_scene') && i.responderId).map((i) => i.responderId),
  );
  const out: Suggestion[] = [];
  for (const responder of staff) {
    if (responder.post !== 'responder' || !responder.active || !responder.onDuty || responder.id === incident.responderId) continue;
    const at = positions[responder.id];
    if (!at) continue;
    const km = distanceKm(at, incident.location);
    out.push({ responder, km, band: arrivalBandLabel(km, bands), minutes: arrivalMinutes(km, bands), idle: !busy.has(responder.id) });
  }
  return out.sort((a, b) => Number(b.idle) - Number(a.idle) || a.km - b.km);
}
