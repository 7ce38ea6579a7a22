import express, { type RequestHandler } from 'express';
import { basename, sep } from 'node:path';

/** Vite names every built asset `<name>-<hash>.<ext>` under assets/: its content never changes. */
const HASHED_ASSET = /-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The built client's files. A hashed asset is cached for a year and never revalidated (a new
 * deploy ships new names); anything else (the tiles, the favicon) for an hour, so a kiosk left
 * running still picks up a changed map within the hour.
 */
export function clientFiles(clientDir: string): RequestHandler {
  return express.static(clientDir, {
    index: false,
    maxAge: '1h',
    setHeaders(res, path) {
      if (path.includes(`${sep}assets${sep}`) && HASHED_ASSET.test(basename(path))) res.setHeader('Cache-Control', IMMUTABLE);
    },
  });
}
