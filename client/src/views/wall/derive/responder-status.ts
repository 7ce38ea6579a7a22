import type { Incident } from '../../../../../shared/domain/incident';
import type { ResponderStatus, Staff } from '../../../../../shared/domain/staff';

/**
 * What each responder is doing, for the map colours: an open incident assigned to them
 * decides en route / on scene; otherwise on duty means idle (available), else off duty.
 */
export function responderStatuses(
  staff: Iterable<Staff>,
  incidents: Iterable<Incident>,
): Map<string, ResponderStatus> {
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
