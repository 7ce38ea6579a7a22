import { Router, type Request, type RequestHandler } from 'express';
import type { AuthService } from './auth-service';
import { SESSION_COOKIE, sessionCookieOptions } from './cookies';
import type { Logger } from '../logger';
import { HttpError } from '../http/errors';
import { restRoute } from '../http/rest-route';

/** For the audit log of failed logins: the name tried, never the password. */
const triedUsername = (req: Request) => {
  const name = (req.body as { username?: unknown } | undefined)?.username;
  return typeof name === 'string' ? name.slice(0, 40) : undefined;
};

/** `POST /api/login`, `POST /api/logout`, `GET /api/me`. */
export function authRoutes(auth: AuthService, log: Logger): Router {
  const router = Router();
  restRoute(router, 'POST /api/login', async ({ req, res, body }) => {
    try {
      const { token, me, maxAgeMs } = await auth.login(body, req.ip ?? 'unknown');
      res.cookie(SESSION_COOKIE, token, sessionCookieOptions(req.secure, maxAgeMs));
      log.info({ actor: me.actor, role: me.role, ip: req.ip }, 'login');
      await auth.recordAudit({ actor: me.actor, action: 'login.ok', target: me.actor, address: req.ip ?? null, detail: { role: me.role } });
      return me;
    } catch (error) {
      if (error instanceof HttpError && (error.status === 401 || error.status === 429)) {
        log.warn({ username: triedUsername(req), ip: req.ip, status: error.status }, 'login refused');
        await auth.recordAudit({
          actor: triedUsername(req) ?? '',
          action: 'login.refused',
          target: triedUsername(req) ?? null,
          address: req.ip ?? null,
          detail: { status: error.status, reason: error.code },
        });
        const retry = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
        if (retry) res.set('Retry-After', String(retry));
      }
      throw error;
    }
  });
  restRoute(router, 'POST /api/logout', async ({ req, res }) => {
    if (req.actor) await auth.recordAudit({ actor: req.actor.id, action: 'logout', target: req.actor.id, address: req.ip ?? null, detail: {} });
    await auth.logout(req);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });
  // eslint-disable-next-line @typescript-eslint/require-await -- async so that a thrown HttpError reaches the wrapper as a rejection
  restRoute(router, 'GET /api/me', async ({ req }) => {
    if (!req.actor) throw new HttpError(401, 'unauthenticated', 'log in or send an API key');
    return { actor: req.actor.id, role: req.actor.role, ...(req.actor.staffId ? { staffId: req.actor.staffId } : {}) };
  });
  return router;
}

/**
 * The wall screen's entry: any page URL with `?kiosk=TOKEN` (e.g. `/wall?kiosk=…`) trades a kiosk
 * token for a wall-role session cookie, then redirects to the same URL without the token, so the
 * token does not stay in the address bar or the browser history.
 */
export function kioskEntry(auth: AuthService, log: Logger): RequestHandler {
  return (req, res, next) => {
    const token = req.query.kiosk;
    if (req.method !== 'GET' || typeof token !== 'string' || req.path.startsWith('/api') || req.path.startsWith('/socket.io')) {
      return next();
    }
    auth.kioskLogin(token).then((login) => {
      if (!login) {
        log.warn({ ip: req.ip, path: req.path }, 'kiosk token refused');
        res.status(401).type('text/plain; charset=utf-8').send('大屏令牌无效或已吊销 / kiosk token invalid or revoked');
        return;
      }
      res.cookie(SESSION_COOKIE, login.token, sessionCookieOptions(req.secure, login.maxAgeMs));
      const rest = new URLSearchParams(req.query as Record<string, string>);
      rest.delete('kiosk');
      const query = rest.toString();
      res.redirect(302, req.path + (query ? `?${query}` : ''));
    }, next);
  };
}
