import { computed, shallowRef, watch, type Ref } from 'vue';
import type { IncidentMark, OrderPoint, ResponderDot } from '../../components/map/map-types';
import { deadlineUrgency } from '../../components/map/deadline-urgency';
import { focusBox } from '../../components/map/focus-bounds';
import { DISTRICT_BOUNDS } from '../../../../shared/geo/district';
import { streetLabels, type StreetLabel } from '../../../../shared/geo/street-labels';
import { useBoardStore } from '../../stores/board.store';
import { ORDER_NEAR_MS } from './derive/countdowns';
import { offDutyOnIncident, responderStatuses } from './derive/responder-status';

/** Orders move rarely but can arrive in bursts: recluster at most this often. */
const ORDER_REFRESH_MS = 1000;

/**
 * The map's inputs derived from the board store. Responders follow every position batch
 * (about 1 Hz); incidents follow their events; the order clusters are rebuilt at most once
 * a second and their colours once a minute, since a deadline turning amber is a minute-scale change.
 */
export function useMapData(now: Ref<number>) {
  const board = useBoardStore();

  const statuses = computed(() => responderStatuses(board.staff, board.incidents));
  /** Sent to an incident while clocked out: the room must see it (a roster or clock-in problem). */
  const flagged = computed(() => offDutyOnIncident(board.staff, board.openIncidents));

  const responders = computed<ResponderDot[]>(() => {
    const dots: ResponderDot[] = [];
    const status = statuses.value;
    const flags = flagged.value;
    const positions = board.state.positions;
    for (const id in positions) {
      const s = status.get(id);
      if (!s) continue;
      const p = positions[id];
      dots.push({ id, lat: p.lat, lng: p.lng, status: s, name: board.state.staff[id]?.name ?? id, offDutyOnIncident: flags.has(id) });
    }
    return dots;
  });

  const incidents = computed<IncidentMark[]>(() =>
    board.openIncidents.map((i) => ({
      id: i.id,
      lat: i.location.lat,
      lng: i.location.lng,
      title: i.title,
      dispatchedAt: i.dispatchedAt ? Date.parse(i.dispatchedAt) : null,
      deadline: i.arrivalDeadline ? Date.parse(i.arrivalDeadline) : null,
      arrived: i.state === 'on_scene',
      late: i.late === true,
    })),
  );

  const minute = computed(() => Math.floor(now.value / 60_000));
  const orders = shallowRef<OrderPoint[]>([]);
  const streets = shallowRef<StreetLabel[]>([]);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastBuilt = 0;
  const build = () => {
    timer = null;
    lastBuilt = Date.now();
    const t = now.value;
    orders.value = board.openWorkOrders.map((o) => ({
      id: o.id,
      lat: o.location.lat,
      lng: o.location.lng,
      urgency: o.handlingDeadline && o.state !== 'handled' ? deadlineUrgency(Date.parse(o.handlingDeadline) - t, ORDER_NEAR_MS) : 'ok',
    }));
    streets.value = streetLabels(board.openWorkOrders);
  };
  watch(
    [() => board.openWorkOrders, minute],
    () => {
      if (timer) return;
      const wait = Math.max(0, lastBuilt + ORDER_REFRESH_MS - Date.now());
      timer = setTimeout(build, wait);
    },
    { immediate: true },
  );

  /** Where the open work and the working responders are; every open incident inside. */
  const focus = computed(() => {
    const work = [...orders.value, ...responders.value.filter((r) => r.status !== 'off_duty')];
    return focusBox(work, DISTRICT_BOUNDS, incidents.value);
  });

  return { responders, incidents, orders, streets, statuses, flagged, focus, stop: () => timer && clearTimeout(timer) };
}
