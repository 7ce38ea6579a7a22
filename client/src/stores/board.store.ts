import { defineStore } from 'pinia';
import { computed, markRaw, reactive, ref } from 'vue';
import { emptyState, type BoardState } from '../../../shared/board/state';
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

const ENTITY_MAPS = new Set<PropertyKey>(['workOrders', 'incidents', 'staff', 'positions']);
const asRaw = (value: unknown) => (value !== null && typeof value === 'object' ? markRaw(value) : value);

/**
 * The board's entities are replaced whole by each event (shared/board/state.ts), never edited in
 * place, so Vue needs to track which ids changed, not every field of every entity: with 50,000
 * open orders a deep proxy made each pass over them (the wall's countdowns every second, the
 * map's clusters) several times slower. The maps stay reactive (an id added, replaced or removed
 * re-renders what reads it); the entities put in them through this view are marked raw. The one
 * realtime module writes the board through it.
 */
export function entitiesRaw(state: BoardState): BoardState {
  const maps = new WeakMap<object, object>();
  const rawMap = (map: object) => {
    let view = maps.get(map);
    if (!view) {
      view = new Proxy(map, { set: (target, key, value) => Reflect.set(target, key, asRaw(value)) });
      maps.set(map, view);
    }
    return view;
  };
  return new Proxy(state, {
    get: (target, key) => {
      const value: unknown = Reflect.get(target, key);
      return ENTITY_MAPS.has(key) && value !== null && typeof value === 'object' ? rawMap(value) : value;
    },
    set: (target, key, value: unknown) => {
      if (ENTITY_MAPS.has(key) && value !== null && typeof value === 'object') Object.values(value).forEach(asRaw);
      return Reflect.set(target, key, value);
    },
  });
}
