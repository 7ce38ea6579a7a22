import type { Incident } from '../shared/domain/incident';
import { distanceKm } from '../shared/geo/distance';
import { INCIDENT_CATALOG } from './catalog';
import { DAY, MINUTE, type ResponderState, type SimContext } from './context';
import { randomPlace } from './places';
import type { Rng } from './rng';
import { postPosition } from './staff.actor';

/**
 * Emergencies every few hours: the shift lead dispatches the nearest free responder, who drives
 * a straight line at 30–50 km/h posting positions, arrives, sends the first report (首报),
 * maybe a follow-up (续报), closes (结案), then drives back to base. Idle responders on duty
 * post a position now and then so the map shows them alive.
 */
interface Tracked {
  id: string;
  version: number;
  lat: number;
  lng: number;
  title: string;
}

export class IncidentActor {
  constructor(
    private readonly ctx: SimContext,
    private readonly rng: Rng,
  ) {}

  start(at: number): void {
    this.scheduleNext(at);
    this.ctx.sched.at(at + this.ctx.config.idlePingMin * MINUTE, () => this.idlePing());
  }

  private scheduleNext(from: number) {
    const meanMs = DAY / Math.max(this.ctx.config.incidentsPerDay, 0.001);
    this.ctx.sched.at(from + this.rng.exponential(meanMs), async () => {
      await this.open();
      this.scheduleNext(this.ctx.sched.now());
    });
  }

  private async open() {
    const entry = this.rng.weighted(INCIDENT_CATALOG.map((e) => [e, e.weight] as const));
    // Nearly all in town; the rare one out in the district is the one that arrives late.
    const place = randomPlace(this.rng, 0.98);
    const severity = this.rng.weighted([
      ['minor', 3],
      ['major', 5],
      ['critical', 1],
    ] as const);
    const result = await this.ctx.call(
      'incident.create',
      this.ctx.api.post<Incident>('/api/incidents', {
        kind: entry.kind,
        title: `${place.address.replace(/^克拉玛依区/, '')}${entry.title}`.slice(0, 200),
        location: { lat: place.lat, lng: place.lng, address: place.address, ...(place.gridCell ? { gridCell: place.gridCell } : {}) },
        severity,
      }),
    );
    if (!result.ok) return;
    this.ctx.stats.incidentsOpened++;
    const incident: Tracked = { id: result.data.id, version: result.data.version, lat: place.lat, lng: place.lng, title: entry.title };
    this.ctx.sched.after(this.rng.lognormal(2 * MINUTE, 0.4), () => this.dispatch(incident, 0));
  }

  private async dispatch(incident: Tracked, attempt: number) {
    const free = this.ctx.responders.filter((r) => r.onDuty && !r.busy);
    if (!free.length) {
      // Everyone is out: the lead tries again in a few minutes (for up to two hours).
      if (attempt < 40) this.ctx.sched.after(3 * MINUTE, () => this.dispatch(incident, attempt + 1));
      return;
    }
    const responder = free.reduce((best, r) => (distanceKm(r, incident) < distanceKm(best, incident) ? r : best));
    responder.busy = true;
    const ok = await this.act(incident, { action: 'dispatch', responderId: responder.id });
    if (!ok) {
      responder.busy = false;
      return;
    }
    const kmh = this.rng.between(30, 50);
    this.drive(responder, incident, kmh, async () => {
      if (!(await this.act(incident, { action: 'arrive' }))) return this.release(responder);
      this.ctx.sched.after(this.rng.lognormal(3 * MINUTE, 0.4), () => this.reportAndClose(incident, responder));
    });
  }

  private async reportAndClose(incident: Tracked, responder: ResponderState) {
    await this.act(incident, { action: 'report', kind: 'first', text: `已到达现场，${incident.title}，正在设置警戒并联系责任单位。` });
    // Half the incidents need a follow-up (续报) before the closure; the closure always comes last.
    const followUpAfter = this.rng.chance(0.5) ? this.rng.lognormal(20 * MINUTE, 0.5) : null;
    const closeAfter = (followUpAfter ?? 0) + this.rng.lognormal(30 * MINUTE, 0.5);
    if (followUpAfter !== null) {
      this.ctx.sched.after(followUpAfter, async () => {
        await this.act(incident, { action: 'report', kind: 'follow-up', text: '责任单位已到场处置，现场秩序正常。' });
      });
    }
    this.ctx.sched.after(closeAfter, async () => {
      await this.act(incident, { action: 'close', text: '处置完毕，现场已恢复。' });
      this.drive(responder, responder.base, this.rng.between(30, 45), () => this.release(responder));
    });
  }

  private release(responder: ResponderState) {
    responder.busy = false;
  }

  /** Moves the responder in a straight line, posting positions, and calls `onArrival` at the end. */
  private drive(r: ResponderState, to: { lat: number; lng: number }, kmh: number, onArrival: () => Promise<void> | void) {
    const stepMs = this.ctx.config.positionEverySec * 1000;
    const from = { lat: r.lat, lng: r.lng };
    // Whole milliseconds, and "arrived" within 1 ms of the end: float rounding must not leave a
    // responder forever a hair short of the site.
    const totalMs = Math.round((distanceKm(from, to) / kmh) * 3_600_000);
    const startAt = this.ctx.sched.now();
    const step = async () => {
      const elapsed = this.ctx.sched.now() - startAt;
      const f = elapsed >= totalMs - 1 ? 1 : elapsed / totalMs;
      r.lat = from.lat + (to.lat - from.lat) * f;
      r.lng = from.lng + (to.lng - from.lng) * f;
      await postPosition(this.ctx, r);
      if (f >= 1) return onArrival();
      this.ctx.sched.at(Math.min(startAt + totalMs, this.ctx.sched.now() + stepMs), step);
    };
    this.ctx.sched.after(0, step);
  }

  private idlePing() {
    for (const r of this.ctx.responders) {
      if (!r.onDuty || r.busy) continue;
      // Parked near base: a few metres of GPS jitter.
      r.lat = r.base.lat + this.rng.between(-0.0002, 0.0002);
      r.lng = r.base.lng + this.rng.between(-0.0002, 0.0002);
      this.ctx.sched.after(0, () => postPosition(this.ctx, r));
    }
    this.ctx.sched.after(this.ctx.config.idlePingMin * MINUTE, () => this.idlePing());
  }

  private async act(incident: Tracked, body: Record<string, unknown>, retry = true): Promise<boolean> {
    const result = await this.ctx.call(
      `incident.${String(body.action)}`,
      this.ctx.api.post<Incident>(`/api/incidents/${incident.id}/actions`, { ...body, expectedVersion: incident.version }),
    );
    if (result.ok) {
      incident.version = result.data.version;
      return true;
    }
    if (retry && result.error.code === 'stale_version' && result.error.currentVersion !== undefined) {
      incident.version = result.error.currentVersion;
      return this.act(incident, body, false);
    }
    return false;
  }
}
