import { onScopeDispose, ref, watch, type Ref } from 'vue';

export interface Fix {
  lat: number;
  lng: number;
  accuracyM: number;
  /** When the phone took it (its own clock, ms). */
  takenAt: number;
}

/**
 * The phone's position while `active` (on duty, or an evaluator's page open): watchPosition with
 * high accuracy, stopped when inactive so an off-duty phone is not tracked.
 */
export function useGeolocation(active: Ref<boolean>) {
  const fix = ref<Fix | null>(null);
  const error = ref<'denied' | 'unavailable' | 'unsupported' | null>(null);
  let watchId: number | null = null;

  function start() {
    if (watchId !== null) return;
    if (!('geolocation' in navigator)) {
      error.value = 'unsupported';
      return;
    }
    watchId = navigator.geolocation.watchPosition(
      (p) => {
        error.value = null;
        fix.value = { lat: p.coords.latitude, lng: p.coords.longitude, accuracyM: p.coords.accuracy, takenAt: p.timestamp };
      },
      (e) => (error.value = e.code === e.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { enableHighAccuracy: true, maximumAge: 5_000, timeout: 30_000 },
    );
  }

  function stop() {
    if (watchId !== null) navigator.geolocation.clearWatch(watchId);
    watchId = null;
  }

  watch(active, (on) => (on ? start() : stop()), { immediate: true });
  onScopeDispose(stop);
  return { fix, error };
}
