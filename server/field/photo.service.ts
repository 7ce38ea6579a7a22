import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../shared/domain/common';
import { MAX_PHOTO_BYTES } from '../../shared/field/field-commands';
import type { PhotoUploaded } from '../../shared/field/field-views';
import { hasRole, isFieldRole, type Actor } from '../../shared/roles';
import type { CommandContext } from '../commands/context';
import type { FieldStore, PhotoRecord } from './field.store';
import { exifPosition, sniffPhotoType, stripMetadata } from './photo-bytes';

const EXTENSION = { 'image/jpeg': 'jpg', 'image/png': 'png' } as const;

/**
 * Photos from phones, stored as files under the data directory (`<dataDir>/photos/ID.jpg`) with
 * their metadata stripped; the EXIF position is kept in the photos table. Served only to the
 * person who took it and to leads and up: the wall never gets a photo, not even its id.
 */
export class PhotoService {
  constructor(
    private readonly ctx: CommandContext,
    private readonly store: FieldStore,
    private readonly dir: string,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  async upload(actor: Actor, bytes: Buffer, clientKey: string | undefined): Promise<PhotoUploaded> {
    // From the field app, or attached to an order at entry on the board (seat agents and up).
    if (!isFieldRole(actor.role) && !hasRole(actor, 'seat')) throw new DomainError('forbidden', 'photos are uploaded from the field app or the board');
    if (!clientKey) throw new DomainError('invalid', 'Idempotency-Key header: required for a photo', { field: 'idempotencyKey' });
    const earlier = await this.store.findPhotoByClientKey(actor.id, clientKey);
    if (earlier) return view(earlier);
    if (bytes.length === 0) throw new DomainError('invalid', 'photo: empty body', { field: 'photo' });
    if (bytes.length > MAX_PHOTO_BYTES) throw new DomainError('invalid', `photo: larger than ${MAX_PHOTO_BYTES / 1024 / 1024} MB`, { field: 'photo' });
    const mime = sniffPhotoType(bytes);
    if (!mime) throw new DomainError('invalid', 'photo: not a JPEG or PNG image', { field: 'photo' });
    const served = stripMetadata(bytes, mime);
    if (!served) throw new DomainError('invalid', 'photo: the image file is damaged', { field: 'photo' });
    const gps = await exifPosition(bytes);
    const record: PhotoRecord = {
      id: this.ctx.ids.next('PH'),
      uploadedBy: actor.id,
      clientKey,
      mime,
      bytes: served.length,
      sha256: createHash('sha256').update(served).digest('hex'),
      exifLat: gps?.lat ?? null,
      exifLng: gps?.lng ?? null,
      exifTakenAt: null,
      uploadedAt: this.ctx.clock.now().toISOString(),
    };
    // Written under a temporary name and renamed: a crash never leaves half a photo under its id.
    const file = this.fileOf(record);
    writeFileSync(`${file}.part`, served);
    renameSync(`${file}.part`, file);
    try {
      await this.store.insertPhoto(record);
    } catch (error) {
      const winner = await this.store.findPhotoByClientKey(actor.id, clientKey);
      if (winner) return view(winner);
      throw error;
    }
    return view(record);
  }

  /** Refuses photo ids this person did not upload (a report or an order may carry only its author's photos). */
  async mustOwn(actor: Actor, ids: readonly string[]): Promise<void> {
    await mustOwnPhotos(this.store, actor, ids);
  }

  /** The stripped file, for its uploader and for seat agents, leads and up. */
  async open(actor: Actor, id: string): Promise<{ file: string; mime: string }> {
    const photo = await this.store.getPhoto(id);
    if (!photo) throw new DomainError('not_found', `photo ${id} not found`, { field: 'id' });
    if (!hasRole(actor, 'seat') && photo.uploadedBy !== actor.id) throw new DomainError('forbidden', 'not your photo');
    return { file: this.fileOf(photo), mime: photo.mime };
  }

  private fileOf(photo: Pick<PhotoRecord, 'id' | 'mime'>) {
    return join(this.dir, `${photo.id}.${EXTENSION[photo.mime as keyof typeof EXTENSION] ?? 'bin'}`);
  }
}

const view = (p: PhotoRecord): PhotoUploaded => ({
  id: p.id,
  bytes: p.bytes,
  mime: p.mime,
  exifPosition: p.exifLat === null || p.exifLng === null ? null : { lat: p.exifLat, lng: p.exifLng },
});

/** Each id must be a photo `actor` uploaded; the error names the offending `photos.N`. */
export async function mustOwnPhotos(store: Pick<FieldStore, 'getPhoto'>, actor: Actor, ids: readonly string[]): Promise<void> {
  for (const [i, id] of ids.entries()) {
    const photo = await store.getPhoto(id);
    if (!photo || photo.uploadedBy !== actor.id) throw new DomainError('invalid', `photos.${i}: no photo ${id} uploaded by you`, { field: `photos.${i}` });
  }
}
