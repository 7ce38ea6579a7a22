import { onBeforeUnmount, onMounted, ref, shallowRef, watch } from 'vue';
import type { MonthScore } from '../../../../shared/scoring/types';
import { dayKey } from '../../../../shared/time';
import { onEvent } from '../../realtime';
import { useBoardStore } from '../../stores/board.store';
import { DailyTrend } from './derive/daily-trend';

/** The server updates the score within a second of an event; read it just after that. */
const AFTER_EVENT_MS = 1200;
/** Under a steady stream of events, still read at least this often. */
const MAX_WAIT_MS = 5000;

/**
 * The month-to-date score for the wall: GET /api/score when the wall opens, after it
 * reconnects, and shortly after events (debounced) — driven by the realtime stream, never by
 * a timer of its own. Until the first answer the panel shows 计算中, never a made-up number.
 * The daily line is the month's score as this wall saw it at the end of each day (kept in
 * localStorage so a kiosk reload keeps it); the server has no daily series yet.
 */
export function useWallScore() {
  const board = useBoardStore();
  const score = shallowRef<MonthScore | null>(null);
  const trend = ref<{ day: string; total: number }[]>([]);
  const daily = new DailyTrend(typeof localStorage === 'undefined' ? null : localStorage);
  let debounce: ReturnType<typeof setTimeout> | null = null;
  let firstPending = 0;
  let unsubscribe: (() => void) | null = null;

  async function read() {
    debounce = null;
    firstPending = 0;
    try {
      const res = await fetch('/api/score', { credentials: 'same-origin' });
      if (!res.ok) return;
      const body = (await res.json()) as MonthScore;
      if (typeof body?.total !== 'number' || !Array.isArray(body.blocks)) return;
      score.value = body;
      trend.value = daily.record(body.month, dayKey(new Date(body.asOf), body.settings.timeZone), body.total);
    } catch {
      // Disconnected: the header says so; the next reconnect reads again.
    }
  }

  function soon() {
    const now = Date.now();
    if (!firstPending) firstPending = now;
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(read, Math.min(AFTER_EVENT_MS, Math.max(0, firstPending + MAX_WAIT_MS - now)));
  }

  onMounted(() => {
    unsubscribe = onEvent(soon);
    void read();
  });
  watch(
    () => board.status,
    (status, previous) => {
      if (status === 'live' && previous !== 'live') soon();
    },
  );
  onBeforeUnmount(() => {
    unsubscribe?.();
    if (debounce) clearTimeout(debounce);
  });
  return { score, trend };
}
