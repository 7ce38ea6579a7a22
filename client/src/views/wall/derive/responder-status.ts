import type { Incident } from '../../../../../shared/domain/incident';
import type { ResponderStatus, Staff } from '../../../../../shared/domain/staff';

/**
 * What each responder is doing, for the map colours: an open incident assigned to them
 * decides en route / on scene; otherwise on duty means idle (available), else off duty.
 */
export function responderStatuses(staff: Iterable<Staff>, incidents: Iterable<Incident>): Map<string, ResponderStatus> {
  const busy = new Map<string, ResponderStatus>();
  for (const i of incidents) {
    if (!i.responderId) continue;
    if (i.state === 'on_scene') busy.set(i.responderId, 'on_scene');
    else if (i.state === 'en_route' && busy.get(i.responderId) !== 'on_scene') busy.set(i.responderId, 'en_route');
  }
  const result = new Map<string, ResponderStatus>();
  for (const s of staff) {
    if (s.post !== 'responder' || !s.active) continue;
    result.set(s.id, busy.get(s.id) ?? (s.onDuty ? 'idle' : 'off_duty'));
  }
  return result;
}

/**
 * Responders on an open incident (en route or on scene) while not clocked in, by id → name.
 * The incident is served, but the duty log says nobody is on duty: a flag on the wall, not a colour.
 */
export function offDutyOnIncident(staff: Iterable<Staff>, openIncidents: Iterable<Incident>): Map<string, string> {
  const byId = new Map<string, Staff>();
  for (const s of staff) byId.set(s.id, s);
  const flagged = new Map<string, string>();
  for (const i of openIncidents) {
    if (!i.responderId || (i.state !== 'en_route' && i.state !== 'on_scene')) continue;
    const s = byId.get(i.responderId);
    if (s && !s.onDuty) flagged.set(s.id, s.name);
  }
  return flagged;
}
