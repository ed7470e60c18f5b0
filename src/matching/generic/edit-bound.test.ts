import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { damerauLevenshtein } from '../string/edit-distance.js';
import { damerauLevenshteinUpTo } from './edit-bound.js';

const digits = fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '4'), maxLength: 9 });

describe('damerauLevenshteinUpTo', () => {
  test.prop([digits, digits, fc.integer({ min: 0, max: 4 })], { numRuns: 2000 })(
    'equals the full distance up to max, and exceeds max exactly when the distance does',
    (a, b, max) => {
      const full = damerauLevenshtein(a, b);
      const bounded = damerauLevenshteinUpTo(a, b, max);
      expect(bounded > max).toBe(full > max);
      if (full <= max) {
        expect(bounded).toBe(full);
      }
      expect(bounded).toBeLessThanOrEqual(full);
    },
  );
  test.prop([fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), fc.nat(3)])(
    'agrees with the full distance on any text, ASCII or not',
    (a, b, max) => {
      expect(damerauLevenshteinUpTo(a, b, max) > max).toBe(damerauLevenshtein(a, b) > max);
    },
  );
  it.each([
    ['5304218', '5302418', 2, 1],
    ['5304218', '9999999', 2, 7], // the bound: 14 differing counts ÷ 2
    ['café', 'cafe', 1, 2],
  ])('%j vs %j (max %d) → %d', (a, b, max, expected) => {
    expect(damerauLevenshteinUpTo(a, b, max)).toBe(expected);
  });
});
