import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exifPosition } from '../../../server/field/photo-bytes';
import { workOrderIntake } from '../../support/factories';
import { jpegWithGps } from '../../support/photo-fixture';
import { startTestServer, type TestServer, type ErrorBody } from '../../support/server';
import type { Snapshot } from '../../../shared/board/state';
import type { WorkOrder } from '../../../shared/domain/work-order';
import type { PhotoUploaded } from '../../../shared/field/field-views';

/**
 * Photos at order entry: a seat agent uploads the caller's photo (stored, EXIF position stripped
 * from the served file), attaches it to the new order, and the board can open it; only one's own
 * uploads can be attached, an intake key uploads nothing, and the wall never sees the photo ids.
 */
describe('order entry with photo attachments', () => {
  let server: TestServer;
  let seat: Record<string, string>;
  let otherSeat: Record<string, string>;

  const upload = async <T = PhotoUploaded>(headers: Record<string, string>, bytes: Buffer, key: string) => {
    const res = await fetch(`${server.url}/api/photos`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'image/jpeg', 'idempotency-key': key },
      body: new Uint8Array(bytes),
    });
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    server = await startTestServer();
    seat = await server.headersFor('seat', 'seat-a');
    otherSeat = await server.headersFor('seat', 'seat-b');
  });
  afterAll(() => server?.stop());

  it('a seat uploads a photo, the new order carries it, and the served file has no EXIF position', async () => {
    const photo = await upload(seat, jpegWithGps(45.6001, 84.8702), 'entry-photo-1');
    expect(photo.status, JSON.stringify(photo.body)).toBe(201);
    const order = await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake({ photos: [photo.body.id] }), seat);
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect(order.body.photos).toEqual([photo.body.id]);

    const served = await fetch(`${server.url}/api/photos/${photo.body.id}`, { headers: await server.headersFor('lead') });
    expect(served.status).toBe(200);
    expect(await exifPosition(Buffer.from(await served.arrayBuffer()))).toBeNull();

    const wall = await server.api<Snapshot>('GET', '/api/snapshot', undefined, await server.headersFor('wall'));
    expect(JSON.stringify(wall.body)).not.toContain(photo.body.id);
  });

  it('only one’s own photos can be attached; an intake key uploads none; too many is refused by name', async () => {
    const theirs = await upload(otherSeat, jpegWithGps(45.6, 84.87), 'entry-photo-2');
    expect(theirs.status).toBe(201);
    const borrowed = await server.api<ErrorBody>('POST', '/api/work-orders', workOrderIntake({ photos: [theirs.body.id] }), seat);
    expect(borrowed.status).toBe(400);
    expect(borrowed.body.error.field).toBe('photos.0');

    const key = await server.headersFor('intake');
    expect((await upload(key, jpegWithGps(45.6, 84.87), 'entry-photo-3')).status).toBe(403);

    const seven = await server.api<ErrorBody>('POST', '/api/work-orders', workOrderIntake({ photos: Array.from({ length: 7 }, (_, i) => `PH-${i}`) }), seat);
    expect(seven.status).toBe(400);
    expect(seven.body.error.field).toBe('photos');
  });
});
