import { ref } from 'vue';
import { zonedTime } from '../../../../../shared/time';
import type { ApiError } from '../../../../../shared/realtime/protocol';
import { ApiCallError } from '../../../api';

/**
 * One entry form's state: busy while the command runs, the server's refusal (code, message and
 * the field it names) until the next try. Nothing is checked here that the server does not check:
 * the server's zod schemas are the rules, the form shows what they say.
 */
export function useEntryForm() {
  const error = ref<ApiError | null>(null);
  const busy = ref(false);
  const saved = ref(false);

  async function submit<T>(run: () => Promise<T>, then?: (result: T) => unknown): Promise<boolean> {
    busy.value = true;
    saved.value = false;
    try {
      const result = await run();
      error.value = null;
      saved.value = true;
      await then?.(result);
      return true;
    } catch (e) {
      error.value = e instanceof ApiCallError ? e.body : { code: 'network', message: (e as Error).message };
      return false;
    } finally {
      busy.value = false;
    }
  }

  /** The refusal's message when it names `field`. */
  const fieldError = (...fields: string[]) => (error.value?.field && fields.includes(error.value.field) ? error.value.message : null);
  return { error, busy, saved, submit, fieldError };
}

/** A datetime-local value ('2025-03-14T15:00') read as wall time in the Center's zone; '' → undefined (now). */
export function centerTimeToIso(value: string, timeZone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number);
  return zonedTime(y, mo, d, timeZone, h, mi).toISOString();
}
