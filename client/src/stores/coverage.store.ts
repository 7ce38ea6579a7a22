import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { wallCoverage, wallStrip, type CoverageNowView } from '../../../shared/coverage';
import { DEFAULT_SETTINGS, type ContractSettings } from '../../../shared/settings';
import { onEvent } from '../realtime';
import { apiCall } from '../views/roster/roster-api';
import { useBoardStore } from './board.store';

/** Events after which the engine's figures may have changed. */
const ROSTER_ENTITIES = new Set(['staff', 'staffProfile', 'shift', 'settings']);
const REFRESH_MS = 60_000;
const DEBOUNCE_MS = 400;

/**
 * Coverage for the wall and the roster page: on duty now vs the minimum per post (live from the
 * board), team headcount vs 17/4/3 and the 24-hour strip (from the coverage engine on the
 * server, GET /api/coverage/now). Call `start()` in a view's onMounted and `stop()` on unmount.
 */
export const useCoverageStore = defineStore('coverage', () => {
  const board = useBoardStore();
  const view = shallowRef<CoverageNowView | null>(null);
  const error = ref<string | null>(null);
  const settings = ref<ContractSettings>(DEFAULT_SETTINGS);

  const posts = computed(() => wallCoverage(view.value, board.staff, board.now, settings.value));
  const strip = computed(() => wallStrip(view.value, posts.value, board.now));
  const costlyDays = computed(() => view.value?.costlyDays ?? []);
  const lawGraduateOnTeam = computed(() => view.value?.lawGraduateOnTeam ?? true);

  async function refresh() {
    try {
      view.value = await apiCall<CoverageNowView>('GET', '/api/coverage/now');
      error.value = null;
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  let users = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  let debounce: ReturnType<typeof setTimeout> | null = null;
  let unsubscribe: (() => void) | null = null;

  function start() {
    if (users++ > 0) return;
    void refresh();
    timer = setInterval(refresh, REFRESH_MS);
    unsubscribe = onEvent((event) => {
      if (!ROSTER_ENTITIES.has(event.entityType)) return;
      if (debounce) clearTimeout(debounce);
      debounce = setTimeout(refresh, DEBOUNCE_MS);
    });
  }

  function stop() {
    if (--users > 0) return;
    users = 0;
    if (timer) clearInterval(timer);
    if (debounce) clearTimeout(debounce);
    unsubscribe?.();
    timer = debounce = null;
    unsubscribe = null;
  }

  return { view, error, settings, posts, strip, costlyDays, lawGraduateOnTeam, refresh, start, stop };
});
