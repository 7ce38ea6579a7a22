import type { CommandContext } from '../commands/context';
import { actOnIncident, openIncident } from '../board/incident.commands';
import { addStaff, reportPosition } from '../board/staff.commands';
import { actOnWorkOrder, receiveWorkOrder } from '../board/work-order.commands';
import { seedDemoRoster } from '../roster/demo-roster';
import type { Actor } from '../../shared/roles';
import type { WorkOrderIntake } from '../../shared/domain/work-order';

const SEEDER: Actor = { id: 'demo-seed', role: 'admin' };

/** Karamay district centre (WGS-84): the demo's people and places are around it. */
export const KARAMAY = { lat: 45.5954, lng: 84.8731 };

const SEATS = ['王芳', '李娜', '张伟', '刘洋', '陈静', '杨磊', '赵敏', '黄婷', '周杰', '吴倩', '徐涛', '孙悦', '马丽', '朱琳', '胡斌', '郭颖', '何晴'];
const RESPONDERS = ['艾力', '买买提', '阿不都', '张强'];
const EVALUATORS = ['古丽', '罗军', '林霞'];

const ORDERS: Array<Pick<WorkOrderIntake, 'channel' | 'category' | 'title'> & { address: string; dLat: number; dLng: number; steps: string[] }> = [
  {
    channel: 'hotline_12345',
    category: { kind: 'component', class: 'public_facilities', subClass: '井盖破损' },
    title: '井盖破损',
    address: '天山路 58 号',
    dLat: 0.004,
    dLng: 0.006,
    steps: ['file', 'dispatch'],
  },
  {
    channel: 'grid_patrol',
    category: { kind: 'event', class: 'city_appearance', subClass: '暴露垃圾' },
    title: '暴露垃圾未清运',
    address: '准噶尔路 12 号',
    dLat: -0.006,
    dLng: 0.01,
    steps: ['file'],
  },
  {
    channel: 'video_patrol',
    category: { kind: 'event', class: 'street_order', subClass: '占道经营' },
    title: '占道经营',
    address: '友谊路 33 号',
    dLat: 0.011,
    dLng: -0.004,
    steps: [],
  },
  {
    channel: 'wechat',
    category: { kind: 'component', class: 'road_traffic', subClass: '路灯不亮' },
    title: '路灯不亮',
    address: '迎宾路 101 号',
    dLat: -0.012,
    dLng: -0.015,
    steps: ['file', 'dispatch', 'start'],
  },
  {
    channel: 'app',
    category: { kind: 'component', class: 'greenery', subClass: '绿地破坏' },
    title: '绿化带损毁',
    address: '世纪大道 7 号',
    dLat: 0.02,
    dLng: 0.02,
    steps: ['file', 'dispatch', 'start', 'handle', 'callback'],
  },
  {
    channel: 'evaluator_report',
    category: { kind: 'event', class: 'advertising', subClass: '非法小广告' },
    title: '非法小广告',
    address: '昆仑路 46 号',
    dLat: 0.003,
    dLng: -0.02,
    steps: ['file', 'dispatch'],
  },
  {
    channel: 'inspection',
    category: { kind: 'event', class: 'construction', subClass: '施工扰民' },
    title: '夜间施工扰民',
    address: '胜利路 88 号',
    dLat: -0.018,
    dLng: 0.004,
    steps: ['file', 'dispatch', 'start'],
  },
  {
    channel: 'leader',
    category: { kind: 'component', class: 'public_facilities', subClass: '供水管道' },
    title: '供水管道渗漏',
    address: '银河路 19 号',
    dLat: 0.015,
    dLng: 0.03,
    steps: ['file'],
  },
];

const DEPARTMENT = '克拉玛依区城市管理局';

/** A small, believable center at work: staff, responders on the map, open orders and incidents. */
export async function seedDemo(ctx: CommandContext): Promise<void> {
  if ((await ctx.store.lastSeq()) > 0) return;
  const add = (id: string, name: string, post: 'seat' | 'responder' | 'evaluator', onDuty: boolean) => addStaff(ctx, { id, name, post, onDuty }, SEEDER);
  for (const [i, name] of SEATS.entries()) await add(`SEAT-${String(i + 1).padStart(2, '0')}`, name, 'seat', i < 6);
  for (const [i, name] of EVALUATORS.entries()) await add(`EVA-${i + 1}`, name, 'evaluator', true);
  for (const [i, name] of RESPONDERS.entries()) {
    const id = `RESP-${i + 1}`;
    await add(id, name, 'responder', i < 2);
    await reportPosition(ctx, id, { lat: KARAMAY.lat + 0.01 * (i - 1.5), lng: KARAMAY.lng + 0.015 * (i % 2 ? 1 : -1) }, () => {});
  }
  for (const [i, o] of ORDERS.entries()) {
    const { workOrder } = await receiveWorkOrder(
      ctx,
      {
        channel: o.channel,
        externalId: `demo-${i + 1}`,
        category: o.category,
        title: o.title,
        description: `${o.address}附近${o.title}，请尽快处理。`,
        location: { lat: KARAMAY.lat + o.dLat, lng: KARAMAY.lng + o.dLng, address: o.address },
        reporter: { name: '市民', phone: `1389990${String(1000 + i)}` },
        priority: i % 4 === 0 ? 'urgent' : 'normal',
      },
      SEEDER,
    );
    let version = workOrder.version;
    for (const action of o.steps) {
      const next = await actOnWorkOrder(
        ctx,
        workOrder.id,
        { action, expectedVersion: version, ...(action === 'dispatch' ? { department: DEPARTMENT } : {}) },
        SEEDER,
      );
      version = next.version;
    }
  }
  const flood = await openIncident(
    ctx,
    {
      kind: 'waterlogging',
      title: '路面积水',
      severity: 'major',
      location: { lat: KARAMAY.lat + 0.02, lng: KARAMAY.lng + 0.01, address: '天山路与准噶尔路交叉口' },
    },
    SEEDER,
  );
  await actOnIncident(ctx, flood.id, { action: 'dispatch', expectedVersion: flood.version, responderId: 'RESP-1' }, SEEDER);
  await openIncident(
    ctx,
    { kind: 'fallen_tree', title: '树木倒伏', severity: 'minor', location: { lat: KARAMAY.lat - 0.03, lng: KARAMAY.lng + 0.04, address: '迎宾路' } },
    SEEDER,
  );
  await seedDemoRoster(ctx);
}
