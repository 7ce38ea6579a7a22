import { computed, ref, shallowRef } from 'vue';
import type { RosterWeekView, Shift } from '../../../../shared/coverage';
import type { Post } from '../../../../shared/domain/staff';
import type { ContractSettings } from '../../../../shared/settings';
import { addDaysToKey, dayKey, weekdayOfKey, zonedTime } from '../../../../shared/time';
import { api, type ApiCallError } from '../../api';
import { rosterGrid } from './roster-grid';

/** Monday of the week containing `day`. */
export function mondayOf(day: string): string {
  return addDaysToKey(day, -((weekdayOfKey(day) + 6) % 7));
}

/** The roster page's data and commands: the week shown, its grid and forecast, and the edits. */
export function useRosterWeek(settings: ContractSettings, now: () => number) {
  const from = ref(mondayOf(dayKey(new Date(now()), settings.timeZone)));
  const week = shallowRef<RosterWeekView | null>(null);
  const loading = ref(false);
  const error = ref<ApiCallError | null>(null);
  const grid = computed(() => (week.value ? rosterGrid(week.value, settings.timeZone) : []));

  async function load() {
    loading.value = true;
    try {
      week.value = await api('GET /api/roster/week', { query: { from: from.value, days: 7 } });
      error.value = null;
    } catch (e) {
      error.value = e as ApiCallError;
    } finally {
      loading.value = false;
    }
  }

  function shiftWeek(weeks: number) {
    from.value = addDaysToKey(from.value, 7 * weeks);
    void load();
  }

  /** Runs a command; on success reloads the week, on failure keeps the error for the view. */
  async function command<T>(run: () => Promise<T>): Promise<T | null> {
    try {
      const result = await run();
      error.value = null;
      await load();
      return result;
    } catch (e) {
      error.value = e as ApiCallError;
      return null;
    }
  }

  const generate = (post: Post, days: number) => command(() => api('POST /api/roster/rotation', { body: { post, fromDay: from.value, days } }));

  function addShift(staffId: string, day: string, start: string, end: string) {
    const [y, m, d] = day.split('-').map(Number);
    const [sh, sm] = start.split(':').map(Number);
    const [eh, em] = end.split(':').map(Number);
    const startAt = zonedTime(y, m, d, settings.timeZone, sh, sm);
    // An end at or before the start runs past midnight, as in the import files.
    const endMinutes = eh * 60 + em <= sh * 60 + sm ? eh * 60 + em + 1440 : eh * 60 + em;
    const endAt = zonedTime(y, m, d, settings.timeZone, 0, endMinutes);
    return command(() => api('POST /api/shifts', { body: { staffId, start: startAt.toISOString(), end: endAt.toISOString() } }));
  }

  const removeShift = (shift: Shift) =>
    command(() => api('POST /api/shifts/:id/delete', { params: { id: shift.id }, body: { expectedVersion: shift.version } }));

  /** Reads the file and sends it; a refused file leaves its row errors in `error.body.rows`. */
  async function importFile(file: File) {
    const xlsx = /\.xlsx$/i.test(file.name);
    const content = xlsx ? await toBase64(file) : await file.text();
    return command(() => api('POST /api/roster/import', { body: { format: xlsx ? 'xlsx' : 'csv', content } }));
  }

  return { from, week, grid, loading, error, load, shiftWeek, generate, addShift, removeShift, importFile };
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
