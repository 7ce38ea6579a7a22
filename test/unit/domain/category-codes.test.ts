import { describe, expect, it } from 'vitest';
import { categorySchema, COMPONENT_CLASSES, EVENT_CLASSES } from '../../../shared/domain/category';
import {
  CATEGORY_CLASS_CODES,
  CATEGORY_CODES,
  catchAllEntry,
  categoryClassEntry,
  categoryCodeEntry,
  categoryCodeOf,
  categoryOfEntry,
  searchCategoryCodes,
} from '../../../shared/domain/category-codes';
import { pinyinInitials } from '../../../scripts/category-initials';

describe('national category code table', () => {
  it('every entry is a valid work-order category, under its class code', () => {
    for (const e of CATEGORY_CODES) {
      expect(categorySchema.safeParse(categoryOfEntry(e)).success, e.serviceCode).toBe(true);
      expect(e.code).toMatch(/^\d{4}$/);
      expect(categoryClassEntry(e.kind, e.class)?.code, e.serviceCode).toBe(e.classCode);
    }
  });

  it('service codes are unique, and each (kind, class, name) names one entry', () => {
    expect(new Set(CATEGORY_CODES.map((e) => e.serviceCode)).size).toBe(CATEGORY_CODES.length);
    expect(new Set(CATEGORY_CODES.map((e) => `${e.kind}/${e.class}/${e.nameZh}`)).size).toBe(CATEGORY_CODES.length);
  });

  it('every class of categorySchema has a 大类 code and a catch-all', () => {
    for (const cls of COMPONENT_CLASSES) {
      expect(categoryClassEntry('component', cls)).toBeDefined();
      expect(catchAllEntry('component', cls)?.local).toBe(true);
    }
    for (const cls of EVENT_CLASSES) {
      expect(categoryClassEntry('event', cls)).toBeDefined();
      expect(catchAllEntry('event', cls)?.local).toBe(true);
    }
    expect(CATEGORY_CLASS_CODES).toHaveLength(COMPONENT_CLASSES.length + EVENT_CLASSES.length);
  });

  it('carries the standard codes for well-known 小类', () => {
    expect(categoryCodeEntry('BJ0101')?.nameZh).toBe('上水井盖');
    expect(categoryCodeEntry('bj0104')?.nameZh).toBe('雨水箅子');
    expect(categoryCodeEntry('0102', 'event')?.nameZh).toBe('暴露垃圾');
    expect(categoryCodeEntry('0505', 'event')?.nameZh).toBe('机动车乱停放');
    expect(categoryCodeEntry('0401', 'component')?.nameZh).toBe('古树名木');
    // A bare code is ambiguous between 部件 and 事件.
    expect(categoryCodeEntry('0101')).toBeUndefined();
    expect(categoryCodeEntry('XX9999')).toBeUndefined();
  });

  it('maps a category back to its entry by its subClass name', () => {
    const e = categoryCodeOf({ kind: 'event', class: 'city_appearance', subClass: ' 暴露垃圾 ' });
    expect(e?.serviceCode).toBe('SJ0102');
    expect(categoryCodeOf({ kind: 'event', class: 'street_order', subClass: '暴露垃圾' })).toBeUndefined();
  });

  it('stored initials match the Chinese names (run scripts/gen-category-initials.ts after editing)', () => {
    const stale = CATEGORY_CODES.filter((e) => e.initials !== pinyinInitials(e.nameZh)).map((e) => `${e.serviceCode} ${e.nameZh} ${e.initials}`);
    expect(stale).toEqual([]);
    expect(categoryCodeEntry('BJ0402')?.initials).toBe('xds'); // 行道树: xíng, not háng
  });
});

describe('category search (for pickers)', () => {
  const codes = (q: string, kind?: 'component' | 'event') => searchCategoryCodes(q, { kind }).map((e) => e.serviceCode);

  it('finds by pinyin initials, prefix matches first', () => {
    expect(codes('ssjg')[0]).toBe('BJ0101');
    const jg = codes('jg');
    expect(jg).toContain('BJ0101');
    expect(jg).toContain('BJ0114');
    expect(jg[0]).toBe('BJ0120'); // 景观灯 starts with "jg"; 上水井盖 only contains it
  });

  it('finds by Chinese text, by code and by English', () => {
    expect(codes('垃圾')).toEqual(expect.arrayContaining(['SJ0102', 'SJ0103', 'BJ0305']));
    expect(codes('0102')).toEqual(['BJ0102', 'SJ0102']);
    expect(codes('sj01', 'event')[0]).toBe('SJ0101');
    expect(codes('manhole')).toContain('BJ0101');
  });

  it('filters by kind and limits', () => {
    expect(codes('垃圾', 'component').every((c) => c.startsWith('BJ'))).toBe(true);
    expect(searchCategoryCodes('', { limit: 5 })).toHaveLength(5);
    expect(codes('不存在的东西')).toEqual([]);
  });
});
