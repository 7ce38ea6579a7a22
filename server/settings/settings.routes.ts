import { Router } from 'express';
import type { CommandContext } from '../commands/context';
import { restRoute } from '../http/rest-route';
import { changeSettings } from './settings.commands';
import type { SettingsService } from './settings.service';

/** The contract settings: every screen reads them (the wall too); a manager changes them. */
export function settingsRoutes(ctx: CommandContext, settings: SettingsService): Router {
  const router = Router();
  restRoute(router, 'GET /api/settings', async () => (await settings.ready, settings.current()));
  restRoute(router, 'POST /api/settings', ({ body, actor }) => changeSettings(ctx, settings, body, actor));
  return router;
}
