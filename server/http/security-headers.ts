import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Security headers for every response (helmet). The CSP allows only this origin: the client is
 * built by Vite into same-origin files, the map draws the district's own GeoJSON, ECharts draws
 * on canvas. `tileUrl()` names the internal tile server the manager may set, whose origin is allowed (a setting that
 * changes at run time, so it is read per request). No 'upgrade-insecure-requests': the Center's
 * LAN often serves plain HTTP, and upgrading would break every script and socket there.
 *
 * The headers depend on nothing but the tile URL setting, so helmet computes them once per URL
 * (into a recording response) and each request only compares that string and copies the list: no
 * URL parsed, no CSP string built anew and no chain of a dozen middlewares per request.
 */
export function securityHeaders(tileUrl: () => string): RequestHandler {
  let cachedFor: string | undefined;
  let headers: Array<[string, string | string[]]> = [];
  return (_req, res, next) => {
    const url = tileUrl();
    if (url !== cachedFor) {
      headers = headersOf(helmetFor(originOfTileUrl(url)));
      cachedFor = url;
    }
    for (const [name, value] of headers) res.setHeader(name, value);
    res.removeHeader('X-Powered-By');
    next();
  };
}

function helmetFor(tileOrigin: string | null) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Leaflet and Vue set element styles through the CSSOM, which CSP allows; the built CSS is a file.
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', tileOrigin ?? "'self'"],
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

/** Runs helmet once against a response that only records what is set. */
function headersOf(middleware: ReturnType<typeof helmet>): Array<[string, string | string[]]> {
  const recorded: Array<[string, string | string[]]> = [];
  const recorder = {
    setHeader: (name: string, value: string | string[]) => void recorded.push([name, value]),
    removeHeader: () => {},
  };
  let done = false;
  middleware({} as never, recorder as never, (error?: unknown) => {
    if (error) throw error instanceof Error ? error : new Error('helmet refused its options');
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously');
  return recorded;
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
