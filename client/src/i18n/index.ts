import { watch } from 'vue';
import { createI18n } from 'vue-i18n';
import en from './en';
import { namedPlaceholderCompiler } from './message-compiler';
import zhCN from './zh-CN';

/** zh-CN first; `?lang=en` (remembered) switches to English. */
function initialLocale(): 'zh-CN' | 'en' {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'en' || asked === 'zh-CN') localStorage.setItem('gridops.lang', asked);
  return localStorage.getItem('gridops.lang') === 'en' ? 'en' : 'zh-CN';
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  messageCompiler: namedPlaceholderCompiler,
});

let screenLabels: Promise<void> | undefined;

/** Adds the working screens' labels (a chunk of their own, so the wall never loads them); once. */
export function loadScreenLabels(): Promise<void> {
  screenLabels ??= import('./screen-labels').then(({ screenLabelsZhCN, screenLabelsEn }) => {
    i18n.global.mergeLocaleMessage('zh-CN', screenLabelsZhCN);
    i18n.global.mergeLocaleMessage('en', screenLabelsEn);
  });
  return screenLabels;
}

export function setLocale(locale: 'zh-CN' | 'en') {
  i18n.global.locale.value = locale;
  localStorage.setItem('gridops.lang', locale);
}

/**
 * `<html lang>` and the tab's title follow the language: screen readers choose their voice by
 * `lang`, and a browser's translate offer and tab list read the title.
 */
watch(
  i18n.global.locale,
  (locale) => {
    document.documentElement.lang = locale;
    document.title = `GridOps · ${i18n.global.t('app.center')}`;
  },
  { immediate: true },
);
