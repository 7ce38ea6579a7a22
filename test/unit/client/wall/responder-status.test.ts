import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../../shared/domain/incident';
import type { Staff } from '../../../../shared/domain/staff';
import { responderStatuses } from '../../../../client/src/views/wall/derive/responder-status';

const staff = (id: string, onDuty: boolean, post: Staff['post'] = 'responder', active = true) => ({ id, post, onDuty, active }) as Staff;
const incident = (responderId: string, state: Incident['state']) => ({ responderId, state }) as Incident;

describe('responder colours on the map', () => {
  it('follows the incident they are on, else their duty', () => {
    const statuses = responderStatuses(
      [staff('a', true), staff('b', true), staff('c', true), staff('d', false), staff('seat', true, 'seat'), staff('gone', true, 'responder', false)],
      [incident('a', 'en_route'), incident('b', 'on_scene'), incident('c', 'closed')],
    );
    expect(Object.fromEntries(statuses)).toEqual({ a: 'en_route', b: 'on_scene', c: 'idle', d: 'off_duty' });
  });
});
