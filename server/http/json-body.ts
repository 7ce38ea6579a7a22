import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { HttpError } from './errors';

/**
 * The API's JSON body reader, in place of express.json(), with the same answers: 413 over the
 * limit (by Content-Length before reading, or as the bytes arrive), 400 when the body is not JSON
 * or not an object or array, 415 for a charset other than UTF-8; an empty body reads as `{}`, and
 * a body that is not `application/json` is left alone (requireJson has refused it on a POST).
 *
 * Why: body-parser reads through raw-body and decodes through iconv-lite, with a handful of
 * listeners, closures and async hooks per request: 8 % of the intake's CPU per order. Here the
 * chunks are joined once, decoded as UTF-8 and parsed.
 */
export function jsonBody(limitBytes: number): RequestHandler {
  return (req, res, next) => {
    if (!hasBody(req) || !req.is('application/json')) {
      next();
      return;
    }
    const charset = charsetOf(req.headers['content-type']);
    if (charset !== null && charset !== 'utf-8' && charset !== 'utf8') {
      next(new HttpError(415, 'unsupported_encoding', `charset ${charset.slice(0, 20)} is not accepted; send the body as UTF-8`, 'body'));
      return;
    }
    if (Number(req.headers['content-length']) > limitBytes) {
      next(tooLarge());
      return;
    }
    // The listeners are inline and stay on the request (it ends with this request): under tsx,
    // every named closure made per request is also named at run time (esbuild's keepNames).
    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      received += chunk.length;
      if (received <= limitBytes) return void chunks.push(chunk);
      done = true;
      refuse(req, res, next, tooLarge());
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      const parsed = parseJson(Buffer.concat(chunks, received).toString('utf8'));
      if (parsed instanceof HttpError) return refuse(req, res, next, parsed);
      req.body = parsed;
      next();
    });
    req.on('error', () => {
      if (done) return;
      done = true;
      refuse(req, res, next, new HttpError(400, 'aborted', 'the request body was cut off', 'body'));
    });
  };
}

/**
 * The rest of the body is not read: the connection closes after the answer, or its next request
 * would start in the middle of this one's bytes.
 */
function refuse(req: Request, res: Response, next: NextFunction, error: HttpError) {
  req.pause();
  res.setHeader('Connection', 'close');
  next(error);
}

const tooLarge = () => new HttpError(413, 'too_large', 'request body too large', 'body');

/** As body-parser judges it: a Transfer-Encoding, or a Content-Length (even 0), means a body. */
function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || !Number.isNaN(Number.parseInt(req.headers['content-length'] ?? '', 10));
}

function charsetOf(contentType: string | undefined): string | null {
  const match = contentType && /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType);
  return match ? match[1].toLowerCase() : null;
}

/** JSON text → its value; `{}` for nothing; an HttpError for text that is not an object or array of JSON. */
function parseJson(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = /\S/.exec(body);
  if (!first) return {};
  if (first[0] !== '{' && first[0] !== '[') return invalidJson();
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return invalidJson();
  }
}

const invalidJson = () => new HttpError(400, 'invalid_json', 'body is not valid JSON', 'body');
