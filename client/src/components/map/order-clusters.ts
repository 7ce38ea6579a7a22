import Supercluster from 'supercluster';
import type { Urgency } from './map-colors';
import type { OrderPoint } from './map-types';

interface PointProps {
  near: number;
  breached: number;
}

export interface ClusterDot {
  lat: number;
  lng: number;
  count: number;
  /** The worst handling-deadline state inside the cluster. */
  urgency: Urgency;
}

/**
 * Open work orders grouped per zoom level (supercluster: a k-d tree per zoom, built once per
 * change of the order set, then queried per view in well under a millisecond).
 */
export class OrderClusters {
  private index = newIndex();
  private size = 0;

  load(points: readonly OrderPoint[]) {
    this.size = points.length;
    // A new index per load: supercluster appends each load's cluster properties to an array it
    // only clears in its constructor, so a reused index grew with every reload on a kiosk
    // (bench/wall-soak.bench.ts: ~12,000 objects a minute under a busy feed).
    this.index = newIndex();
    this.index.load(
      points.map((p) => ({
        type: 'Feature' as const,
        properties: { near: p.urgency === 'near' ? 1 : 0, breached: p.urgency === 'breached' ? 1 : 0 },
        geometry: { type: 'Point' as const, coordinates: [p.lng, p.lat] },
      })),
    );
  }

  clusters(west: number, south: number, east: number, north: number, zoom: number): ClusterDot[] {
    if (this.size === 0) return [];
    return this.index.getClusters([west, south, east, north], Math.round(zoom)).map((f) => {
      const props = f.properties as PointProps & { point_count?: number };
      const [lng, lat] = f.geometry.coordinates;
      const urgency: Urgency = props.breached > 0 ? 'breached' : props.near > 0 ? 'near' : 'ok';
      return { lat, lng, count: props.point_count ?? 1, urgency };
    });
  }
}

function newIndex() {
  return new Supercluster<PointProps, PointProps>({
    // In supercluster's 512-unit tile extent: 96 = 48 screen px on 256 px tiles, wider than the
    // largest bubble (2 × 24 px at 1080p), so neighbouring bubbles do not pile on each other.
    radius: 96,
    maxZoom: 16,
    map: (p) => ({ near: p.near, breached: p.breached }),
    reduce: (acc, p) => {
      acc.near += p.near;
      acc.breached += p.breached;
    },
  });
}
