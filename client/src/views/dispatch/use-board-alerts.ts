import { ref, watch, type Ref } from 'vue';
import type { Incident } from '../../../../shared/domain/incident';
import type { WorkOrder } from '../../../../shared/domain/work-order';
import { incidentArrivalLate, incidentWaitingTooLong, orderDueLevel } from '../../../../shared/board/stages';
import type { ContractSettings } from '../../../../shared/settings';

export type AlertKind = 'overdue' | 'undispatched' | 'late';
export interface BoardAlert {
  key: string;
  kind: AlertKind;
  title: string;
  at: number;
}

/** How long a row flashes after it turned overdue (an undispatched or late incident flashes as long as it lasts). */
const FLASH_MS = 60_000;

/**
 * Alerts of the shift: an order that becomes overdue while the board is open, an incident waiting
 * undispatched beyond the set minutes, a responder late for arrival. Each raises one alert (newest
 * first) and, when the lead has sound on, one short beep. Orders already overdue when the board
 * opened do not beep: they are in the 超期 tab.
 */
export function useBoardAlerts(
  source: { openIncidents: Ref<Incident[]>; openWorkOrders: Ref<WorkOrder[]>; now: Ref<number>; settings: Ref<ContractSettings> },
  sound: Ref<boolean>,
) {
  const alerts = ref<BoardAlert[]>([]);
  const raised = new Set<string>();
  const active = ref(new Set<string>());
  let primed = false;

  function check() {
    const now = source.now.value;
    const settings = source.settings.value;
    const current = new Set<string>();
    const fresh: BoardAlert[] = [];
    const raise = (key: string, kind: AlertKind, title: string, silentAtStart: boolean) => {
      current.add(key);
      if (raised.has(key)) return;
      raised.add(key);
      if (!primed && silentAtStart) return;
      fresh.push({ key, kind, title, at: now });
    };
    for (const o of source.openWorkOrders.value) {
      if (orderDueLevel(o, now, settings) === 'overdue') raise(`workOrder:${o.id}`, 'overdue', o.title, true);
    }
    for (const i of source.openIncidents.value) {
      if (incidentWaitingTooLong(i, now, settings.alerts)) raise(`incident:${i.id}`, 'undispatched', i.title, false);
      else if (incidentArrivalLate(i, now)) raise(`incident:${i.id}:late`, 'late', i.title, false);
    }
    primed = true;
    for (const key of raised) if (!current.has(key)) raised.delete(key);
    // Flash: incidents while the condition lasts, orders for a minute after they turned overdue.
    const flashing = new Set<string>();
    for (const key of current) if (key.startsWith('incident:')) flashing.add(key.replace(/:late$/, ''));
    for (const a of [...fresh, ...alerts.value]) if (a.kind === 'overdue' && now - a.at < FLASH_MS) flashing.add(a.key);
    active.value = flashing;
    if (fresh.length) {
      alerts.value = [...fresh.reverse(), ...alerts.value].slice(0, 50);
      if (sound.value && settings.alerts.soundOnBoard) beep();
    }
  }
  watch(source.now, check, { immediate: true });

  return { alerts, isFlashing: (key: string) => active.value.has(key), dismiss: () => (alerts.value = []) };
}

let audio: AudioContext | null = null;
/** A short two-tone beep made on the spot: no sound file, nothing fetched. */
function beep() {
  try {
    audio ??= new AudioContext();
    for (const [i, freq] of [880, 660].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.value = 0.08;
      osc.connect(gain).connect(audio.destination);
      const start = audio.currentTime + i * 0.18;
      osc.start(start);
      osc.stop(start + 0.15);
    }
  } catch {
    // No audio device (a kiosk, a test browser): the flashing row is the alert.
  }
}
