import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import vi from '../../../client/src/i18n/vi.json';
import en from '../../../client/src/i18n/en.json';

const MESSAGES_DIR = path.resolve(import.meta.dirname, '../../../client/src/i18n/messages');

function keys(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

/** The shell's pair, then each feature's `<feature>.vi.json`/`<feature>.en.json` pair. */
function messagePairs(): { name: string; vi: Record<string, unknown>; en: Record<string, unknown> }[] {
  const pairs = [{ name: 'shell', vi, en }];
  const files = fs.existsSync(MESSAGES_DIR) ? fs.readdirSync(MESSAGES_DIR) : [];
  for (const file of files.filter((f) => f.endsWith('.vi.json'))) {
    const name = file.replace(/\.vi\.json$/, '');
    const read = (locale: string) => JSON.parse(fs.readFileSync(path.join(MESSAGES_DIR, `${name}.${locale}.json`), 'utf8'));
    pairs.push({ name, vi: read('vi'), en: read('en') });
  }
  return pairs;
}

describe('UI messages', () => {
  it('vietnamese_and_english_have_the_same_keys', () => {
    for (const pair of messagePairs()) expect(keys(pair.vi).sort(), pair.name).toEqual(keys(pair.en).sort());
  });

  it('feature_message_files_do_not_redefine_the_shell_or_each_other', () => {
    const seen = new Set(Object.keys(vi));
    for (const pair of messagePairs().slice(1)) {
      for (const top of Object.keys(pair.vi)) {
        expect(seen.has(top), `${pair.name}: top-level key ${top}`).toBe(false);
        seen.add(top);
      }
    }
  });

  it('messages_avoid_vue_i18n_syntax_characters_that_would_break_compilation', () => {
    // '@' starts a linked message and '|' separates plural forms in vue-i18n.
    for (const pair of messagePairs()) {
      for (const messages of [pair.vi, pair.en]) {
        for (const key of keys(messages)) {
          const text = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], messages) as string;
          expect(text, `${pair.name}: ${key}`).not.toMatch(/[@|]/);
        }
      }
    }
  });
});
