import { DomainError } from '../../shared/domain/common';
import { settingsChangeSchema } from '../../shared/scoring';
import { contractSettingsSchema, type ContractSettings } from '../../shared/settings';
import { isValidTimeZone } from '../../shared/time';
import type { Actor, CommandContext } from '../commands/context';
import { parseInput } from '../commands/validate';
import { commitEvent } from '../commands/change';
import type { SettingsService } from './settings.service';

/** A manager changes some settings: the rest stay as they are in force; the whole set is logged. */
export async function changeSettings(ctx: CommandContext, settings: SettingsService, input: unknown, actor: Actor): Promise<ContractSettings> {
  const change = parseInput(settingsChangeSchema, input);
  await settings.ready;
  const next = parseInput(contractSettingsSchema, { ...settings.current(), ...change });
  if (!isValidTimeZone(next.timeZone)) throw new DomainError('invalid', 'timeZone: unknown time zone', { field: 'timeZone' });
  await commitEvent(ctx, actor, ctx.clock.now(), [], { type: 'settings.changed', payload: { settings: next }, entityType: 'settings', entityId: 'contract' });
  return next;
}
