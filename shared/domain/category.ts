import { z } from 'zod';

/**
 * Two-level category from the national digital urban-management classification:
 * 部件 (components: things) and 事件 (events: happenings), each with its classes.
 */
export const COMPONENT_CLASSES = [
  'public_facilities', // 公用设施
  'road_traffic', // 道路交通
  'city_appearance', // 市容环境
  'greenery', // 园林绿化
  'housing_land', // 房屋土地
  'other_facilities', // 其他设施
] as const;

export const EVENT_CLASSES = [
  'city_appearance', // 市容环境
  'advertising', // 宣传广告
  'construction', // 施工管理
  'street_order', // 街面秩序
  'emergency', // 突发事件
  'other', // 其他
] as const;

export const categorySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('component'), class: z.enum(COMPONENT_CLASSES), subClass: z.string().trim().min(1).max(60) }),
  z.strictObject({ kind: z.literal('event'), class: z.enum(EVENT_CLASSES), subClass: z.string().trim().min(1).max(60) }),
]);
export type Category = z.infer<typeof categorySchema>;

export const categoryKey = (c: Category) => `${c.kind}/${c.class}`;
