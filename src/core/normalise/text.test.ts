import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { foldToAscii, hasAnyLetter, stripApostrophes, textTokens } from './text.js';

describe('foldToAscii', () => {
  it.each([
    ['Kociński', 'KOCINSKI'],
    ['Zoë', 'ZOE'],
    ['Straße', 'STRASSE'],
    ['ẞ', 'SS'],
    ['Øyvind', 'OYVIND'],
    ['Ærø', 'AERO'],
    ['Œuvre', 'OEUVRE'],
    ['Łódź', 'LODZ'],
    ['Þór', 'THOR'],
    ['Đorđe', 'DORDE'],
    ['ﬁnn', 'FINN'],
    ['Çelik', 'CELIK'],
    ['Nguyễn', 'NGUYEN'],
    ['Иван', 'ИВАН'],
  ])('%s → %s', (raw, folded) => {
    expect(foldToAscii(raw)).toBe(folded);
  });

  test.prop([fc.string({ unit: 'grapheme', maxLength: 20 })])('is idempotent', (raw) => {
    expect(foldToAscii(foldToAscii(raw))).toBe(foldToAscii(raw));
  });
});

describe('textTokens', () => {
  it.each([
    ["O'Reilly", false, ['OREILLY']],
    ['O´Reilly', false, ['OREILLY']],
    ['Jones-Smith', false, ['JONES', 'SMITH']],
    ['  j.  r. ', false, ['J', 'R']],
    ['Flat 3, 12a', false, ['FLAT', 'A']],
    ['Flat 3, 12a', true, ['FLAT', '3', '12A']],
    ['Иван Smith', false, ['SMITH']],
    ['', true, []],
  ] as const)('%j (digits kept: %s) → %j', (raw, keepDigits, tokens) => {
    expect(textTokens(raw, { keepDigits })).toEqual(tokens);
  });

  test.prop([fc.string({ unit: 'grapheme', maxLength: 20 })])('gives only ASCII words', (raw) => {
    for (const token of textTokens(raw, { keepDigits: true })) {
      expect(token).toMatch(/^[A-Z0-9]+$/);
    }
  });
});

describe('helpers', () => {
  it('stripApostrophes removes every apostrophe look-alike', () => {
    expect(stripApostrophes("O'R’e‘i`l´lʼy")).toBe('OReilly');
  });

  it('hasAnyLetter sees letters of any script', () => {
    expect(hasAnyLetter('王')).toBe(true);
    expect(hasAnyLetter('Анна')).toBe(true);
    expect(hasAnyLetter('?-. 12')).toBe(false);
  });
});
