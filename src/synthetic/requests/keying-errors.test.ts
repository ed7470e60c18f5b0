import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { parseNhsNumber } from '../../core/nhs-number/nhs-number.js';
import { testNhsNumberAt } from '../../core/nhs-number/generate.js';
import { mistypeDigits, typo } from './keying-errors.js';
import { createRng } from '../rng.js';

describe('keying errors', () => {
  test.prop([fc.stringMatching(/^[A-Za-z]{2,12}$/), fc.integer()])(
    'a typo always changes a word of two or more letters, by one edit',
    (word, seed) => {
      const result = typo(word, createRng(seed));
      expect(result).not.toBe(word);
      expect(Math.abs(result.length - word.length)).toBeLessThanOrEqual(1);
    },
  );

  test.prop([fc.nat({ max: 1_000_000 }), fc.integer()])(
    'a mistyped NHS Number differs from the original in one digit or one adjacent swap',
    (index, seed) => {
      const original = testNhsNumberAt(1, index);
      const typed = mistypeDigits(original, createRng(seed));
      expect(typed).not.toBe(original);
      expect(typed.charAt(0)).toBe('9');
      const diff = typed.split('').filter((c, i) => c !== original.charAt(i)).length;
      expect(diff === 1 || diff === 2).toBe(true);
      if (diff === 1) {
        // Modulus 11 catches every single-digit substitution.
        expect(parseNhsNumber(typed).success).toBe(false);
      }
    },
  );
});
