import type { WorkOrder, WorkOrderIntake } from '../shared/domain/work-order';
import { dayKey, startOfDayKey, addDaysToKey } from '../shared/time';
import { CATEGORY_CATALOG, CHANNEL_PHRASE, CHANNEL_WEIGHTS, DEPARTMENTS, GIVEN, SURNAMES, priorityFor, type CategoryEntry } from './catalog';
import { routeMissing, DAY, HOUR, MINUTE, type SimContext } from './context';
import { HOURLY_SHARE, hourlyRate } from './curve';
import { randomPlace } from './places';
import type { Rng } from './rng';

/**
 * Citizens and patrols report; seat agents file, dispatch, call back. Each order is one chain
 * of scheduled steps with human-shaped delays, and a small share of the mistakes the contract
 * scores: wrong dispatches (reassigned later), failed quality checks, missed callbacks, and orders
 * the citizen says are still unresolved at the callback, which the lead sends back (返工).
 */
interface Tracked {
  id: string;
  channel: string;
  version: number;
  entry: CategoryEntry;
  urgent: boolean;
  /** Sent back once already (返工): a second round ends with its callback. */
  reopened?: boolean;
}

type ActionBody = Record<string, unknown> & { action: string };

export class WorkOrderActor {
  private serial = 0;

  constructor(
    private readonly ctx: SimContext,
    private readonly rng: Rng,
  ) {}

  /** Plans every arrival of the local day that contains `from` (from `from` on), then the next day. */
  planDay(from: number): void {
    const { config, sched } = this.ctx;
    const key = dayKey(new Date(from), config.timeZone);
    const dayStart = startOfDayKey(key, config.timeZone).getTime();
    const nextDay = startOfDayKey(addDaysToKey(key, 1), config.timeZone).getTime();
    const total = this.rng.int(config.ordersPerDay.min, config.ordersPerDay.max);
    const times: number[] = [];
    const hours = HOURLY_SHARE.map((w, h) => [h, w] as const);
    for (let i = 0; i < total; i++) {
      const hour = this.rng.weighted(hours);
      times.push(dayStart + hour * HOUR + Math.floor(this.rng.next() * HOUR));
    }
    times.sort((a, b) => a - b);
    // A day that starts mid-way keeps only the rest of its arrivals (the count scales with it).
    for (const t of times) if (t >= from) sched.at(t, () => this.arrive());
    sched.at(nextDay, () => this.planDay(nextDay));
  }

  /**
   * Orders that came in during the `hours` before `now`, sent at once with their real arrival
   * time; seats pick them up over the next quarter of an hour and the normal chain follows.
   */
  async backfill(now: number, hours: number): Promise<void> {
    const { config } = this.ctx;
    const perDay = (config.ordersPerDay.min + config.ordersPerDay.max) / 2;
    const times: number[] = [];
    for (let t = Math.floor((now - hours * HOUR) / HOUR) * HOUR; t < now; t += HOUR) {
      const expected = hourlyRate(new Date(t), perDay, config.timeZone);
      for (let i = 0; i < Math.round(expected); i++) {
        const at = t + Math.floor(this.rng.next() * HOUR);
        if (at >= now - hours * HOUR && at < now) times.push(at);
      }
    }
    times.sort((a, b) => a - b);
    for (const at of times) await this.arrive(new Date(at).toISOString(), this.rng.between(0, 15) * MINUTE);
  }

  private intake(): WorkOrderIntake {
    const rng = this.rng;
    const channel = rng.weighted(CHANNEL_WEIGHTS);
    const entry = rng.weighted(CATEGORY_CATALOG.map((e) => [e, e.weight] as const));
    const place = randomPlace(rng);
    const problem = rng.pick(entry.problems);
    const spot = place.address.replace(/^克拉玛依区/, '');
    const citizen = channel === 'hotline_12345' || channel === 'wechat' || channel === 'app';
    this.serial++;
    return {
      channel,
      externalId: `${this.ctx.config.idPrefix}-${this.ctx.config.seed}-${this.serial}`,
      category: entry.category,
      title: `${spot}${entry.category.subClass}${problem}`.slice(0, 200),
      description: `${CHANNEL_PHRASE[channel]}：${place.address}${entry.category.subClass}${problem}，请尽快处理。`,
      location: { lat: place.lat, lng: place.lng, address: place.address, ...(place.gridCell ? { gridCell: place.gridCell } : {}) },
      ...(citizen
        ? { reporter: { name: `${rng.pick(SURNAMES)}${rng.pick(['先生', '女士'])}`, phone: `139${String(rng.int(0, 99_999_999)).padStart(8, '0')}` } }
        : { reporter: { name: `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}` } }),
      priority: priorityFor(entry, channel, rng.next()),
    };
  }

