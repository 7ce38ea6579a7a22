import { redactEvent } from '../../shared/board/redact';
import type { EventEnvelope } from '../../shared/events';
import { eventJson } from '../store/event-json';
import { PreEncoded } from './pre-encoded';

/** One read of the events after a seq, as the two rooms receive it, each JSON made once. */
export interface ResumePage {
  events: EventEnvelope[];
  full(): PreEncoded<EventEnvelope[]>;
  redacted(): PreEncoded<EventEnvelope[]>;
}

interface Slot {
  running: Promise<ResumePage> | null;
  next: Promise<ResumePage> | null;
}

/**
 * The events after a seq for resuming screens, read once for all who ask at the same time. When
 * a node dies its screens reconnect to the others together, nearly all from the same last seq:
 * each reading the log and serialising the same few hundred events on its own kept the surviving
 * node's loop busy for seconds (200 screens). Callers asking for the same `after` share a read on
 * sharedRead's rule: one who arrives while a read is running waits for the next one, which starts
 * after they asked, so no answer predates a commit made before the question.
 */
export class ResumeReads {
  private readonly slots = new Map<number, Slot>();

  constructor(private readonly read: (after: number) => Promise<EventEnvelope[]>) {}

  get(after: number): Promise<ResumePage> {
    let slot = this.slots.get(after);
    if (!slot) this.slots.set(after, (slot = { running: null, next: null }));
    const { running } = slot;
    if (!running) return this.start(after, slot);
    const current = slot;
    current.next ??= running
      .catch(() => undefined)
      .then(() => {
        current.next = null;
        return this.start(after, current);
      });
    return current.next;
  }

  private start(after: number, slot: Slot): Promise<ResumePage> {
    const query = this.read(after)
      .then(page)
      .finally(() => {
        if (slot.running !== query) return;
        slot.running = null;
        if (!slot.next) this.slots.delete(after);
      });
    slot.running = query;
    return query;
  }
}

function page(events: EventEnvelope[]): ResumePage {
  let full: PreEncoded<EventEnvelope[]> | undefined;
  let redacted: PreEncoded<EventEnvelope[]> | undefined;
  return {
    events,
    full: () => (full ??= new PreEncoded(events, `[${events.map(eventJson).join(',')}]`)),
    redacted: () => {
      if (!redacted) {
        const safe = events.map(redactEvent);
        redacted = new PreEncoded(safe, JSON.stringify(safe));
      }
      return redacted;
    },
  };
}
