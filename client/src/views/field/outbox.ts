/**
 * The field app's outbox: every command a phone makes (到场, 首报, 续报, 结案, an evaluator's
 * report) is written here first, with its own idempotency key, then sent in order. A command
 * that cannot reach the server (no link, a 5xx, a 429) stays, and so does everything behind it,
 * until the next flush: the server sees them once and in the order they were made. A command the
 * server refuses (4xx) is set aside with its reason, for the person to read and discard.
 *
 * Photos wait as blobs in a separate store (IndexedDB in the browser); each is uploaded with its
 * own key just before the command that needs it, so a re-sent photo is stored once too.
 */
export interface OutboxItem {
  key: string;
  /** API path, e.g. /api/field/incidents/INC-1/report. */
  path: string;
  body: Record<string, unknown>;
  /** Keys of photo blobs waiting in the blob store; their uploaded ids go into `body.photos`. */
  photoKeys: string[];
  /** Ids of photos already uploaded, by photo key (an interrupted flush does not upload twice). */
  uploaded: Record<string, string>;
  /** What the person sees in the list of waiting actions ("首报 · INC-…"). */
  label: string;
  createdAt: string;
  /** Set when the server refused it: the reason, and the item no longer blocks the line. */
  refused?: { status: number; message: string; field?: string };
}

export type SendResult =
  { kind: 'ok'; data: unknown } | { kind: 'retry'; reason: string } | { kind: 'refused'; status: number; message: string; field?: string };

export interface OutboxPorts {
  /** POST a JSON command with its idempotency key. */
  send(path: string, body: unknown, key: string): Promise<SendResult>;
  /** Upload a photo blob with its key → the photo id (or why not). */
  upload(blob: Blob, key: string): Promise<SendResult>;
  blobs: { get(key: string): Promise<Blob | undefined>; set(key: string, blob: Blob): Promise<void>; del(key: string): Promise<void> };
  /** Where the list survives a reload or a dead battery (localStorage in the browser). */
  save(items: OutboxItem[]): void;
  load(): OutboxItem[];
}

let counter = 0;
/** Unique enough for one phone: time, a counter and randomness (server keys are per user). */
export function newKey(prefix: string): string {
  counter = (counter + 1) % 1_000_000;
  const random = Math.random().toString(36).slice(2, 10);
  return `${prefix}-${Date.now().toString(36)}-${counter.toString(36)}-${random}`;
}

export class Outbox {
  items: OutboxItem[];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly ports: OutboxPorts,
    private readonly onSent: (item: OutboxItem, data: unknown) => void = () => {},
    private readonly onChange: (items: OutboxItem[]) => void = () => {},
  ) {
    this.items = ports.load();
  }

  /** Items still to be sent, oldest first (refused ones excluded). */
  get waiting(): OutboxItem[] {
    return this.items.filter((i) => !i.refused);
  }

  get refused(): OutboxItem[] {
    return this.items.filter((i) => i.refused);
  }

  async add(command: { path: string; body: Record<string, unknown>; label: string; photos?: Blob[] }, at = new Date()): Promise<OutboxItem> {
    const key = newKey('cmd');
    const photoKeys: string[] = [];
    for (const [i, blob] of (command.photos ?? []).entries()) {
      const photoKey = `${key}-p${i}`;
      await this.ports.blobs.set(photoKey, blob);
      photoKeys.push(photoKey);
    }
    const item: OutboxItem = { key, path: command.path, body: command.body, photoKeys, uploaded: {}, label: command.label, createdAt: at.toISOString() };
    this.items = [...this.items, item];
    this.persist();
    return item;
  }

  discard(key: string) {
    const item = this.items.find((i) => i.key === key);
    if (!item) return;
    for (const photoKey of item.photoKeys) void this.ports.blobs.del(photoKey);
    this.items = this.items.filter((i) => i.key !== key);
    this.persist();
  }

  /** Sends what waits, in order; one flush at a time (a second call joins the running one). */
  flush(): Promise<void> {
    this.flushing ??= this.run().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async run() {
    for (;;) {
      const item = this.waiting[0];
      if (!item) return;
      const result = await this.sendOne(item);
      if (result.kind === 'retry') return;
      if (result.kind === 'refused') {
        item.refused = { status: result.status, message: result.message, ...(result.field ? { field: result.field } : {}) };
        this.items = [...this.items];
        this.persist();
        continue;
      }
      for (const photoKey of item.photoKeys) await this.ports.blobs.del(photoKey);
      this.items = this.items.filter((i) => i.key !== item.key);
      this.persist();
      this.onSent(item, result.data);
    }
  }

  private async sendOne(item: OutboxItem): Promise<SendResult> {
    for (const photoKey of item.photoKeys) {
      if (item.uploaded[photoKey]) continue;
      const blob = await this.ports.blobs.get(photoKey);
      if (!blob) return { kind: 'refused', status: 0, message: 'photo lost on this device', field: 'photos' };
      const uploaded = await this.ports.upload(blob, photoKey);
      if (uploaded.kind !== 'ok') return uploaded;
      item.uploaded[photoKey] = (uploaded.data as { id: string }).id;
      this.persist();
    }
    const photos = item.photoKeys.map((k) => item.uploaded[k]);
    const body = photos.length ? { ...item.body, photos } : item.body;
    return this.ports.send(item.path, body, item.key);
  }

  private persist() {
    this.ports.save(this.items);
    this.onChange(this.items);
  }
}
