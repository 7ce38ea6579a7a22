import { describe, expect, it } from 'vitest';
import { boxArea, boxContains, countOutside, focusBox } from '../../../../client/src/components/map/focus-bounds';
import { OrderClusters } from '../../../../client/src/components/map/order-clusters';
import { DISTRICT_BOUNDS, DISTRICT_CENTER } from '../../../../shared/geo/district';

describe('map focus', () => {
  it('frames downtown when everything happens there, not the 100 km district', () => {
    const box = focusBox([DISTRICT_CENTER, { lat: DISTRICT_CENTER.lat + 0.01, lng: DISTRICT_CENTER.lng + 0.01 }], DISTRICT_BOUNDS)!;
    expect(box.north - box.south).toBeGreaterThanOrEqual(0.045);
    expect(box.north - box.south).toBeLessThan(0.2);
    expect(
      boxContains(box, { south: DISTRICT_CENTER.lat, north: DISTRICT_CENTER.lat + 0.01, west: DISTRICT_CENTER.lng, east: DISTRICT_CENTER.lng + 0.01 }),
    ).toBe(true);
  });

  it('widens to include an incident far south, within the district', () => {
    const box = focusBox([DISTRICT_CENTER], DISTRICT_BOUNDS, [{ lat: 44.9, lng: 84.95 }])!;
    expect(box.south).toBeLessThanOrEqual(44.9);
    expect(box.north).toBeLessThanOrEqual(DISTRICT_BOUNDS.north);
  });

  it('frames the town, not the desert, when a few orders are spread over the district', () => {
    // 98 orders in a 6 × 6 km town, 2 far out: the frame holds ≥ 95 % and is the town's size.
    const town = Array.from({ length: 98 }, (_, i) => ({ lat: 45.57 + (i % 10) * 0.006, lng: 84.84 + Math.floor(i / 10) * 0.008 }));
    const far = [
      { lat: 44.8, lng: 84.9 },
      { lat: 45.1, lng: 85.1 },
    ];
    const box = focusBox([...town, ...far], DISTRICT_BOUNDS)!;
    expect(countOutside(box, [...town, ...far])).toBeLessThanOrEqual(5);
    expect(box.south).toBeGreaterThan(45.4);
  });

  it('lets go of the desert share when holding 95 % would mean the whole district (the demo: 15 % anywhere)', () => {
    const town = Array.from({ length: 85 }, (_, i) => ({ lat: 45.57 + (i % 10) * 0.006, lng: 84.84 + Math.floor(i / 10) * 0.008 }));
    const spread = Array.from({ length: 15 }, (_, i) => ({ lat: 44.75 + i * 0.05, lng: 84.7 + (i % 5) * 0.1 }));
    const box = focusBox([...town, ...spread], DISTRICT_BOUNDS)!;
    expect(boxArea(box)).toBeLessThanOrEqual(boxArea(DISTRICT_BOUNDS) * 0.1);
    expect(countOutside(box, town)).toBe(0);
  });

  it('has nothing to frame with no points', () => {
    expect(focusBox([], DISTRICT_BOUNDS)).toBeNull();
  });
});

describe('open work-order clusters', () => {
  it('group nearby orders and carry the worst deadline state', () => {
    const c = new OrderClusters();
    c.load([
      { id: '1', lat: 45.6, lng: 84.87, urgency: 'ok' },
      { id: '2', lat: 45.6001, lng: 84.8701, urgency: 'breached' },
      { id: '3', lat: 45.6002, lng: 84.8702, urgency: 'near' },
      { id: '4', lat: 45.0, lng: 85.0, urgency: 'near' },
    ]);
    const at10 = c.clusters(84, 44, 86, 46, 10).sort((a, b) => b.count - a.count);
    expect(at10.map((x) => [x.count, x.urgency])).toEqual([
      [3, 'breached'],
      [1, 'near'],
    ]);
  });
});

describe('clusters on a wall that runs for weeks', () => {
  it('do not keep anything from earlier loads (the kiosk reloads the orders every second)', () => {
    const points = Array.from({ length: 300 }, (_, i) => ({
      id: String(i),
      lat: 45.55 + (i % 30) * 0.002,
      lng: 84.85 + Math.floor(i / 30) * 0.002,
      urgency: 'ok' as const,
    }));
    const c = new OrderClusters();
    c.load(points);
    // supercluster keeps each cluster's reduced properties in an internal array (its memory).
    const heldAfterOne = (c as unknown as { index: { clusterProps: unknown[] } }).index.clusterProps.length;
    for (let i = 0; i < 200; i++) c.load(points);
    const heldAfterMany = (c as unknown as { index: { clusterProps: unknown[] } }).index.clusterProps.length;
    expect(heldAfterOne).toBeGreaterThan(0);
    expect(heldAfterMany).toBe(heldAfterOne);
    expect(c.clusters(84.8, 45.5, 84.95, 45.65, 12).reduce((n, d) => n + d.count, 0)).toBe(300);
  });
});
