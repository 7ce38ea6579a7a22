import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Incident } from '../../../shared/domain/incident';
import type { Staff } from '../../../shared/domain/staff';
import type { EvaluatorReportView, FieldHome, PositionAck } from '../../../shared/field/field-views';
import { browserOutboxPorts, fieldFetch } from '../views/field/field-http';
import { Outbox, type OutboxItem } from '../views/field/outbox';
import type { Fix } from '../views/field/use-geolocation';

const FLUSH_EVERY_MS = 10_000;
/** The phone has no board socket (it may not read the board): it asks for its assignment this often. */
const REFRESH_EVERY_MS = 4_000;

/**
 * The phone's state on /field: who I am, my assignment, the server-time offset, what waits in the
 * outbox and whether the link is up. Every action goes through the outbox (one path online and
 * offline); positions do not (telemetry: a lost one is replaced by the next).
 */
export const useFieldStore = defineStore('field', () => {
  const home = ref<FieldHome | null>(null);
  const loadError = ref<string | null>(null);
  /** server clock − this phone's clock, ms: countdowns and fix times are in server time. */
  const offsetMs = ref(0);
  const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine);
  const outboxItems = ref<OutboxItem[]>([]);
  const reports = ref<EvaluatorReportView[]>([]);
  const lastAck = ref<PositionAck | null>(null);
  const lastSentAt = ref(0);
  const outbox = shallowRef<Outbox | null>(null);
  let timer: ReturnType<typeof setInterval> | undefined;
  let refresher: ReturnType<typeof setInterval> | undefined;

  const staff = computed<Staff | null>(() => home.value?.staff ?? null);
  const assignment = computed<Incident | null>(() => home.value?.assignment ?? null);
  const waiting = computed(() => outboxItems.value.filter((i) => !i.refused));
  const refused = computed(() => outboxItems.value.filter((i) => i.refused));
  const serverNow = () => Date.now() + offsetMs.value;

  function measureOffset(serverTime: string) {
    offsetMs.value = new Date(serverTime).getTime() - Date.now();
  }

  async function load(): Promise<boolean> {
    const res = await fieldFetch<FieldHome>('GET', '/api/field/me');
    if (!res) {
      online.value = false;
      return false;
    }
    if (!res.ok) {
      loadError.value = res.message;
      return false;
    }
    online.value = true;
    loadError.value = null;
    home.value = res.data;
    measureOffset(res.data.serverTime);
    if (res.data.staff.post === 'evaluator') await loadReports();
    return true;
  }

  async function loadReports() {
    const res = await fieldFetch<EvaluatorReportView[]>('GET', '/api/field/evaluator-reports');
    if (res?.ok) reports.value = res.data;
  }

  /** What the server answered to a sent command: the incident or staff record after it. */
  function applySent(item: OutboxItem, data: unknown) {
    online.value = true;
    if (!home.value) return;
    if (item.path === '/api/field/duty') home.value = { ...home.value, staff: data as Staff };
    else if (item.path.startsWith('/api/field/incidents/')) {
      const incident = data as Incident;
      home.value = { ...home.value, assignment: incident.state === 'closed' ? null : incident };
      if (incident.state === 'closed') void load(); // the next assignment, if any
    } else if (item.path === '/api/field/evaluator-reports') void loadReports();
  }

  function start(user: string) {
    if (outbox.value) return;
    outbox.value = new Outbox(browserOutboxPorts(user), applySent, (items) => (outboxItems.value = [...items]));
    outboxItems.value = [...outbox.value.items];
    const flush = async () => {
      await outbox.value?.flush();
      // Anything still waiting after a flush means the link (or the server) is down.
      online.value = outbox.value?.waiting.length === 0 ? navigator.onLine : false;
    };
    window.addEventListener('online', () => ((online.value = true), void flush(), void load()));
    window.addEventListener('offline', () => (online.value = false));
    timer = setInterval(() => void flush(), FLUSH_EVERY_MS);
    refresher = setInterval(() => void load(), REFRESH_EVERY_MS);
    void flush();
  }

  function stop() {
    clearInterval(timer);
    clearInterval(refresher);
    clearTimeout(pendingTimer);
  }

  async function enqueue(command: { path: string; body: Record<string, unknown>; label: string; photos?: Blob[] }) {
    if (!outbox.value) return;
    await outbox.value.add(command);
    await outbox.value.flush();
    if (outbox.value.waiting.length > 0) online.value = false;
  }

  // What a queued command still waiting would change is not drawn from a refresh: the outbox says it.
  const setDuty = (onDuty: boolean, label: string) => enqueue({ path: '/api/field/duty', body: { onDuty }, label });

  /**
   * A fix, rate-limited to the server's interval: one sent at once, the latest of any that come
   * sooner sent when the interval is up (a car stopped at the site sends no new fix). Dropped,
   * not queued, when the link is down: positions are telemetry.
   */
  let pendingFix: Fix | null = null;
  let pendingTimer: ReturnType<typeof setTimeout> | undefined;
  async function sendFix(fix: Fix) {
    const settings = home.value?.settings;
    if (!settings || !home.value?.staff.onDuty || home.value.staff.post !== 'responder') return;
    const intervalMs = settings.positionMinIntervalS * 1000;
    const later = (wait: number) => {
      pendingFix ??= fix;
      pendingTimer ??= setTimeout(() => {
        pendingTimer = undefined;
        const next = pendingFix;
        pendingFix = null;
        if (next) void sendFix(next);
      }, wait);
    };
    const wait = lastSentAt.value + intervalMs - Date.now();
    if (wait > 0) {
      pendingFix = fix;
      return later(wait);
    }
    lastSentAt.value = Date.now();
    const at = new Date(fix.takenAt + offsetMs.value).toISOString();
    const res = await fieldFetch<PositionAck>('POST', '/api/field/position', {
      lat: fix.lat,
      lng: fix.lng,
      accuracyM: Math.round(fix.accuracyM * 10) / 10,
      at,
    });
    if (!res) return void (online.value = false);
    online.value = true;
    if (!res.ok) return;
    lastAck.value = res.data;
    measureOffset(res.data.serverTime);
    // The server's interval ran a little behind ours: send this fix again unless a newer one came.
    if (!res.data.stored) later(intervalMs / 4);
    if (res.data.arrived && home.value) home.value = { ...home.value, assignment: res.data.arrived };
  }

  return {
    home,
    loadError,
    offsetMs,
    online,
    outboxItems,
    waiting,
    refused,
    reports,
    lastAck,
    staff,
    assignment,
    serverNow,
    load,
    loadReports,
    start,
    stop,
    enqueue,
    setDuty,
    sendFix,
    discard: (key: string) => outbox.value?.discard(key),
    flush: () => outbox.value?.flush(),
  };
});
