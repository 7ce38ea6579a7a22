import { DAY, HOUR, routeMissing, type SimContext } from './context';
import type { Rng } from './rng';

/**
 * Equipment faults at the center (a seat's phone, the video wall, a vehicle), most repaired
 * within the contract's 8 hours, a few later. The route belongs to the score issue; until the
 * server has it the first answer switches this actor off.
 */
const EQUIPMENT = ['坐席电话', '视频监控大屏', '应急车辆', '对讲机', '坐席电脑', '网络专线'];

export class FaultActor {
  constructor(
    private readonly ctx: SimContext,
    private readonly rng: Rng,
  ) {}

  start(at: number): void {
    this.scheduleNext(at);
  }

  private scheduleNext(from: number) {
    const meanMs = (7 * DAY) / Math.max(this.ctx.config.faultsPerWeek, 0.001);
    this.ctx.sched.at(from + this.rng.exponential(meanMs), async () => {
      if (!this.ctx.features.equipmentFaults) return;
      await this.report();
      this.scheduleNext(this.ctx.sched.now());
    });
  }

  private async report() {
    const equipment = this.rng.pick(EQUIPMENT);
    const result = await this.ctx.call(
      'equipment.fault',
      this.ctx.api.post<{ id: string; version: number }>('/api/equipment-faults', { equipment, description: `${equipment}故障，影响正常工作` }),
    );
    if (routeMissing(result)) {
      this.ctx.features.equipmentFaults = false;
      this.ctx.log(`equipment faults off: POST /api/equipment-faults answered ${result.status}`);
      return;
    }
    if (!result.ok) return;
    const { id, version } = result.data;
    const repairMs = this.rng.chance(0.9) ? this.rng.between(0.5, 7.5) * HOUR : this.rng.between(8.5, 20) * HOUR;
    this.ctx.sched.after(repairMs, async () => {
      await this.ctx.call('equipment.repair', this.ctx.api.post(`/api/equipment-faults/${id}/repair`, { expectedVersion: version }));
    });
  }
}
