import { promisify } from 'node:util';
import { gunzipSync, gzip } from 'node:zlib';
import type { EquipmentFault, ManualDeduction, ScoreFact } from '../../shared/scoring';
import { CHECKPOINT_VERSION, type Book, type DeriverState, type EncodedMonth } from '../../shared/scoring';

/**
 * The score service's checkpoint: everything it folded from the log up to `seq`, so a start reads
 * only the events after it (README: Score checkpoints).
 *
 * What is in it depends on the log up to `seq` and nothing else: the roster's staffing findings
 * (read from the roster on every read, never logged) are left out, and so are months that hold no
 * fact of their own (a read makes one; it is made again the same way when needed). So every node
 * folding the same log writes the same checkpoint at the same seq, and any node may start from any
 * node's: the store keeps one per version and seq, and a second write of it is a no-op.
 */
export interface ServiceState {
  version: number;
  seq: number;
  /** settings.scoreReplayedOrders as the months were folded: a start under the other setting folds the whole log. */
  includeReplayed: boolean;
  deriver: DeriverState;
  carried: ScoreFact[];
  months: EncodedMonth[];
  closeBook: [string, Book][];
  faults: [string, EquipmentFault][];
  deductions: [string, ManualDeduction][];
  deductionHistory: [string, ManualDeduction[]][];
}

const gzipAsync = promisify(gzip);

/**
 * A checkpoint as stored: gzip of the JSON (a busy 300,000-order month is about 12 MB of JSON, 1.5
 * MB zipped). The JSON is taken at once (the state as folded now, before any later event changes
 * it); the compression runs on libuv's thread pool, so commands keep flowing meanwhile.
 */
export function packCheckpoint(state: ServiceState): Promise<Uint8Array> {
  return gzipAsync(JSON.stringify(state), { level: 1 });
}

/** The state back, or null when it is not one this code can take up (another version, damaged bytes). */
export function unpackCheckpoint(bytes: Uint8Array, seq: number): ServiceState | null {
  try {
    const state = JSON.parse(gunzipSync(bytes).toString('utf8')) as ServiceState;
    if (state?.version !== CHECKPOINT_VERSION || state.seq !== seq || !Array.isArray(state.months)) return null;
    return state;
  } catch {
    return null;
  }
}
