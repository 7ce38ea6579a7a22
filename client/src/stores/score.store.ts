import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { MonthScore } from '../../../shared/scoring/types';
import { onScore } from '../realtime';
import { api } from '../api';

/** After a pushed change, the full breakdown (with causes) is read again at most this often. */
const REFETCH_MS = 300;

/**
 * The score page's data: one month's full breakdown from GET /api/score (causes included).
 * While the viewed month is the live one, every `score` push from the server replaces the
 * figures at once and the breakdown with its causes is re-read shortly after.
 */
export const useScoreStore = defineStore('score', () => {
  const score = shallowRef<MonthScore | null>(null);
  /** null = the current month (the server decides which one that is, in the Center's zone). */
  const month = ref<string | null>(null);
  const error = ref<string | null>(null);
  const loading = ref(false);
  const isLive = computed(() => score.value !== null && !score.value.closed);

  async function load(next: string | null = month.value) {
    month.value = next;
    loading.value = true;
    try {
      score.value = await api('GET /api/score', { query: { month: next || undefined } });
      error.value = null;
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      loading.value = false;
    }
  }

  /** Month close (manager): close a provisional month, or reopen a closed one with the reason on record. */
  async function closeMonth() {
    if (!score.value) return;
    score.value = await api('POST /api/score/:month/close', { params: { month: score.value.month }, body: {} });
  }
  async function reopenMonth(reason: string) {
    if (!score.value) return;
    score.value = await api('POST /api/score/:month/reopen', { params: { month: score.value.month }, body: { reason } });
  }

  let timer: ReturnType<typeof setTimeout> | null = null;
  let unsubscribe: (() => void) | null = null;

  function start() {
    if (unsubscribe) return;
    unsubscribe = onScore((pushed) => {
      const viewing = score.value;
      if (!viewing) return;
      // A screen on "the current month" (the wall) moves on to the next month when it starts.
      const rolledOver = month.value === null && pushed.month > viewing.month;
      if (pushed.month !== viewing.month && !rolledOver) return;
      // The pushed score has no causes: keep the open lines' causes until the re-read lands.
      score.value = rolledOver ? pushed : { ...pushed, blocks: pushed.blocks.map((b, i) => mergeCauses(b, viewing.blocks[i])) };
      if (!timer) timer = setTimeout(() => ((timer = null), void load()), REFETCH_MS);
    });
  }

  function stop() {
    unsubscribe?.();
    unsubscribe = null;
    if (timer) clearTimeout(timer);
    timer = null;
  }

  return { score, month, error, loading, isLive, load, closeMonth, reopenMonth, start, stop };
});

function mergeCauses(next: MonthScore['blocks'][number], previous: MonthScore['blocks'][number] | undefined) {
  if (!previous) return next;
  return {
    ...next,
    lines: next.lines.map((line) => {
      const same = previous.lines.find((l) => l.rule === line.rule && l.subject === line.subject);
      return same ? { ...line, causes: same.causes } : line;
    }),
  };
}
