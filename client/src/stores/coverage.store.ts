import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch, type WatchStopHandle } from 'vue';
import { wallCoverage, wallStrip, type CoverageNowView } from '../../../shared/coverage';
import { onEvent } from '../realtime';
import { api } from '../api';
import { useBoardStore } from './board.store';
import { useSettingsStore } from './settings.store';
import { affectsCoverage, foldFinishedHour, observeHour, type LiveHour } from './coverage-refresh';

const DEBOUNCE_MS = 400;

/**
 * Coverage for the wall and the roster page: on duty now vs the minimum per post (live from the
 * board), team headcount vs 17/4/3 and the 24-hour strip (from the coverage engine on the
 * server, GET /api/coverage/now). No polling: it re-reads on the events that change coverage,
 * on a reconnect and at the local day boundary, and rolls the strip locally every hour
 * (coverage-refresh.ts says when and why). Call `start()` in a view's onMounted, `stop()` on unmount.
 */
export const useCoverageStore = defineStore('coverage', () => {
  const board = useBoardStore();
  const view = shallowRef<CoverageNowView | null>(null);
  const error = ref<string | null>(null);
  // The screen that shows coverage starts the settings store; until it has read them, no posts.
  const contract = useSettingsStore();
  /** How many times the engine figures were read (tests and diagnostics). */
  const reads = ref(0);

  const posts = computed(() => (contract.settings ? wallCoverage(view.value, board.staff, board.now, contract.settings) : []));
  /** The board's counts are the center's only while it is live and has its snapshot. */
  const boardKnown = computed(() => board.status === 'live' && board.state.seq > 0);
  const strip = computed(() => wallStrip(view.value, boardKnown.value ? posts.value : null, board.now));
  const costlyDays = computed(() => view.value?.costlyDays ?? []);
  const lawGraduateOnTeam = computed(() => view.value?.lawGraduateOnTeam ?? true);

  async function refresh() {
    reads.value++;
    try {
      view.value = await api('GET /api/coverage/now');
      error.value = null;
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  let users = 0;
  let debounce: ReturnType<typeof setTimeout> | null = null;
  let unsubscribe: (() => void) | null = null;
  let stopWatches: WatchStopHandle[] = [];
  let hour: LiveHour | null = null;

  function refreshSoon() {
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(() => {
      debounce = null;
      void refresh();
    }, DEBOUNCE_MS);
  }

  function start() {
    if (users++ > 0) return;
    void refresh();
    unsubscribe = onEvent((event) => {
      if (affectsCoverage(event)) refreshSoon();
    });
    hour = null;
    stopWatches = [
      // Every board tick (1 s): track the hour in progress; at a boundary roll the strip locally.
      watch(
        posts,
        (live) => {
          // Before the snapshot (or while reconnecting) nobody looks clocked in: that is not a shortfall.
          if (!boardKnown.value || !contract.settings) return;
          const step = observeHour(hour, board.now, live, contract.settings.timeZone);
          hour = step.hour;
          if (step.kind === 'same') return;
          if (step.finished && view.value) view.value = foldFinishedHour(view.value, step.finished, board.now);
          if (step.kind === 'day') refreshSoon();
        },
        { immediate: true },
      ),
      // Back live after a drop: the resume may have been a fresh snapshot, without the events missed.
      watch(
        () => board.status,
        (now, before) => {
          if (now === 'live' && before !== undefined && before !== 'live' && before !== 'connecting') refreshSoon();
        },
      ),
    ];
  }

  function stop() {
    if (--users > 0) return;
    users = 0;
    if (debounce) clearTimeout(debounce);
    unsubscribe?.();
    for (const stopWatch of stopWatches) stopWatch();
    debounce = null;
    unsubscribe = null;
    stopWatches = [];
  }

  return { view, error, reads, posts, strip, costlyDays, lawGraduateOnTeam, refresh, start, stop };
});
