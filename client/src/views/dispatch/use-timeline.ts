import { onUnmounted, ref, watch, type Ref } from 'vue';
import type { EventEnvelope } from '../../../../shared/events';
import { onEvent } from '../../realtime';
import { useSessionStore } from '../../stores/session.store';

export type ItemKind = 'incident' | 'workOrder';
export interface ItemRef {
  kind: ItemKind;
  id: string;
}

/** One item's timeline from the server (its events with actor and time, oldest first). */
export const loadTimeline = (session: ReturnType<typeof useSessionStore>, item: ItemRef) =>
  item.kind === 'incident'
    ? session.call('GET /api/incidents/:id/events', { params: { id: item.id } })
    : session.call('GET /api/work-orders/:id/events', { params: { id: item.id } });

/** The selected item's events (actor, time), loaded once and then appended live from the stream. */
export function useTimeline(item: Ref<ItemRef | null>) {
  const session = useSessionStore();
  const events = ref<EventEnvelope[]>([]);
  const loading = ref(false);

  async function load() {
    const current = item.value;
    events.value = [];
    if (!current) return;
    loading.value = true;
    const result = await loadTimeline(session, current);
    loading.value = false;
    if (item.value?.id !== current.id) return;
    if (result.ok) merge(result.data.events);
  }

  function merge(incoming: EventEnvelope[]) {
    const seen = new Set(events.value.map((e) => e.seq));
    events.value = [...events.value, ...incoming.filter((e) => !seen.has(e.seq))].sort((a, b) => a.seq - b.seq);
  }

  const stop = onEvent((event) => {
    const current = item.value;
    if (current && event.entityType === current.kind && event.entityId === current.id) merge([event]);
  });
  onUnmounted(stop);
  watch(() => item.value && `${item.value.kind}:${item.value.id}`, load, { immediate: true });

  return { events, loading, reload: load };
}