  private async arrive(receivedAt?: string, screenAfter?: number): Promise<void> {
    const intake = receivedAt ? { ...this.intake(), receivedAt } : this.intake();
    const result = await this.ctx.call('workOrder.create', this.ctx.api.post<WorkOrder>('/api/work-orders', intake));
    if (!result.ok) return;
    this.ctx.stats.ordersCreated++;
    const entry = CATEGORY_CATALOG.find((e) => e.category.subClass === intake.category.subClass)!;
    const order: Tracked = { id: result.data.id, channel: intake.channel, version: result.data.version, entry, urgent: intake.priority === 'urgent' };
    this.ctx.sched.after(screenAfter ?? this.delay(3, order), () => this.screen(order));
  }

  /** Minutes, log-normal around `median`; urgent orders move about three times faster. */
  private delay(medianMin: number, order: Tracked, spread = 0.6): number {
    const m = order.urgent ? medianMin / 3 : medianMin;
    return Math.max(10_000, this.rng.lognormal(m * MINUTE, spread));
  }

  private async screen(order: Tracked) {
    const { mistakes } = this.ctx.config;
    if (this.rng.chance(mistakes.rejected)) {
      await this.act(order, { action: 'reject', reason: this.rng.pick(['重复上报', '不属于受理范围', '信息不全无法核实']) });
      return;
    }
    if (!(await this.act(order, { action: 'file' }))) return;
    if (this.ctx.features.qualityCheck && this.rng.chance(0.2)) {
      this.ctx.sched.after(this.delay(90, order), () => this.qualityCheck(order));
    }
    if (order.channel === 'evaluator_report' && this.ctx.features.evaluatorVerification && this.rng.chance(0.5)) {
      this.ctx.sched.after(this.rng.lognormal(6 * HOUR, 0.6), () => this.verifyReport(order));
    }
    this.ctx.sched.after(this.delay(6, order), () => this.dispatch(order));
  }

  /** The Center checks half the evaluators' reports on site; now and then one was wrong (错报). */
  private async verifyReport(order: Tracked) {
    if (!this.ctx.features.evaluatorVerification) return;
    const correct = !this.rng.chance(this.ctx.config.mistakes.evaluatorWrong);
    const body = correct ? { correct } : { correct, note: '现场核实与上报不符' };
    const result = await this.ctx.call('evaluatorReport.verify', this.ctx.api.post(`/api/evaluator-reports/${order.id}/verify`, body));
    if (routeMissing(result)) {
      this.ctx.features.evaluatorVerification = false;
      this.ctx.log(`evaluator verification off: POST /api/evaluator-reports/:id/verify answered ${result.status}`);
    }
  }

  private async dispatch(order: Tracked) {
    const wrong = this.rng.chance(this.ctx.config.mistakes.wrongDispatch);
    const department = wrong ? this.otherDepartment(order.entry.department) : order.entry.department;
    if (!(await this.act(order, { action: 'dispatch', department }))) return;
    const { mistakes } = this.ctx.config;
    if (wrong) {
      // The department sends it back; the seat reassigns it to the right one.
      this.ctx.sched.after(this.delay(45, order), () => this.reassign(order));
    } else if (this.rng.chance(mistakes.difficult)) {
      this.ctx.sched.after(this.delay(240, order), () => this.sideTrack(order, 'mark-difficult', '涉及多部门职责，需协调', 3 * DAY));
    } else if (this.rng.chance(mistakes.suspend)) {
      this.ctx.sched.after(this.delay(120, order), () => this.sideTrack(order, 'suspend', '待天气好转后施工', DAY));
    } else {
      this.ctx.sched.after(this.delay(30, order), () => this.start(order));
    }
  }

  private async reassign(order: Tracked) {
    const ok = await this.act(order, { action: 'reassign', department: order.entry.department, wrongDispatch: true, reason: '非本单位职责' });
    if (ok) this.ctx.sched.after(this.delay(30, order), () => this.start(order));
  }

