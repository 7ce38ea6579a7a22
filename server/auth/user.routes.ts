import { Router } from 'express';
import type { AuthService } from './auth-service';
import type { Logger } from '../logger';
import { actorOf } from '../http/access';
import { restRoute } from '../http/rest-route';

/** Admin only: people (username, password, role) and machine keys (intake, kiosk). */
export function userRoutes(auth: AuthService, log: Logger): Router {
  const router = Router();
  restRoute(router, 'GET /api/users', () => auth.listUsers());
  restRoute(
    router,
    'POST /api/users',
    async ({ req, body }) => {
      const user = await auth.createUser(body);
      log.info({ actor: actorOf(req).id, username: user.username, role: user.role }, 'user created');
      await auth.recordAudit({ actor: actorOf(req).id, action: 'user.created', target: user.username, address: req.ip ?? null, detail: { role: user.role } });
      return user;
    },
    201,
  );
  restRoute(router, 'POST /api/users/:username/disable', async ({ req, params, body }) => {
    const user = await auth.setDisabled(params.username, true, body, actorOf(req));
    log.info({ actor: actorOf(req).id, username: user.username }, 'user disabled');
    await auth.recordAudit({ actor: actorOf(req).id, action: 'user.disabled', target: user.username, address: req.ip ?? null, detail: {} });
    return user;
  });
  restRoute(router, 'POST /api/users/:username/enable', async ({ req, params, body }) => {
    const user = await auth.setDisabled(params.username, false, body, actorOf(req));
    log.info({ actor: actorOf(req).id, username: user.username }, 'user enabled');
    await auth.recordAudit({ actor: actorOf(req).id, action: 'user.enabled', target: user.username, address: req.ip ?? null, detail: {} });
    return user;
  });
  restRoute(router, 'POST /api/users/:username/password', async ({ req, params, body }) => {
    const user = await auth.resetPassword(params.username, body);
    // Who reset whose password, never the password.
    log.info({ actor: actorOf(req).id, username: user.username }, 'password reset');
    await auth.recordAudit({ actor: actorOf(req).id, action: 'user.passwordReset', target: user.username, address: req.ip ?? null, detail: {} });
    return user;
  });
  restRoute(router, 'GET /api/api-keys', () => auth.listApiKeys());
  restRoute(
    router,
    'POST /api/api-keys',
    async ({ req, body }) => {
      const { key, token } = await auth.createApiKey(body, actorOf(req));
      log.info({ actor: actorOf(req).id, key: key.id, name: key.name, role: key.role }, 'api key created');
      await auth.recordAudit({
        actor: actorOf(req).id,
        action: 'key.created',
        target: key.id,
        address: req.ip ?? null,
        detail: { name: key.name, role: key.role },
      });
      // Shown once: only the hash is kept.
      return { ...key, token, ...(key.role === 'wall' ? { kioskPath: `/wall?kiosk=${token}` } : {}) };
    },
    201,
  );
  restRoute(router, 'POST /api/api-keys/:id/revoke', async ({ req, params }) => {
    await auth.revokeApiKey(params.id);
    log.info({ actor: actorOf(req).id, key: req.params.id }, 'api key revoked');
    await auth.recordAudit({ actor: actorOf(req).id, action: 'key.revoked', target: String(req.params.id), address: req.ip ?? null, detail: {} });
    return { ok: true };
  });
  return router;
}
