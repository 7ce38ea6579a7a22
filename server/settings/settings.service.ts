import type { EventEnvelope } from '../../shared/events';
import type { ContractSettings } from '../../shared/settings';
import type { Clock } from '../../shared/time';
import type { Store } from '../store/store';

/** How many settings changes are read back on start; a Center changes them a few times a year. */
const MAX_CHANGES = 100_000;

interface Change {
  seq: number;
  at: number;
  settings: ContractSettings;
}

/**
 * The one owner of the contract settings on the server: every command, the roster and the score
 * ask it for the settings in force. A manager's change is a `settings.changed` event; the log is
 * its store, read back on start, and each committed change is folded in as it is published.
 */
export class SettingsService {
  /** Changes by the time they were made (seq breaks ties), oldest first. */
  private readonly changes: Change[] = [];
  readonly ready: Promise<void>;

  constructor(private readonly options: { store: Store; clock: Clock; base: ContractSettings }) {
    this.ready = this.load();
  }

  /** The settings in force at `at` (default now): the last change made at or before it. */
  current(at: number = this.options.clock.now().getTime()): ContractSettings {
    let settings = this.options.base;
    for (const change of this.changes) {
      if (change.at > at) break;
      settings = change.settings;
    }
    return settings;
  }

  /** Every committed event passes here; only settings changes matter. */
  onEvent(event: EventEnvelope): void {
    if (event.type !== 'settings.changed') return;
    if (this.changes.some((c) => c.seq === event.seq)) return;
    this.changes.push({ seq: event.seq, at: Date.parse(event.at), settings: event.payload.settings });
    this.changes.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  private async load(): Promise<void> {
    for (const event of await this.options.store.eventsOf('settings', 'contract', MAX_CHANGES)) this.onEvent(event);
  }
}
