import type { Category } from '../shared/domain/category';
import type { Channel, Priority } from '../shared/domain/work-order';
import type { IncidentKind } from '../shared/domain/incident';

/**
 * What the simulated city reports: sub-classes of the national digital urban-management
 * classification (部件 / 事件) with the problems people describe, the department each goes to,
 * and how often it comes up. Weights are a plausible mix, not measured figures.
 */
export interface CategoryEntry {
  category: Category;
  /** Problems as a reporter would phrase them ("井盖缺失"). */
  problems: readonly string[];
  department: string;
  weight: number;
  /** Share of these orders that are urgent. */
  urgentShare: number;
}

const c = (
  kind: Category['kind'],
  cls: string,
  subClass: string,
  problems: string[],
  department: string,
  weight: number,
  urgentShare = 0.03,
): CategoryEntry => ({ category: { kind, class: cls, subClass } as Category, problems, department, weight, urgentShare });

export const CATEGORY_CATALOG: readonly CategoryEntry[] = [
  c('component', 'public_facilities', '井盖', ['缺失', '破损', '移位', '异响'], '市政设施管理所', 6, 0.25),
  c('component', 'public_facilities', '雨水箅子', ['堵塞', '破损', '缺失'], '市政设施管理所', 3),
  c('component', 'public_facilities', '路灯', ['不亮', '白天常亮', '灯杆倾斜', '灯罩破损'], '市政设施管理所', 7),
  c('component', 'public_facilities', '消防栓', ['漏水', '破损'], '消防救援大队', 1, 0.2),
  c('component', 'public_facilities', '供热管道', ['漏气', '保温层破损'], '热力公司', 2, 0.15),
  c('component', 'road_traffic', '交通信号灯', ['故障', '不亮', '时长不合理'], '交警大队', 3, 0.1),
  c('component', 'road_traffic', '交通护栏', ['倒伏', '破损'], '交警大队', 2),
  c('component', 'road_traffic', '公交站亭', ['玻璃破碎', '座椅损坏'], '公交公司', 1),
  c('component', 'road_traffic', '道路', ['坑洼', '破损', '裂缝'], '市政设施管理所', 5),
  c('component', 'city_appearance', '垃圾箱', ['破损', '满溢', '缺失'], '环卫处', 5),
  c('component', 'city_appearance', '公共厕所', ['脏乱', '设施损坏', '未开放'], '环卫处', 2),
  c('component', 'greenery', '行道树', ['枯死', '倾斜', '枝杈遮挡'], '园林绿化中心', 4),
  c('component', 'greenery', '绿地', ['缺水枯黄', '设施损坏'], '园林绿化中心', 2),
  c('component', 'housing_land', '宣传栏', ['破损', '内容过期'], '街道办事处', 1),
  c('component', 'other_facilities', '健身设施', ['损坏', '螺丝松动'], '文体旅游局', 1),
  c('event', 'city_appearance', '暴露垃圾', ['堆积', '无人清运'], '环卫处', 8),
  c('event', 'city_appearance', '道路不洁', ['油污', '泥土覆盖'], '环卫处', 4),
  c('event', 'city_appearance', '私搭乱建', ['占用绿地', '搭建彩钢房'], '城管执法局', 3),
  c('event', 'city_appearance', '积雪结冰', ['未清理', '路面结冰'], '环卫处', 3, 0.2),
  c('event', 'advertising', '非法小广告', ['张贴', '喷涂'], '城管执法局', 4),
  c('event', 'advertising', '广告牌匾', ['破损', '存在坠落隐患'], '城管执法局', 2, 0.2),
  c('event', 'construction', '施工扰民', ['夜间施工', '噪音大'], '住建局', 3),
  c('event', 'construction', '工地扬尘', ['未覆盖', '扬尘严重'], '住建局', 2),
  c('event', 'construction', '道路遗撒', ['渣土遗撒', '泥浆'], '城管执法局', 2),
  c('event', 'street_order', '占道经营', ['流动摊贩', '店外摆摊'], '城管执法局', 6),
  c('event', 'street_order', '机动车乱停放', ['占用人行道', '堵塞消防通道'], '交警大队', 6),
  c('event', 'street_order', '非机动车乱停放', ['共享单车堆放'], '城管执法局', 3),
  c('event', 'emergency', '管道爆裂', ['自来水外溢'], '水务集团', 1, 0.8),
  c('event', 'emergency', '道路积水', ['积水严重'], '市政设施管理所', 1, 0.6),
  c('event', 'other', '噪声扰民', ['商铺外放音乐', '广场舞音量大'], '生态环境局', 3),
  c('event', 'other', '供暖不热', ['室温不达标', '暖气不热'], '热力公司', 3),
];

/** Every department an order can go to: a wrong dispatch picks one that is not the right one. */
export const DEPARTMENTS: readonly string[] = [...new Set(CATEGORY_CATALOG.map((e) => e.department))];

export const CHANNEL_WEIGHTS: readonly (readonly [Channel, number])[] = [
  ['hotline_12345', 34],
  ['grid_patrol', 20],
  ['wechat', 12],
  ['video_patrol', 10],
  ['app', 9],
  ['evaluator_report', 8],
  ['inspection', 5],
  ['leader', 2],
];

/** Leader-supervised orders are urgent far more often than the category alone says. */
export function priorityFor(entry: CategoryEntry, channel: Channel, draw: number): Priority {
  const share = channel === 'leader' ? Math.max(0.5, entry.urgentShare) : entry.urgentShare;
  return draw < share ? 'urgent' : 'normal';
}

/** How a channel phrases the source of an order in its description. */
export const CHANNEL_PHRASE: Record<Channel, string> = {
  hotline_12345: '市民来电反映',
  video_patrol: '视频巡查发现',
  grid_patrol: '网格员巡查发现',
  evaluator_report: '测评员上报',
  inspection: '专项检查发现',
  leader: '领导交办',
  wechat: '市民通过微信小程序反映',
  app: '市民通过APP反映',
};

export interface IncidentEntry {
  kind: IncidentKind;
  title: string;
  weight: number;
}

export const INCIDENT_CATALOG: readonly IncidentEntry[] = [
  { kind: 'waterlogging', title: '道路积水严重', weight: 3 },
  { kind: 'manhole', title: '井盖缺失存在安全隐患', weight: 3 },
  { kind: 'fallen_tree', title: '大风致树木倒伏', weight: 2 },
  { kind: 'pipe_burst', title: '自来水管道爆裂', weight: 2 },
  { kind: 'road_damage', title: '路面塌陷', weight: 1 },
  { kind: 'gas_leak', title: '疑似燃气泄漏', weight: 1 },
  { kind: 'fire', title: '垃圾箱起火', weight: 1 },
  { kind: 'other', title: '广告牌松动有坠落风险', weight: 1 },
];

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '马', '赵', '阿', '艾', '买', '古'];
export const GIVEN = ['伟', '芳', '娜', '军', '磊', '静', '强', '丽', '江', '燕', '提', '尔', '丹', '洋'];
