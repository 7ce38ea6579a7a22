import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import en from '../../../client/src/i18n/en';
import { namedPlaceholderCompiler } from '../../../client/src/i18n/message-compiler';
import { screenLabelsEn, screenLabelsZhCN } from '../../../client/src/i18n/screen-labels';
import zhCN from '../../../client/src/i18n/zh-CN';

/** Every message key (dotted path) under a messages object. */
function keysOf(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value as object, `${prefix}${key}.`)));
}

/** Values for any placeholder a message names, each showing its own name. */
const everyPlaceholder = new Proxy<Record<string, string>>({}, { get: (_, name) => `«${String(name)}»` });

describe('the small message compiler the client ships instead of vue-i18n’s parser', () => {
  for (const [locale, messages] of [
    ['zh-CN', { ...zhCN, ...screenLabelsZhCN }],
    ['en', { ...en, ...screenLabelsEn }],
  ] as const) {
    const keys = keysOf(messages);
    const full = createI18n({ legacy: false, locale, messages: { [locale]: messages } }).global;
    const small = createI18n({ legacy: false, locale, messages: { [locale]: messages }, messageCompiler: namedPlaceholderCompiler }).global;

    it(`renders all ${locale} messages exactly as vue-i18n does, placeholders filled`, () => {
      expect(keys.length).toBeGreaterThan(500);
      const differing = keys.filter((key) => small.t(key, everyPlaceholder) !== full.t(key, everyPlaceholder));
      expect(differing).toEqual([]);
    });

    it(`fills a named placeholder in ${locale}`, () => {
      expect(small.t('connection.staleSince', { time: '08:15' })).toContain('08:15');
      expect(small.t('wall.more', { n: 7 })).toContain('7');
    });
  }

  it('leaves text without placeholders untouched, braces and all', () => {
    const { t } = createI18n({
      legacy: false,
      locale: 'x',
      messages: { x: { plain: '受理 → 立单', named: '{ a }+{b}' } },
      messageCompiler: namedPlaceholderCompiler,
    }).global;
    expect(t('plain')).toBe('受理 → 立单');
    expect(t('named', { a: 1, b: 2 })).toBe('1+2');
  });
});
