import { computed, onMounted, type ComputedRef } from 'vue';
import { DEFAULT_SETTINGS, type ContractSettings } from '../../../../shared/settings';
import { useSettingsStore } from '../../stores/settings.store';

/**
 * The contract settings the wall draws with (time zone, targets, tile server), from the one
 * settings store. A kiosk must draw from its first frame, so until the first read it draws with
 * the contract's defaults, on purpose and only here; the read replaces them within a second.
 */
export function useWallSettings(): ComputedRef<ContractSettings> {
  const store = useSettingsStore();
  onMounted(() => store.start());
  return computed(() => store.settings ?? DEFAULT_SETTINGS);
}
