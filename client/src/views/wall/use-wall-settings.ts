import { onBeforeUnmount, onMounted, shallowRef } from 'vue';
import { DEFAULT_SETTINGS, contractSettingsSchema, type ContractSettings } from '../../../../shared/settings';
import { onEvent } from '../../realtime';

/**
 * The contract settings the wall needs (time zone, targets, tile server): read once when the
 * wall opens, then kept current by the `settings.changed` events of the realtime stream.
 * Until the first read the defaults apply.
 */
export function useWallSettings() {
  const settings = shallowRef<ContractSettings>(DEFAULT_SETTINGS);
  let unsubscribe: (() => void) | null = null;

  onMounted(async () => {
    unsubscribe = onEvent((event) => {
      if (event.entityType !== 'settings') return;
      const parsed = contractSettingsSchema.safeParse((event.payload as { settings?: unknown }).settings);
      if (parsed.success) settings.value = parsed.data;
    });
    try {
      const res = await fetch('/api/settings', { credentials: 'same-origin' });
      const parsed = contractSettingsSchema.safeParse(await res.json());
      if (res.ok && parsed.success) settings.value = parsed.data;
    } catch {
      // Offline at open: the defaults stand until the next settings event.
    }
  });
  onBeforeUnmount(() => unsubscribe?.());
  return settings;
}
