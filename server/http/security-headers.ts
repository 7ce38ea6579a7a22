import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Security headers for every response (helmet). The CSP allows only this origin: the client is
 * built by Vite into same-origin files, the map draws the district's own GeoJSON, ECharts draws
 * on canvas. `tileOrigin()` adds the internal tile server the manager may set (a setting that
 * changes at run time, so it is read per request). No 'upgrade-insecure-requests': the Center's
 * LAN often serves plain HTTP, and upgrading would break every script and socket there.
 */
export function securityHeaders(tileOrigin: () => string | null): RequestHandler {
  const images = (_req: unknown, _res: unknown) => tileOrigin() ?? "'self'";
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Leaflet and Vue set element styles through the CSSOM, which CSP allows; the built CSS is a file.
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', images],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // A plain-HTTP LAN install must not be told to insist on HTTPS; behind TLS the proxy sets HSTS.
    strictTransportSecurity: false,
  });
}

/** The scheme+host of a tile URL template such as `http://tiles.local/{z}/{x}/{y}.png`, or null. */
export function originOfTileUrl(tileUrl: string): string | null {
  if (!tileUrl) return null;
  try {
    const origin = new URL(tileUrl.replace(/\{[^}]*\}/g, '0')).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}
