import { describe, expect, it } from 'vitest';
import vi from '../../../client/src/i18n/vi.json';
import en from '../../../client/src/i18n/en.json';

function keys(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('UI messages', () => {
  it('vietnamese_and_english_have_the_same_keys', () => {
    expect(keys(vi).sort()).toEqual(keys(en).sort());
  });

  it('messages_avoid_vue_i18n_syntax_characters_that_would_break_compilation', () => {
    // '@' starts a linked message and '|' separates plural forms in vue-i18n.
    for (const messages of [vi, en]) {
      for (const key of keys(messages)) {
        const text = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], messages) as string;
        expect(text, key).not.toMatch(/[@|]/);
      }
    }
  });
});
