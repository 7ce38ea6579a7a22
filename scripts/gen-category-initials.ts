/**
 * Refreshes the `initials` column of shared/domain/category-codes.data.ts from each entry's
 * Chinese name, with pinyin-pro (word-aware, so 行道树 reads xíng dào shù). Run after editing names:
 *   npx tsx scripts/gen-category-initials.ts
 * The data stays committed so the browser never ships a pinyin dictionary.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pinyinInitials } from './category-initials';

const file = fileURLToPath(new URL('../shared/domain/category-codes.data.ts', import.meta.url));
const source = readFileSync(file, 'utf8');
let changed = 0;
const next = source.replace(/nameZh: ("[^"]*"), (nameEn: "[^"]*"), initials: '[^']*'/g, (_m, zh: string, en: string) => {
  const initials = pinyinInitials(JSON.parse(zh) as string);
  changed++;
  return `nameZh: ${zh}, ${en}, initials: '${initials}'`;
});
writeFileSync(file, next);
console.log(`initials written for ${changed} entries: ${file}`);
