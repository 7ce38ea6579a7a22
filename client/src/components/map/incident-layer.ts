import L from 'leaflet';
import { deadlineUrgency } from './deadline-urgency';
import { URGENCY_COLORS } from './map-colors';
import type { IncidentMark } from './map-types';

const RING_R = 16;
const INCIDENT_PANE = 'wallIncidents';
const RING_C = 2 * Math.PI * RING_R;

/**
 * Open incidents as DOM markers (there are a handful, not thousands): a ring around each that
 * drains from full at dispatch to empty at the arrival deadline, coloured by time left.
 * A marker added after the first render pulses once (CSS) to catch the room's eye.
 */
export class IncidentLayer {
  private group = L.layerGroup();
  private markers = new Map<string, { marker: L.Marker; ring: SVGCircleElement; mark: IncidentMark }>();
  private primed = false;

  constructor(private scale = 1) {}

  addTo(map: L.Map) {
    // Above the order clusters and responders (pane wallDots, z 450): an incident is never hidden.
    const pane = map.getPane(INCIDENT_PANE) ?? map.createPane(INCIDENT_PANE);
    pane.style.zIndex = '650';
    pane.style.pointerEvents = 'none';
    this.group.addTo(map);
    return this;
  }

  remove() {
    this.group.remove();
    this.markers.clear();
  }

  setScale(scale: number) {
    if (scale === this.scale) return;
    this.scale = scale;
    const marks = [...this.markers.values()].map((m) => m.mark);
    this.group.clearLayers();
    this.markers.clear();
    this.set(marks, Date.now());
  }

  /** Replaces the shown incidents with `marks` and repaints the rings for time `now`. */
  set(marks: readonly IncidentMark[], now: number) {
    const seen = new Set<string>();
    for (const mark of marks) {
      seen.add(mark.id);
      const existing = this.markers.get(mark.id);
      if (existing) {
        existing.mark = mark;
        existing.marker.setLatLng([mark.lat, mark.lng]);
      } else {
        this.markers.set(mark.id, this.create(mark, this.primed));
      }
    }
    for (const [id, entry] of this.markers) {
      if (seen.has(id)) continue;
      this.group.removeLayer(entry.marker);
      this.markers.delete(id);
    }
    this.primed = true;
    this.tick(now);
  }

  /** Drains the rings to the time `now` (server-corrected), once a second. */
  tick(now: number) {
    for (const { ring, mark, marker } of this.markers.values()) {
      const { fraction, urgency } = ringState(mark, now);
      ring.setAttribute('stroke-dasharray', `${(fraction * RING_C).toFixed(2)} ${RING_C.toFixed(2)}`);
      const color = urgency ? URGENCY_COLORS[urgency] : '#e2e8f0';
      ring.setAttribute('stroke', color);
      marker.getElement()?.setAttribute('data-urgency', urgency ?? 'undispatched');
    }
  }

  private create(mark: IncidentMark, pulse: boolean) {
    const size = 44 * this.scale;
    const html = `<svg viewBox="0 0 44 44" width="${size}" height="${size}" aria-hidden="true">
      <circle cx="22" cy="22" r="${RING_R}" fill="none" stroke="#1e293b" stroke-width="6"/>
      <circle class="ring" cx="22" cy="22" r="${RING_R}" fill="none" stroke-width="6"
        transform="rotate(-90 22 22)" stroke-linecap="butt"/>
      <circle cx="22" cy="22" r="7" fill="#ef4444" stroke="#0b1a33" stroke-width="2"/>
    </svg>`;
    const icon = L.divIcon({
      className: `wall-incident${pulse ? ' wall-incident--new' : ''}`,
      html,
      iconSize: [size, size],
      iconAnchor: [size / 2, size / 2],
    });
    const marker = L.marker([mark.lat, mark.lng], { icon, interactive: false, keyboard: false, pane: INCIDENT_PANE });
    this.group.addLayer(marker);
    const el = marker.getElement();
    el?.setAttribute('data-incident-id', mark.id);
    el?.setAttribute('title', mark.title);
    const ring = el?.querySelector('circle.ring') as SVGCircleElement;
    return { marker, ring, mark };
  }
}

function ringState(mark: IncidentMark, now: number) {
  if (mark.deadline === null || mark.dispatchedAt === null) return { fraction: 1, urgency: null };
  if (mark.arrived) return { fraction: 1, urgency: mark.late ? ('breached' as const) : ('ok' as const) };
  const total = mark.deadline - mark.dispatchedAt;
  const left = mark.deadline - now;
  const fraction = total > 0 ? Math.min(1, Math.max(0, left / total)) : 0;
  return { fraction, urgency: deadlineUrgency(left) };
}
