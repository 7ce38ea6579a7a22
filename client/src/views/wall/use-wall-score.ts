import { computed, onBeforeUnmount, onMounted, ref, watch } from 'vue';
import { dayKey } from '../../../../shared/time';
import { useBoardStore } from '../../stores/board.store';
import { useScoreStore } from '../../stores/score.store';
import { DailyTrend } from './derive/daily-trend';

/**
 * The month-to-date score for the wall, from the score store: read when the wall opens and
 * again after a reconnect; every `score` push in between replaces it at once. Until the first
 * answer the panel shows 计算中, never a made-up number.
 * The daily line is the month's score as this wall saw it at the end of each day (kept in
 * localStorage so a kiosk reload keeps it); the server has no daily series yet.
 */
export function useWallScore() {
  const board = useBoardStore();
  const store = useScoreStore();
  const daily = new DailyTrend(typeof localStorage === 'undefined' ? null : localStorage);
  const trend = ref<{ day: string; total: number }[]>([]);

  onMounted(() => {
    store.start();
    void store.load(null);
  });
  onBeforeUnmount(() => store.stop());
  watch(
    () => board.status,
    (status, previous) => {
      if (status === 'live' && previous === 'reconnecting') void store.load(null);
    },
  );
  watch(
    () => store.score,
    (s) => {
      if (s && !s.closed) trend.value = daily.record(s.month, dayKey(new Date(s.asOf), s.settings.timeZone), s.total);
    },
  );
  return { score: computed(() => store.score), trend };
}
