import express, { Router } from 'express';
import { MAX_PHOTO_BYTES } from '../../shared/field/field-commands';
import type { Role } from '../../shared/roles';
import type { Authenticator } from '../auth/authenticator';
import { actorOf, authenticate, requireRole } from '../http/access';
import { HttpError, route } from '../http/errors';
import { restRoute } from '../http/rest-route';
import type { FieldService } from './field.service';
import { idempotencyKeyOf } from './idempotency';
import type { PhotoService } from './photo.service';

/** A caller of one of these roles; no other role includes the field roles (shared/roles.ts). */
function requireAnyRole(...roles: Role[]): express.RequestHandler {
  return (req, _res, next) => {
    if (!req.actor) return next(new HttpError(401, 'unauthenticated', 'log in or send an API key'));
    if (!roles.includes(req.actor.role)) return next(new HttpError(403, 'forbidden', `needs the ${roles.join(' or ')} role`));
    next();
  };
}

/** `/api/field/*`: the phone's API. JSON, behind the API router's authentication. */
export function fieldRoutes(field: FieldService, photos: PhotoService): Router {
  const router = Router();
  const id = (req: express.Request) => String(req.params.id);
  restRoute(router, 'GET /api/field/me', ({ actor }) => field.home(actor));
  restRoute(router, 'POST /api/field/duty', ({ actor, body }) => field.setDuty(actor, body));
  restRoute(router, 'POST /api/field/position', ({ actor, body }) => field.position(actor, body));
  restRoute(router, 'POST /api/field/incidents/:id/arrive', ({ actor, params, body, req }) => field.arrive(actor, params.id, body, idempotencyKeyOf(req)));
  restRoute(router, 'POST /api/field/incidents/:id/report', ({ actor, params, body, req }) => field.report(actor, params.id, body, idempotencyKeyOf(req)));
  restRoute(router, 'GET /api/field/evaluator-reports', ({ actor }) => field.ownReports(actor));
  restRoute(router, 'POST /api/field/evaluator-reports', ({ actor, body, req }) => field.createEvaluatorReport(actor, body, idempotencyKeyOf(req)), 201);
  router.get(
    '/photos/:id',
    requireAnyRole('seat', 'lead', 'manager', 'admin', 'responder', 'evaluator'),
    route(async (req, res) => {
      const { file, mime } = await photos.open(actorOf(req), id(req));
      res.set({ 'Content-Type': mime, 'Cache-Control': 'private, max-age=86400', 'X-Content-Type-Options': 'nosniff' });
      await new Promise<void>((resolve, reject) => res.sendFile(file, (error) => (error ? reject(error) : resolve())));
    }),
  );
  return router;
}

/**
 * `POST /api/field/photos`: the image itself as the body (image/jpeg or image/png, ≤ 8 MB), not
 * JSON, so it is mounted before the API router's JSON-only rule, with its own authentication.
 */
export function photoUploadRoutes(photos: PhotoService, authenticator: Authenticator): Router {
  const router = Router();
  router.post(
    '/field/photos',
    authenticate(authenticator),
    requireAnyRole('responder', 'evaluator'),
    express.raw({ type: ['image/jpeg', 'image/png'], limit: MAX_PHOTO_BYTES }),
    route(async (req) => {
      if (!Buffer.isBuffer(req.body)) throw new HttpError(415, 'unsupported_media_type', 'send the photo as image/jpeg or image/png', 'photo');
      return photos.upload(actorOf(req), req.body, idempotencyKeyOf(req));
    }, 201),
  );
  // The board's order entry: a seat agent attaches the caller's photos (same limits, EXIF stripped).
  router.post(
    '/photos',
    authenticate(authenticator),
    requireRole('seat'),
    express.raw({ type: ['image/jpeg', 'image/png'], limit: MAX_PHOTO_BYTES }),
    route(async (req) => {
      if (!Buffer.isBuffer(req.body)) throw new HttpError(415, 'unsupported_media_type', 'send the photo as image/jpeg or image/png', 'photo');
      return photos.upload(actorOf(req), req.body, idempotencyKeyOf(req));
    }, 201),
  );
  return router;
}
