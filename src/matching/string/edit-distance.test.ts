import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { damerauLevenshtein, isOneEdit, levenshtein, osaDistance } from './edit-distance.js';

describe('edit distances', () => {
  it.each([
    ['KITTEN', 'SITTING', 3, 3, 3],
    ['19800312', '19800321', 2, 1, 1],
    ['CA', 'ABC', 3, 2, 3],
    ['', 'ABC', 3, 3, 3],
    ['SMITH', 'SMITH', 0, 0, 0],
    ['é', 'e', 2, 2, 2],
  ])('%s → %s: levenshtein %d, damerau %d, osa %d', (a, b, lev, dl, osa) => {
    expect(levenshtein(a, b)).toBe(lev);
    expect(damerauLevenshtein(a, b)).toBe(dl);
    expect(osaDistance(a, b)).toBe(osa);
  });

  const text = fc.string({ unit: fc.constantFrom('A', 'B', 'C', '1', '2'), maxLength: 9 });

  test.prop([text, text])('damerau ≤ osa ≤ levenshtein, all symmetric', (a, b) => {
    const dl = damerauLevenshtein(a, b);
    const osa = osaDistance(a, b);
    const lev = levenshtein(a, b);
    expect(dl).toBeLessThanOrEqual(osa);
    expect(osa).toBeLessThanOrEqual(lev);
    expect([dl, osa, lev]).toEqual([
      damerauLevenshtein(b, a),
      osaDistance(b, a),
      levenshtein(b, a),
    ]);
  });

  test.prop([text, text])('damerau and osa agree whenever either is at most 1', (a, b) => {
    const dl = damerauLevenshtein(a, b);
    const osa = osaDistance(a, b);
    if (dl <= 1 || osa <= 1) {
      expect(dl).toBe(osa);
    }
  });

  test.prop([text])('a string is at distance 0 from itself', (a) => {
    expect(levenshtein(a, a) + damerauLevenshtein(a, a) + osaDistance(a, a)).toBe(0);
  });

  test.prop([text, text])('isOneEdit is damerau = 1', (a, b) => {
    expect(isOneEdit(a, b)).toBe(damerauLevenshtein(a, b) === 1);
  });

  /** A string and one random edit of it (substitution, insertion, deletion or swap). */
  const edited = fc
    .tuple(
      fc.string({ unit: fc.constantFrom('A', 'B', '1', 'é', 'Ω'), minLength: 1, maxLength: 9 }),
      fc.nat(),
      fc.constantFrom('A', '2', 'é'),
      fc.constantFrom('substitute', 'insert', 'delete', 'swap'),
    )
    .map(([a, at, c, edit]) => {
      const i = at % a.length;
      const b =
        edit === 'substitute'
          ? a.slice(0, i) + c + a.slice(i + 1)
          : edit === 'insert'
            ? a.slice(0, i) + c + a.slice(i)
            : edit === 'delete'
              ? a.slice(0, i) + a.slice(i + 1)
              : a.slice(0, i) + a.slice(i + 1, i + 2) + a.slice(i, i + 1) + a.slice(i + 2);
      return [a, b] as const;
    });

  test.prop([edited])('isOneEdit is damerau = 1 on edited strings, ASCII or not', ([a, b]) => {
    expect(isOneEdit(a, b)).toBe(damerauLevenshtein(a, b) === 1);
    expect(isOneEdit(b, a)).toBe(isOneEdit(a, b));
  });

  it.each([
    ['9434765919', '9434765919', false],
    ['9434765919', '9434765918', true],
    ['9434765919', '4934765919', true],
    ['9434765919', '4394765919', false],
    ['SMITH', 'SMYTHE', false],
    ['SMITH', 'SMITHS', true],
    ['é', 'e', false],
    ['', 'A', true],
  ])('isOneEdit(%s, %s) is %s', (a, b, one) => {
    expect(isOneEdit(a, b)).toBe(one);
  });
});
