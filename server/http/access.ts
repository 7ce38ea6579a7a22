import type { Request, RequestHandler } from 'express';
import { hasRole, type Actor, type Role } from '../../shared/roles';
import type { Authenticator } from '../auth/authenticator';
import { HttpError } from './errors';

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
  }
}

export function authenticate(authenticator: Authenticator): RequestHandler {
  return (req, _res, next) => {
    authenticator.actorFor(req).then((actor) => {
      if (actor) req.actor = actor;
      next();
    }, next);
  };
}

/** 401 for an unknown caller, 403 for a known one without the role. */
export function requireRole(role: Role): RequestHandler {
  return (req, _res, next) => {
    if (!req.actor) return next(new HttpError(401, 'unauthenticated', 'log in or send an API key'));
    if (!hasRole(req.actor, role)) return next(new HttpError(403, 'forbidden', `needs the ${role} role`));
    next();
  };
}

export const actorOf = (req: Request): Actor => req.actor!;
