import { redactSnapshot } from '../../shared/board/redact';
import type { Snapshot } from '../../shared/board/state';
import { startOfLocalDay } from '../../shared/time';
import type { CommandContext } from '../commands/context';
import { PreEncoded } from './pre-encoded';

/** Items serialized between two yields to the event loop while a snapshot's JSON is made. */
const ITEMS_PER_SLICE = 250;

interface Built {
  /** The seq the snapshot reflects and the Center's day it was cut for (ISO start of day). */
  seq: number;
  day: string;
  /** The snapshot without serverTime, and its JSON after the opening `{"serverTime":…,`. */
  body: Omit<Snapshot, 'serverTime'>;
  jsonTail: string;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** JSON of a list, made a slice at a time so other clients' events go out in between. */
async function listJson(items: readonly unknown[]): Promise<string> {
  const parts: string[] = [];
  for (let i = 0; i < items.length; i += ITEMS_PER_SLICE) {
    const slice = JSON.stringify(items.slice(i, i + ITEMS_PER_SLICE));
    parts.push(slice.slice(1, -1));
    if (i + ITEMS_PER_SLICE < items.length) await yieldToEventLoop();
  }
  return `[${parts.filter((p) => p.length > 0).join(',')}]`;
}

/**
 * What a board snapshot costs, once: one build per (seq, Center day, audience) shared by every
 * caller that asks while it is current (single flight: callers during the build wait for the same
 * one), its JSON made once in slices that yield to the event loop. Each caller gets it stamped
 * with the server time of its own request, so clock offsets stay right on a quiet night.
 */
export class SnapshotCache {
  private readonly current = new Map<'full' | 'wall', Promise<Built>>();
  builds = 0;

  constructor(private readonly ctx: CommandContext) {}

  /** The snapshot for the full (lead and up) or the wall audience, ready to send. */
  async get(withPersonalData: boolean): Promise<PreEncoded<Snapshot>> {
    const audience = withPersonalData ? 'full' : 'wall';
    const now = this.ctx.clock.now();
    const dayStart = startOfLocalDay(now, this.ctx.settings().timeZone);
    const day = dayStart.toISOString();
    const head = await this.ctx.store.lastSeq();
    let built: Built;
    for (;;) {
      const pending = this.current.get(audience);
      const cached = pending ? await pending.catch(() => undefined) : undefined;
      // Any snapshot of this day at the head this caller saw, or later, will do: its socket joined
      // the board's room before asking, so every event after that snapshot's seq reaches it live.
      if (cached && cached.day === day && cached.seq >= head) {
        built = cached;
        break;
      }
      // Another caller started a newer build while this one waited: wait for that one too, rather
      // than every waiting caller starting its own (500 screens, 500 builds).
      if (this.current.get(audience) !== pending) continue;
      const next = this.build(dayStart, withPersonalData);
      this.current.set(audience, next);
      next.catch(() => this.current.get(audience) === next && this.current.delete(audience));
      built = await next;
      break;
    }
    const serverTime = this.ctx.clock.now().toISOString();
    return new PreEncoded({ serverTime, ...built.body }, `{"serverTime":${JSON.stringify(serverTime)},${built.jsonTail}`);
  }

  private async build(dayStart: Date, withPersonalData: boolean): Promise<Built> {
    this.builds++;
    const raw = await this.ctx.store.snapshot(dayStart);
    // The seq read with the lists (one read transaction) is the one the snapshot reflects.
    const body = withPersonalData ? raw : withoutServerTime(redactSnapshot({ ...raw, serverTime: '' }));
    const jsonTail =
      `"seq":${body.seq},` +
      `"workOrders":${await listJson(body.workOrders)},` +
      `"incidents":${await listJson(body.incidents)},` +
      `"staff":${await listJson(body.staff)},` +
      `"responders":${await listJson(body.responders)}}`;
    return { seq: body.seq, day: dayStart.toISOString(), body, jsonTail };
  }
}

function withoutServerTime(snapshot: Snapshot): Omit<Snapshot, 'serverTime'> {
  const { serverTime: _t, ...body } = snapshot;
  return body;
}
