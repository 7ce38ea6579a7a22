/** Counts of what the simulator sent and how the server answered. */
export class SimStats {
  readonly sent = new Map<string, number>();
  readonly failed = new Map<string, number>();
  readonly failures: { label: string; status: number; code: string; message: string }[] = [];
  ordersCreated = 0;
  incidentsOpened = 0;
  positionsPosted = 0;

  record(label: string, ok: boolean, status: number, code = '', message = '') {
    this.sent.set(label, (this.sent.get(label) ?? 0) + 1);
    if (ok) return;
    this.failed.set(label, (this.failed.get(label) ?? 0) + 1);
    // Keep a few examples, not a million lines.
    if (this.failures.length < 50) this.failures.push({ label, status, code, message });
  }

  get totalSent(): number {
    let n = 0;
    for (const v of this.sent.values()) n += v;
    return n;
  }

  get totalFailed(): number {
    let n = 0;
    for (const v of this.failed.values()) n += v;
    return n;
  }

  summary(): Record<string, unknown> {
    return {
      sent: this.totalSent,
      failed: this.totalFailed,
      ordersCreated: this.ordersCreated,
      incidentsOpened: this.incidentsOpened,
      positionsPosted: this.positionsPosted,
      byCommand: Object.fromEntries(this.sent),
      failedByCommand: Object.fromEntries(this.failed),
    };
  }
}
