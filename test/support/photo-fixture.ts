/**
 * Test photos made in code: an 8×8 JPEG (ImageMagick output) and a 4×4 PNG, and the JPEG with an
 * EXIF GPS block spliced in, as a phone camera writes one.
 */
const TINY_JPEG =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAAB//EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/ALwAHkJ//9k=';

export const tinyJpeg = () => Buffer.from(TINY_JPEG, 'base64');

/** A JPEG carrying EXIF GPS at (lat N, lng E), little-endian TIFF with one GPS IFD. */
export function jpegWithGps(lat: number, lng: number): Buffer {
  const tiff = Buffer.alloc(128);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  // IFD0: one entry, GPSInfo → the GPS IFD at 26.
  tiff.writeUInt16LE(1, 8);
  entry(tiff, 10, 0x8825, 4, 1, 26);
  tiff.writeUInt32LE(0, 22);
  // GPS IFD: N, latitude, E, longitude; rationals at 80 and 104.
  tiff.writeUInt16LE(4, 26);
  entry(tiff, 28, 0x0001, 2, 2, 0);
  tiff.write('N', 36, 'latin1');
  entry(tiff, 40, 0x0002, 5, 3, 80);
  entry(tiff, 52, 0x0003, 2, 2, 0);
  tiff.write('E', 60, 'latin1');
  entry(tiff, 64, 0x0004, 5, 3, 104);
  tiff.writeUInt32LE(0, 76);
  dms(tiff, 80, lat);
  dms(tiff, 104, lng);
  const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(exif.length + 2, 2);
  const jpeg = tinyJpeg();
  return Buffer.concat([jpeg.subarray(0, 2), header, exif, jpeg.subarray(2)]);
}

function entry(buf: Buffer, at: number, tag: number, type: number, count: number, value: number) {
  buf.writeUInt16LE(tag, at);
  buf.writeUInt16LE(type, at + 2);
  buf.writeUInt32LE(count, at + 4);
  buf.writeUInt32LE(value, at + 8);
}

function dms(buf: Buffer, at: number, value: number) {
  const deg = Math.floor(value);
  const minutes = Math.floor((value - deg) * 60);
  const seconds = Math.round(((value - deg) * 60 - minutes) * 60 * 1000);
  for (const [i, [num, den]] of [
    [deg, 1],
    [minutes, 1],
    [seconds, 1000],
  ].entries()) {
    buf.writeUInt32LE(num, at + i * 8);
    buf.writeUInt32LE(den, at + i * 8 + 4);
  }
}
