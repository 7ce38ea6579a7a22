import exifr from 'exifr';
import type { PhotoType } from '../../shared/field/field-commands';

/** The image type by its first bytes; a client's Content-Type is a claim, this is the file. */
export function sniffPhotoType(bytes: Buffer): PhotoType | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  return null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The file as served: the same pixels without the metadata that can say where and by whom it was
 * taken. JPEG: drops APP1 (EXIF, XMP: GPS lives here), APP13 (IPTC) and comments before the image
 * data; PNG: drops eXIf and the text/time chunks. Everything else is copied byte for byte.
 * A file whose structure does not parse is refused (null) rather than served with its metadata.
 */
export function stripMetadata(bytes: Buffer, type: PhotoType): Buffer | null {
  return type === 'image/jpeg' ? stripJpeg(bytes) : stripPng(bytes);
}

const JPEG_DROP = new Set([0xe1, 0xed, 0xfe]); // APP1, APP13, COM

function stripJpeg(bytes: Buffer): Buffer | null {
  const parts: Buffer[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) {
      // Start of scan (or end of image): the compressed data and the rest are copied as they are.
      parts.push(bytes.subarray(at));
      return Buffer.concat(parts);
    }
    const length = bytes.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > bytes.length) return null;
    if (!JPEG_DROP.has(marker)) parts.push(bytes.subarray(at, at + 2 + length));
    at += 2 + length;
  }
  return null;
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(bytes: Buffer): Buffer | null {
  const parts: Buffer[] = [PNG_SIGNATURE];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (end > bytes.length) return null;
    if (!PNG_DROP.has(type)) parts.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') return Buffer.concat(parts);
  }
  return null;
}

/** The GPS position in the file's EXIF, if any (exifr converts degrees/minutes/seconds and N/S/E/W). */
export async function exifPosition(bytes: Buffer): Promise<{ lat: number; lng: number } | null> {
  try {
    const gps = await exifr.gps(bytes);
    if (!gps || !Number.isFinite(gps.latitude) || !Number.isFinite(gps.longitude)) return null;
    if (Math.abs(gps.latitude) > 90 || Math.abs(gps.longitude) > 180) return null;
    return { lat: gps.latitude, lng: gps.longitude };
  } catch {
    return null; // broken EXIF is no position, not a refused photo
  }
}
