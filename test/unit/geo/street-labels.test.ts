import { describe, expect, it } from 'vitest';
import { streetLabels } from '../../../shared/geo/street-labels';

const at = (lat: number, lng: number, address?: string) => ({ location: { lat, lng, ...(address ? { address } : {}) } });

describe('street-office names on the map', () => {
  it('names each unit at the median of its open orders, so one stray order does not move it', () => {
    const labels = streetLabels([
      at(45.59, 84.86, '天山路 58 号'),
      at(45.6, 84.87, '天山路与准噶尔路交叉口'),
      at(45.61, 84.88, '克拉玛依区天山路街道友谊路 3 号'),
      at(44.9, 85.5, '天山路 1 号'), // mis-geocoded, far away
      at(45.58, 84.9, '银河路 12 号'),
    ]);
    expect(labels).toEqual([
      { unit: '天山路街道', lat: (45.59 + 45.6) / 2, lng: (84.87 + 84.88) / 2, orders: 4 },
      { unit: '银河路街道', lat: 45.58, lng: 84.9, orders: 1 },
    ]);
  });

  it('leaves out orders with no address or an address naming no unit, and units with no open order', () => {
    expect(streetLabels([at(45.6, 84.87), at(45.6, 84.87, '油田小区 3 栋')])).toEqual([]);
    expect(streetLabels([at(45.7, 84.8, '小拐乡 2 队')]).map((l) => l.unit)).toEqual(['小拐乡']);
  });
});
