import type { Category } from './category';
import { COMPONENT_CLASSES, EVENT_CLASSES } from './category';
import { CATEGORY_CODE_ROWS } from './category-codes.data';

/**
 * The national 部件/事件 category code table, tied to `categorySchema`: every 小类 entry names
 * the `kind` and `class` a work order's category uses, and its zh-CN name is the `subClass`
 * string. The rows live in `category-codes.data.ts` (generated initials); this file holds the
 * 大类 table and the lookups (by code, by category, and search for pickers).
 */

export type CategoryKind = Category['kind'];
export type ComponentClass = (typeof COMPONENT_CLASSES)[number];
export type EventClass = (typeof EVENT_CLASSES)[number];

export interface CategoryCodeRow {
  kind: CategoryKind;
  class: ComponentClass | EventClass;
  /** 4 digits: 2-digit 大类 code + 2-digit 小类 code. Unique within a kind, not across kinds. */
  code: string;
  nameZh: string;
  nameEn: string;
  /** Lower-case pinyin initials of `nameZh` (Chinese characters only), e.g. 暴露垃圾 → "bllj". */
  initials: string;
  /** Not in the national table: a local catch-all or extension class. */
  local: boolean;
}

export interface CategoryCodeEntry extends CategoryCodeRow {
  /** Unique across kinds: "BJ" (部件) or "SJ" (事件) + `code`. Open311's `service_code`. */
  serviceCode: string;
  /** The 2-digit 大类 code. */
  classCode: string;
}

export interface CategoryClassEntry {
  kind: CategoryKind;
  class: ComponentClass | EventClass;
  code: string;
  nameZh: string;
  nameEn: string;
  local: boolean;
}

/** The 大类 of each kind, with their codes. Event class 21 is the local extension class. */
export const CATEGORY_CLASS_CODES: readonly CategoryClassEntry[] = [
  { kind: 'component', class: 'public_facilities', code: '01', nameZh: '公用设施', nameEn: 'Public facilities', local: false },
  { kind: 'component', class: 'road_traffic', code: '02', nameZh: '道路交通', nameEn: 'Roads and traffic', local: false },
  { kind: 'component', class: 'city_appearance', code: '03', nameZh: '市容环境', nameEn: 'City appearance', local: false },
  { kind: 'component', class: 'greenery', code: '04', nameZh: '园林绿化', nameEn: 'Parks and greenery', local: false },
  { kind: 'component', class: 'housing_land', code: '05', nameZh: '房屋土地', nameEn: 'Buildings and land', local: false },
  { kind: 'component', class: 'other_facilities', code: '06', nameZh: '其他设施', nameEn: 'Other facilities', local: false },
  { kind: 'event', class: 'city_appearance', code: '01', nameZh: '市容环境', nameEn: 'City appearance', local: false },
  { kind: 'event', class: 'advertising', code: '02', nameZh: '宣传广告', nameEn: 'Advertising', local: false },
  { kind: 'event', class: 'construction', code: '03', nameZh: '施工管理', nameEn: 'Construction', local: false },
  { kind: 'event', class: 'emergency', code: '04', nameZh: '突发事件', nameEn: 'Emergencies', local: false },
  { kind: 'event', class: 'street_order', code: '05', nameZh: '街面秩序', nameEn: 'Street order', local: false },
  { kind: 'event', class: 'other', code: '21', nameZh: '扩展事件', nameEn: 'Other events', local: true },
];

const KIND_PREFIX: Record<CategoryKind, string> = { component: 'BJ', event: 'SJ' };

export const CATEGORY_CODES: readonly CategoryCodeEntry[] = CATEGORY_CODE_ROWS.map((row) => ({
  ...row,
  serviceCode: KIND_PREFIX[row.kind] + row.code,
  classCode: row.code.slice(0, 2),
}));

const byServiceCode = new Map(CATEGORY_CODES.map((e) => [e.serviceCode, e]));
const byCategory = new Map(CATEGORY_CODES.map((e) => [`${e.kind}/${e.class}/${e.nameZh}`, e]));

/** The 大类 entry of a kind and class (every class of `categorySchema` has one). */
export function categoryClassEntry(kind: CategoryKind, cls: string): CategoryClassEntry | undefined {
  return CATEGORY_CLASS_CODES.find((c) => c.kind === kind && c.class === cls);
}

/**
 * Look an entry up by its service code ("BJ0101", "SJ0102"), case-insensitive; a bare 4-digit
 * code needs its kind, because 部件 and 事件 reuse the same numbers.
 */
export function categoryCodeEntry(code: string, kind?: CategoryKind): CategoryCodeEntry | undefined {
  const c = code.trim().toUpperCase();
  if (/^\d{4}$/.test(c)) return kind ? byServiceCode.get(KIND_PREFIX[kind] + c) : undefined;
  return byServiceCode.get(c);
}

/** The work-order category an entry stands for (its zh-CN name is the subClass). */
export function categoryOfEntry(entry: CategoryCodeEntry): Category {
  return { kind: entry.kind, class: entry.class, subClass: entry.nameZh } as Category;
}

/** The table entry a category names, if its subClass is one of the national 小类 names. */
export function categoryCodeOf(category: Category): CategoryCodeEntry | undefined {
  return byCategory.get(`${category.kind}/${category.class}/${category.subClass.trim()}`);
}

/** The local catch-all (小类 99) of a class: where a category with an unlisted subClass belongs. */
export function catchAllEntry(kind: CategoryKind, cls: string): CategoryCodeEntry | undefined {
  return CATEGORY_CODES.find((e) => e.kind === kind && e.class === cls && e.code.endsWith('99'));
}

export interface CategorySearchOptions {
  kind?: CategoryKind;
  limit?: number;
}

/**
 * Search for a picker: a code prefix ("0101", "bj01"), Chinese text ("井盖"), pinyin initials
 * ("jg" finds 井盖 entries; "ssjg" finds 上水井盖) or English words. Best matches first:
 * exact code, then prefix matches, then matches inside the name; table order breaks ties.
 */
export function searchCategoryCodes(query: string, options: CategorySearchOptions = {}): CategoryCodeEntry[] {
  const q = query.trim().toLowerCase();
  const pool = options.kind ? CATEGORY_CODES.filter((e) => e.kind === options.kind) : CATEGORY_CODES;
  if (!q) return pool.slice(0, options.limit ?? pool.length);
  const letters = /^[a-z]+$/.test(q);
  const scored: { entry: CategoryCodeEntry; rank: number; index: number }[] = [];
  pool.forEach((entry, index) => {
    const rank = matchRank(entry, q, letters);
    if (rank !== undefined) scored.push({ entry, rank, index });
  });
  scored.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return scored.slice(0, options.limit ?? scored.length).map((s) => s.entry);
}

function matchRank(e: CategoryCodeEntry, q: string, letters: boolean): number | undefined {
  if (e.code === q || e.serviceCode.toLowerCase() === q) return 0;
  if (e.code.startsWith(q) || e.serviceCode.toLowerCase().startsWith(q)) return 1;
  if (e.nameZh.startsWith(q)) return 2;
  if (letters && e.initials.startsWith(q)) return 2;
  if (e.nameZh.includes(q)) return 3;
  if (letters && e.initials.includes(q)) return 4;
  if (e.nameEn.toLowerCase().includes(q)) return 5;
  return undefined;
}
