import { Router } from 'express';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Shift } from '../../../shared/coverage/shift';
import type { Incident } from '../../../shared/domain/incident';
import type { WorkOrder } from '../../../shared/domain/work-order';
import { REST_ROUTES, routePath, type RouteKey, type RouteParams, type RouteResult } from '../../../shared/realtime/routes';
import type { api } from '../../../client/src/api';
import type { restRoute } from '../../../server/http/rest-route';

/**
 * The REST route table is checked by the compiler (`npm test` type-checks this file first): these
 * lines never run, but each `@ts-expect-error` fails the type-check if its line ever compiles.
 */
declare const clientApi: typeof api;
declare const serverRoute: typeof restRoute;
declare const order: WorkOrder;
declare const incident: Incident;

export async function clientSide() {
  const shift: Shift = await clientApi('POST /api/shifts/:id/delete', { params: { id: 'SH-1' }, body: { expectedVersion: 2 } });
  const page = await clientApi('GET /api/work-orders', { query: { q: '13800001111' } });
  expectTypeOf(page.items).toEqualTypeOf<WorkOrder[]>();
  await clientApi('POST /api/incidents/:id/actions', { params: { id: 'INC-1' }, body: { action: 'dispatch', expectedVersion: 1, responderId: 'R1' } });
  await clientApi('GET /api/settings');
  // @ts-expect-error a misspelled route
  await clientApi('GET /api/setting');
  // @ts-expect-error a route with the wrong method
  await clientApi('POST /api/snapshot');
  // @ts-expect-error a dispatch without the responder
  await clientApi('POST /api/incidents/:id/actions', { params: { id: 'INC-1' }, body: { action: 'dispatch', expectedVersion: 1 } });
  // @ts-expect-error a field the body does not have
  await clientApi('POST /api/staff/:id/duty', { params: { id: 'R1' }, body: { onDuty: true, colour: 'red' } });
  // @ts-expect-error a route on one item without its id
  await clientApi('GET /api/work-orders/:id');
  // @ts-expect-error the answer is a shift, not a work order
  const wrong: WorkOrder = await clientApi('POST /api/shifts', { body: { staffId: 'S01', start: '2025-03-03T00:00:00Z', end: '2025-03-03T08:00:00Z' } });
  return [shift, wrong];
}

export function serverSide() {
  const router = Router();
  serverRoute(router, 'GET /api/incidents/:id', () => Promise.resolve(incident));
  serverRoute(router, 'POST /api/work-orders/:id/actions', ({ params }) => Promise.resolve({ ...order, id: params.id }));
  // @ts-expect-error a misspelled route
  serverRoute(router, 'GET /api/incident/:id', () => Promise.resolve(incident));
  // @ts-expect-error an incident route answering a work order
  serverRoute(router, 'GET /api/incidents/:id', () => Promise.resolve(order));
}

describe('the REST route table', () => {
  it('types each answer and each path parameter', () => {
    expectTypeOf<RouteResult<'POST /api/work-orders'>>().toEqualTypeOf<WorkOrder>();
    expectTypeOf<RouteResult<'GET /api/roster/week'>>().toHaveProperty('members');
    expectTypeOf<RouteParams<'POST /api/score/:month/reopen'>>().toEqualTypeOf<{ month: string }>();
    expectTypeOf<keyof RouteParams<'GET /api/incidents/:id/events'>>().toEqualTypeOf<'id'>();
    expectTypeOf<keyof RouteParams<'GET /api/snapshot'>>().toEqualTypeOf<never>();
  });

  it('has a method, an /api path and a role rule for every route', () => {
    for (const key of Object.keys(REST_ROUTES) as RouteKey[]) {
      expect(key).toMatch(/^(GET|POST) \/api\/[a-z0-9/:-]+$/);
      expect(REST_ROUTES[key]).toHaveProperty('role');
    }
  });

  it('fills the path parameters, encoded', () => {
    expect(routePath('/api/work-orders/:id/actions', { id: 'WO 1/2' })).toBe('/api/work-orders/WO%201%2F2/actions');
    expect(() => routePath('/api/incidents/:id', {})).toThrow(':id');
  });
});
