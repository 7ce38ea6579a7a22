import { customPinyin, pinyin } from 'pinyin-pro';

// Words pinyin-pro reads with the wrong pronunciation for a polyphonic character (行 háng/xíng).
customPinyin({ 行道树: 'xíng dào shù' });

/** Lower-case pinyin initials of the Chinese characters in `text` (other characters dropped). */
export function pinyinInitials(text: string): string {
  const hanzi = text.replace(/[^\u4e00-\u9fff]/g, '');
  return pinyin(hanzi, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
}
