import type { RequestHandler } from 'express';
import { HttpError } from './errors';

/**
 * A path whose percent-encoding does not decode (`/api/work-orders/%E0%A4%A`) is the client's
 * mistake: 400 here, before the router's parameter decoding turns it into a 500.
 */
export const rejectBadUrl: RequestHandler = (req, _res, next) => {
  // Without a '%' anywhere in the URL there is nothing to decode (the common case: no parsing).
  if (!req.url.includes('%')) {
    next();
    return;
  }
  try {
    decodeURIComponent(req.path);
  } catch {
    next(new HttpError(400, 'bad_url', 'the path has a malformed percent-encoding', 'path'));
    return;
  }
  next();
};

/**
 * Compressed request bodies are refused (415) rather than inflated: no client of ours sends them,
 * and inflating is where a small request becomes a large allocation or a zlib error (500).
 */
export const rejectEncodedBody: RequestHandler = (req, _res, next) => {
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    next(new HttpError(415, 'unsupported_encoding', `Content-Encoding ${encoding.slice(0, 20)} is not accepted; send the body uncompressed`, 'body'));
    return;
  }
  next();
};
