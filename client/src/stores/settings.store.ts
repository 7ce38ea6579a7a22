import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import { contractSettingsSchema, type ContractSettings } from '../../../shared/settings';
import { onEvent } from '../realtime';
import { api } from '../api';
import { useBoardStore } from './board.store';

/**
 * The one client copy of the contract settings in force: read from GET /api/settings when a screen
 * first needs them, then kept current by the `settings.changed` events of the realtime stream (and
 * at once after this browser's own change). `null` until the first read: a screen that needs a
 * setting waits for it rather than guessing with the defaults.
 */
export const useSettingsStore = defineStore('settings', () => {
  const settings = shallowRef<ContractSettings | null>(null);
  const error = ref<string | null>(null);
  let started = false;

  async function load() {
    try {
      settings.value = contractSettingsSchema.parse(await api('GET /api/settings'));
      error.value = null;
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  /** Idempotent: every screen calls it on mount; the first call reads and listens for good. */
  function start() {
    if (started) return;
    started = true;
    onEvent((event) => {
      if (event.type === 'settings.changed') settings.value = event.payload.settings;
    });
    // Back live after a drop: a resume by fresh snapshot carries no events, so a change may be missed.
    const board = useBoardStore();
    watch(
      () => board.status,
      (now, before) => {
        if (now === 'live' && before !== undefined && before !== 'live' && before !== 'connecting') void load();
      },
    );
    void load();
  }

  /** The answer of this browser's own POST /api/settings: the new settings in force. */
  function set(next: ContractSettings) {
    settings.value = next;
  }

  return { settings, error, start, load, set };
});
