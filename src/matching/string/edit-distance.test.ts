import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { damerauLevenshtein, levenshtein, osaDistance } from './edit-distance.js';

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
});
