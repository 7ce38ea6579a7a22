import { ref } from 'vue';
import type { EventEnvelope } from '../../../../shared/events';
import type { ApiError } from '../../../../shared/realtime/protocol';
import type { ActionBody } from '../../../../shared/realtime/commands';
import { send } from '../../realtime';
import { useSessionStore } from '../../stores/session.store';
import { loadTimeline, type ItemRef } from './use-timeline';

/** A refused action because someone else changed the item first: what they did, and the new version. */
export interface Conflict {
  item: ItemRef;
  baseVersion: number;
  currentVersion: number | null;
  /** The other leads' events since the version this lead acted on. */
  changes: EventEnvelope[];
}

const versionOf = (event: EventEnvelope) => {
  const payload = event.payload;
  if ('incident' in payload) return payload.incident.version;
  if ('workOrder' in payload) return payload.workOrder.version;
  return 0;
};

/**
 * Sends dispatch-board actions over the socket (ack = result union). A stale `expectedVersion`
 * comes back as 409/stale_version with the current version: the lead is shown what changed and
 * by whom, the board already holds the fresh item (live), and the lead may retry. Never a silent
 * overwrite: the retry is the lead's own decision, made on the new state.
 */
export function useDispatchCommands() {
  const session = useSessionStore();
  const conflict = ref<Conflict | null>(null);
  const error = ref<ApiError | null>(null);
  const busy = ref(false);

  function act(item: ItemRef & { kind: 'incident' }, baseVersion: number, body: ActionBody<'incident:act'>): Promise<boolean>;
  function act(item: ItemRef & { kind: 'workOrder' }, baseVersion: number, body: ActionBody<'workOrder:act'>): Promise<boolean>;
  async function act(item: ItemRef, baseVersion: number, body: ActionBody<'incident:act'> | ActionBody<'workOrder:act'>): Promise<boolean> {
    busy.value = true;
    error.value = null;
    conflict.value = null;
    const sent = { id: item.id, expectedVersion: baseVersion };
    // The overloads above tie the body to the kind of item; here the two are one union again.
    const ack =
      item.kind === 'incident'
        ? await send('incident:act', { ...sent, ...(body as ActionBody<'incident:act'>) })
        : await send('workOrder:act', { ...sent, ...(body as ActionBody<'workOrder:act'>) });
    busy.value = false;
    if (ack.ok) return true;
    if (ack.error.code === 'stale_version') {
      const timeline = await loadTimeline(session, item);
      const changes = timeline.ok ? timeline.data.events.filter((e) => versionOf(e) > baseVersion) : [];
      conflict.value = { item, baseVersion, currentVersion: ack.error.currentVersion ?? null, changes };
    } else {
      error.value = ack.error;
    }
    return false;
  }

  const clear = () => {
    conflict.value = null;
    error.value = null;
  };

  return { act, conflict, error, busy, clear };
}
