import { Router } from 'express';
import type { CommandContext } from '../commands/context';
import { actorOf, requireRole } from '../http/access';
import { route } from '../http/errors';
import { changeSettings } from './settings.commands';
import type { SettingsService } from './settings.service';

/** The contract settings: every screen reads them (the wall too); a manager changes them. */
export function settingsRoutes(ctx: CommandContext, settings: SettingsService): Router {
  const router = Router();
  router.get('/settings', requireRole('wall'), route(async () => (await settings.ready, settings.current())));
  router.post('/settings', requireRole('manager'), route(async (req) => changeSettings(ctx, settings, req.body, actorOf(req))));
  return router;
}
