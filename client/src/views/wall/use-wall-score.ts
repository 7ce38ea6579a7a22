import { computed, onBeforeUnmount, onMounted, watch } from 'vue';
import { useBoardStore } from '../../stores/board.store';
import { useScoreStore } from '../../stores/score.store';
import { useWhatIf } from '../score/use-what-if';

/**
 * The month-to-date score for the wall, from the score store: read when the wall opens and
 * again after a reconnect; every `score` push in between replaces it at once. Until the first
 * answer the panel shows 计算中, never a made-up number.
 * The daily line is the server's series (`daily`: the total at the end of each day), so a wall
 * that was switched off has no gaps.
 */
export function useWallScore() {
  const board = useBoardStore();
  const store = useScoreStore();

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
  // The next mistake's cost moves with the month's facts and its total (a day of short staffing has no fact).
  const whatIf = useWhatIf(
    () => store.score?.month,
    () => `${store.score?.factCount}:${store.score?.total}`,
  );
  return { score: computed(() => store.score), trend: computed(() => store.score?.daily ?? []), whatIf };
}
