import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import type { WhatIfView } from '../../../../shared/scoring/what-if-kinds';
import { api } from '../../api';

/** The what-if forks the month on the server: read it at most this often, however fast the score moves. */
const REFRESH_MS = 5000;

/**
 * GET /api/score/what-if for a month, read when the month is set and again (throttled) whenever
 * `version` changes: /score and the wall pass something that moves with the score (its facts, its total).
 * null until the first answer, and after a failed read: never a stale or made-up figure.
 */
export function useWhatIf(month: () => string | null | undefined, version: () => unknown): Ref<WhatIfView | null> {
  const view = ref<WhatIfView | null>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastLoad = 0;

  async function load() {
    const key = month();
    if (!key) return;
    lastLoad = Date.now();
    try {
      view.value = await api('GET /api/score/what-if', { query: { month: key } });
    } catch {
      view.value = null;
    }
  }
  function schedule() {
    if (timer) return;
    timer = setTimeout(
      () => {
        timer = null;
        void load();
      },
      Math.max(0, lastLoad + REFRESH_MS - Date.now()),
    );
  }
  watch(month, load, { immediate: true });
  watch(version, schedule);
  onBeforeUnmount(() => timer && clearTimeout(timer));
  return view;
}
