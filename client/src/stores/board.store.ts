import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import { emptyState } from '../../../shared/board/state';
import type { SyncStatus } from '../../../shared/realtime/board-sync';
import type { EventEnvelope } from '../../../shared/events';
import { isWorkOrderOpen } from '../../../shared/domain/work-order';
import { isIncidentOpen } from '../../../shared/domain/incident';

/**
 * The live board: the server's state at `state.seq`, folded from the event stream by the one
 * realtime module (client/src/realtime.ts). Views read it; nothing else writes it.
 */
export const useBoardStore = defineStore('board', () => {
  const state = reactive(emptyState());
  const status = ref<SyncStatus>('connecting');
  /** Local ms when the data was last known live (shown as "data as of" when disconnected). */
  const lastLiveAt = ref<number | null>(null);
  const clockOffsetMs = ref(0);
  const lastEvent = ref<EventEnvelope | null>(null);
  /** Server-corrected now, ticking once a second: countdowns derive from it. */
  const now = ref(Date.now());

  const workOrders = computed(() => Object.values(state.workOrders));
  const openWorkOrders = computed(() => workOrders.value.filter(isWorkOrderOpen));
  const incidents = computed(() => Object.values(state.incidents));
  const openIncidents = computed(() => incidents.value.filter(isIncidentOpen));
  const staff = computed(() => Object.values(state.staff));
  const onDuty = computed(() => staff.value.filter((s) => s.active && s.onDuty));

  function tick() {
    now.value = Date.now() + clockOffsetMs.value;
  }

  return { state, status, lastLiveAt, clockOffsetMs, lastEvent, now, workOrders, openWorkOrders, incidents, openIncidents, staff, onDuty, tick };
});
