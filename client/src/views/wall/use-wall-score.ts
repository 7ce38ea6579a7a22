import { ref } from 'vue';
import type { MonthScore } from '../../../../shared/scoring/types';

/**
 * The month-to-date score for the wall. Until the score store exists the panel shows 计算中
 * (never a made-up number).
 */
export function useWallScore() {
  const score = ref<MonthScore | null>(null);
  const trend = ref<{ day: string; total: number }[]>([]);
  return { score, trend };
}