  private async sideTrack(order: Tracked, action: 'suspend' | 'mark-difficult', reason: string, medianMs: number) {
    if (!(await this.act(order, { action, reason }))) return;
    this.ctx.sched.after(this.rng.lognormal(medianMs, 0.4), async () => {
      if (await this.act(order, { action: 'resume' })) this.ctx.sched.after(this.delay(30, order), () => this.handle(order));
    });
  }

  private async start(order: Tracked) {
    if (!(await this.act(order, { action: 'start' }))) return;
    // Urgent: about an hour; normal: most within a day, a tail past the 3-working-day limit.
    const ms = order.urgent ? this.rng.lognormal(50 * MINUTE, 0.5) : this.rng.lognormal(18 * HOUR, 0.9);
    const deadline = order.urgent ? 2 * HOUR : 3 * DAY;
    // Past its limit and still open: the shift lead flags it (督办) a little after the deadline.
    const superviseAt = deadline + this.rng.between(10, 60) * MINUTE;
    if (superviseAt < ms) {
      this.ctx.sched.after(superviseAt, async () => {
        await this.act(order, { action: 'supervise', note: '超期督办' });
      });
    }
    this.ctx.sched.after(ms, () => this.handle(order));
  }

  private async handle(order: Tracked) {
    if (!(await this.act(order, { action: 'handle', result: '已处置完毕' }))) return;
    if (this.rng.chance(this.ctx.config.mistakes.missedCallback)) return; // nobody calls back
    this.ctx.sched.after(this.rng.lognormal(4 * HOUR, 0.7), () => this.callback(order));
  }

  private async callback(order: Tracked) {
    if (!(await this.act(order, { action: 'callback', note: '已电话回访' }))) return;
    if (!order.reopened && this.rng.chance(this.ctx.config.mistakes.reopened)) {
      this.ctx.sched.after(this.delay(30, order), () => this.reopen(order));
      return;
    }
    if (!this.rng.chance(0.85)) return;
    const satisfaction = this.rng.weighted([
      ['satisfied', 80],
      ['basically_satisfied', 15],
      ['dissatisfied', 5],
    ] as const);
    this.ctx.sched.after(this.rng.between(1, 5) * MINUTE, async () => {
      await this.act(order, { action: 'evaluate', satisfaction });
    });
  }

  /** The shift lead sends the order back to its department; it is handled and called back again. */
  private async reopen(order: Tracked) {
    if (!(await this.act(order, { action: 'reopen', reasonCode: 'not_resolved', note: '回访反映问题未解决' }))) return;
    order.reopened = true;
    this.ctx.sched.after(order.urgent ? this.rng.lognormal(50 * MINUTE, 0.5) : this.rng.lognormal(12 * HOUR, 0.8), () => this.handle(order));
  }

  private async qualityCheck(order: Tracked) {
    if (!this.ctx.features.qualityCheck) return;
    const passed = !this.rng.chance(this.ctx.config.mistakes.qualityFail);
    const body = passed ? { passed } : { passed, reason: this.rng.pick(['地址描述不准确', '问题描述不完整', '分类错误']) };
    const result = await this.ctx.call('workOrder.qualityCheck', this.ctx.api.post(`/api/work-orders/${order.id}/quality-check`, body));
    if (routeMissing(result)) {
      this.ctx.features.qualityCheck = false;
      this.ctx.log(`quality checks off: POST /api/work-orders/:id/quality-check answered ${result.status}`);
    }
  }

  private otherDepartment(right: string): string {
    return this.rng.pick(DEPARTMENTS.filter((d) => d !== right));
  }

  /**
   * Sends an action with the version we last saw. A stale version (someone at the board acted
   * on the order) is refreshed once; any other refusal ends this order's simulated life.
   */
  private async act(order: Tracked, body: ActionBody, retry = true): Promise<boolean> {
    const { api } = this.ctx;
    const result = await this.ctx.call(
      `workOrder.${body.action}`,
      api.post<WorkOrder>(`/api/work-orders/${order.id}/actions`, { ...body, expectedVersion: order.version }),
    );
    if (result.ok) {
      order.version = result.data.version;
      return true;
    }
    if (retry && result.error.code === 'stale_version' && result.error.currentVersion !== undefined) {
      order.version = result.error.currentVersion;
      return this.act(order, body, false);
    }
    return false;
  }
}
