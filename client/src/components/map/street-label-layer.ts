import L from 'leaflet';
import type { StreetLabel } from '../../../../shared/geo/street-labels';

/**
 * Street-office names under the data: a handful of text labels in their own pane below the
 * canvas of dots and clusters. Rebuilt only when a name or its place changes, not on every
 * order, so a wall left running for weeks does not churn DOM nodes.
 */
export class StreetLabelLayer {
  private readonly group = L.layerGroup();
  private shown = '';

  constructor(map: L.Map) {
    const pane = map.createPane('street-labels');
    pane.style.zIndex = '350';
    pane.style.pointerEvents = 'none';
    this.group.addTo(map);
  }

  set(labels: readonly StreetLabel[]) {
    const key = labels.map((l) => `${l.unit}@${l.lat.toFixed(3)},${l.lng.toFixed(3)}`).join('|');
    if (key === this.shown) return;
    this.shown = key;
    this.group.clearLayers();
    for (const label of labels) {
      const icon = L.divIcon({ className: 'wall-street', html: '', iconSize: undefined });
      const marker = L.marker([label.lat, label.lng], { icon, pane: 'street-labels', interactive: false, keyboard: false });
      marker.on('add', () => {
        const el = marker.getElement();
        // textContent, not html: a name is data, never markup.
        if (el) el.textContent = label.unit;
      });
      this.group.addLayer(marker);
    }
  }

  remove() {
    this.group.remove();
  }
}
