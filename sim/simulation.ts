import type { ApiResult } from './api-client';
import { withOverrides, DEFAULT_SIM_CONFIG, type SimConfig } from './config';
import type { SimContext } from './context';
import { FaultActor } from './fault.actor';
import { IncidentActor } from './incident.actor';
import { Rng } from './rng';
import { Scheduler } from './scheduler';
import { StaffActor } from './staff.actor';
import { SimStats } from './stats';
import type { SimTarget } from './target';
import { WorkOrderActor } from './work-order.actor';

/**
 * One simulated center driving a GridOps server through its public API.
 * `run(untilMs)` advances simulated time to `untilMs` (Infinity: until aborted).
 */
export class Simulation {
  readonly config: SimConfig;
  readonly stats = new SimStats();
  readonly ctx: SimContext;
  private readonly sched: Scheduler;
  private started = false;

  constructor(
    readonly target: SimTarget,
    overrides: Partial<SimConfig> = {},
    base: SimConfig = DEFAULT_SIM_CONFIG,
    log: (message: string) => void = () => {},
  ) {
    this.config = withOverrides(base, overrides);
    this.sched = new Scheduler(target);
    const stats = this.stats;
    this.ctx = {
      api: target.api,
      sched: this.sched,
      config: this.config,
      stats,
      responders: [],
      features: { qualityCheck: true, evaluatorVerification: true, equipmentFaults: true },
      log,
      async call<T>(label: string, request: Promise<ApiResult<T>>) {
        let result: ApiResult<T>;
        try {
          result = await request;
        } catch (error) {
          // A dropped connection is one failed command, not the end of the simulation.
          result = { ok: false, status: 0, error: { code: 'network', message: String((error as Error).message ?? error) } };
        }
        if (result.ok) stats.record(label, true, result.status);
        else {
          stats.record(label, false, result.status, result.error.code, result.error.message);
          // The first few refusals of each command are worth a log line (an expired session, a
          // changed schema); after that the counts in the stats say enough.
          if ((stats.failed.get(label) ?? 0) <= 3) log(`${label} refused: ${result.status} ${result.error.code} ${result.error.message}`);
        }
        return result;
      },
    };
  }

  /** Hires the team and plans the first day; called by `run` on first use. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const root = new Rng(this.config.seed);
    const at = this.sched.now();
    const staff = new StaffActor(this.ctx, root.fork('staff'));
    await staff.hire();
    await staff.start(at);
    const orders = new WorkOrderActor(this.ctx, root.fork('orders'));
    if (this.config.warmStartHours > 0) await orders.backfill(at, this.config.warmStartHours);
    orders.planDay(at);
    new IncidentActor(this.ctx, root.fork('incidents')).start(at);
    new FaultActor(this.ctx, root.fork('faults')).start(at);
  }

  async run(untilMs: number, signal?: AbortSignal): Promise<void> {
    await this.start();
    await this.sched.runUntil(untilMs, signal);
  }

  /** Commands executed so far (scheduler tasks, each one or a few HTTP calls). */
  get tasksRun(): number {
    return this.sched.executed;
  }
}
