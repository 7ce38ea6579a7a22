import { Router } from 'express';
import type { CreatedApiKey } from '../../shared/auth/accounts';
import type { AuthService } from './auth-service';
import type { Logger } from '../logger';
import { actorOf, requireRole } from '../http/access';
import { route } from '../http/errors';

/** Admin only: people (username, password, role) and machine keys (intake, kiosk). */
export function userRoutes(auth: AuthService, log: Logger): Router {
  const router = Router();
  router.get('/users', requireRole('admin'), route(async () => auth.listUsers()));
  router.post(
    '/users',
    requireRole('admin'),
    route(async (req) => {
      const user = await auth.createUser(req.body);
      log.info({ actor: actorOf(req).id, username: user.username, role: user.role }, 'user created');
      await auth.recordAudit({ actor: actorOf(req).id, action: 'user.created', target: user.username, address: req.ip ?? null, detail: { role: user.role } });
      return user;
    }, 201),
  );
  router.post(
    '/users/:username/disable',
    requireRole('admin'),
    route(async (req) => {
      const user = await auth.setDisabled(String(req.params.username), true, req.body, actorOf(req));
      log.info({ actor: actorOf(req).id, username: user.username }, 'user disabled');
      await auth.recordAudit({ actor: actorOf(req).id, action: 'user.disabled', target: user.username, address: req.ip ?? null, detail: {} });
      return user;
    }),
  );
  router.post(
    '/users/:username/enable',
    requireRole('admin'),
    route(async (req) => {
      const user = await auth.setDisabled(String(req.params.username), false, req.body, actorOf(req));
      log.info({ actor: actorOf(req).id, username: user.username }, 'user enabled');
      await auth.recordAudit({ actor: actorOf(req).id, action: 'user.enabled', target: user.username, address: req.ip ?? null, detail: {} });
      return user;
    }),
  );
  router.post(
    '/users/:username/password',
    requireRole('admin'),
    route(async (req) => {
      const user = await auth.resetPassword(String(req.params.username), req.body);
      // Who reset whose password, never the password.
      log.info({ actor: actorOf(req).id, username: user.username }, 'password reset');
      await auth.recordAudit({ actor: actorOf(req).id, action: 'user.passwordReset', target: user.username, address: req.ip ?? null, detail: {} });
      return user;
    }),
  );
  router.get('/api-keys', requireRole('admin'), route(async () => auth.listApiKeys()));
  router.post(
    '/api-keys',
    requireRole('admin'),
    route(async (req): Promise<CreatedApiKey> => {
      const { key, token } = await auth.createApiKey(req.body, actorOf(req));
      log.info({ actor: actorOf(req).id, key: key.id, name: key.name, role: key.role }, 'api key created');
      await auth.recordAudit({ actor: actorOf(req).id, action: 'key.created', target: key.id, address: req.ip ?? null, detail: { name: key.name, role: key.role } });
      // Shown once: only the hash is kept.
      return { ...key, token, ...(key.role === 'wall' ? { kioskPath: `/wall?kiosk=${token}` } : {}) };
    }, 201),
  );
  router.post(
    '/api-keys/:id/revoke',
    requireRole('admin'),
    route(async (req) => {
      await auth.revokeApiKey(String(req.params.id));
      log.info({ actor: actorOf(req).id, key: req.params.id }, 'api key revoked');
      await auth.recordAudit({ actor: actorOf(req).id, action: 'key.revoked', target: String(req.params.id), address: req.ip ?? null, detail: {} });
      return { ok: true };
    }),
  );
  return router;
}
