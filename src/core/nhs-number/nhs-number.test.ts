import { fc, test } from '@fast-check/vitest';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  checkDigit,
  formatNhsNumber,
  isValidNhsNumber,
  parseNhsNumber,
  type NhsNumber,
  type NhsNumberIssueCode,
} from './nhs-number.js';

/** Weights of digits 1–10 in the Modulus 11 sum; the check digit counts once. */
const WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1] as const;

function codeOf(input: string): NhsNumberIssueCode | 'valid' {
  const result = parseNhsNumber(input);
  return result.success ? 'valid' : (result.issues[0]?.code ?? 'valid');
}

/** The reason Modulus 11 must give for a 10-digit string that is not a valid number. */
function expectedRejection(digits: string): NhsNumberIssueCode {
  return checkDigit(digits) === 10 ? 'check-digit-10' : 'bad-check-digit';
}

/** Valid numbers in the 9xx test range, built from random digits (independent of generate.ts). */
const validNumber = fc
  .stringMatching(/^9\d{8}$/)
  .filter((body) => checkDigit(body) !== 10)
  .map((body) => `${body}${checkDigit(body)}`);

describe('parseNhsNumber: known vectors', () => {
  it.each(['9434765919', '9000000009', '9000000017', '9000000025', '9000000033', '9111231130'])(
    'accepts %s',
    (input) => {
      expect(parseNhsNumber(input)).toEqual({ success: true, data: input });
    },
  );

  it.each([
    ['9876544321', 'bad-check-digit', 'the check digit is 1 but Modulus 11 gives 2'],
    ['9000000015', 'bad-check-digit', 'the check digit is 5 but Modulus 11 gives 7'],
    ['9000000000', 'bad-check-digit', 'the check digit is 0 but Modulus 11 gives 9'],
    ['9000000050', 'check-digit-10', 'the first nine digits give check digit 10'],
    ['9000000059', 'check-digit-10', 'the first nine digits give check digit 10'],
    ['943476591', 'wrong-length', 'an NHS Number has 10 digits, this has 9'],
    ['94347659190', 'wrong-length', 'an NHS Number has 10 digits, this has 11'],
    ['94347659I9', 'non-digit', 'an NHS Number has only digits'],
    ['943.476.5919', 'non-digit', 'an NHS Number has only digits'],
    ['+449434765919', 'non-digit', 'an NHS Number has only digits'],
    ['٩٤٣٤٧٦٥٩١٩', 'non-digit', 'an NHS Number has only digits'],
    ['', 'empty', 'no NHS Number given'],
    ['  - ', 'empty', 'no NHS Number given'],
  ])('rejects %j as %s', (input, code, message) => {
    const result = parseNhsNumber(input);
    expect(result.success).toBe(false);
    expect(result.success ? [] : result.issues).toEqual([
      { code, message: expect.stringContaining(message) as string },
    ]);
  });

  it.each([' 9434765919 ', '943 476 5919', '943-476-5919', '943 - 476 - 5919', '9434 765919\t'])(
    'accepts spaces and hyphens in %j',
    (input) => {
      expect(parseNhsNumber(input)).toEqual({ success: true, data: '9434765919' });
    },
  );

  it('computes the Wikipedia worked example check digit', () => {
    expect(checkDigit('943476591')).toBe(9);
    expect(checkDigit('900000005')).toBe(10);
    expect(checkDigit('900000000')).toBe(9);
  });

  it('agrees with isValidNhsNumber', () => {
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('9876544321')).toBe(false);
  });

  it('formats in the 3 3 4 pattern', () => {
    const parsed = parseNhsNumber('9434765919');
    expect(parsed.success && formatNhsNumber(parsed.data)).toBe('943 476 5919');
  });

  it('brands NhsNumber so that a raw string is not one', () => {
    expectTypeOf<string>().not.toExtend<NhsNumber>();
    expectTypeOf<NhsNumber>().toExtend<string>();
    expectTypeOf(formatNhsNumber).parameter(0).toEqualTypeOf<NhsNumber>();
    // @ts-expect-error a raw string must be parsed before it can be formatted
    formatNhsNumber('9434765919');
  });
});

describe('Modulus 11 arithmetic (the proof behind the properties)', () => {
  it('w·δ is never a multiple of 11, so every single substitution changes the sum', () => {
    for (const weight of WEIGHTS) {
      for (let delta = 1; delta <= 9; delta += 1) {
        expect((weight * delta) % 11, `weight ${weight}, change ${delta}`).not.toBe(0);
      }
    }
  });

  it('(wᵢ − wⱼ)·δ is never a multiple of 11, so every transposition changes the sum', () => {
    for (let i = 0; i < WEIGHTS.length; i += 1) {
      for (let j = i + 1; j < WEIGHTS.length; j += 1) {
        for (let delta = 1; delta <= 9; delta += 1) {
          expect((((WEIGHTS[i] ?? 0) - (WEIGHTS[j] ?? 0)) * delta) % 11).not.toBe(0);
        }
      }
    }
  });

  it('only digits 5 and 6 have weights summing to 11: the twin-error blind spot', () => {
    const blind = WEIGHTS.slice(0, -1).flatMap((weight, i) =>
      (weight + (WEIGHTS[i + 1] ?? 0)) % 11 === 0 ? [i + 1] : [],
    );
    expect(blind).toEqual([5]);
  });
});

describe('Modulus 11 properties', () => {
  test.prop([validNumber, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 })])(
    'rejects every single-digit substitution, with the precise reason',
    (valid, position, delta) => {
      const digit = (Number(valid[position]) + delta) % 10;
      const changed = `${valid.slice(0, position)}${digit}${valid.slice(position + 1)}`;
      expect(codeOf(changed)).toBe(expectedRejection(changed));
    },
  );

  test.prop([validNumber, fc.integer({ min: 0, max: 8 })])(
    'rejects every adjacent transposition of two different digits (no blind spot)',
    (valid, position) => {
      fc.pre(valid[position] !== valid[position + 1]);
      const swapped = `${valid.slice(0, position)}${valid[position + 1] ?? ''}${valid[position] ?? ''}${valid.slice(position + 2)}`;
      expect(codeOf(swapped)).toBe(expectedRejection(swapped));
    },
  );

  test.prop([
    fc.stringMatching(/^9\d{3}$/),
    fc.integer({ min: 0, max: 9 }),
    fc.stringMatching(/^\d{3}$/),
    fc.integer({ min: 1, max: 9 }),
  ])('accepts a twin error in digits 5 and 6: the documented blind spot', (head, a, tail, step) => {
    const body = `${head}${a}${a}${tail}`;
    fc.pre(checkDigit(body) !== 10);
    const b = (a + step) % 10;
    const twin = `${head}${b}${b}${tail}${checkDigit(body)}`;
    expect(codeOf(`${body}${checkDigit(body)}`)).toBe('valid');
    expect(codeOf(twin)).toBe('valid');
  });

  test.prop([validNumber, fc.constantFrom(' ', '-', ' - ')])(
    'format then parse returns the original number',
    (valid, separator) => {
      const parsed = parseNhsNumber(valid);
      expect(parsed.success).toBe(true);
      if (parsed.success) {
        const shown = formatNhsNumber(parsed.data);
        expect(parseNhsNumber(shown)).toEqual({ success: true, data: valid });
        expect(parseNhsNumber(shown.replaceAll(' ', separator))).toEqual(parsed);
      }
    },
  );

  test.prop([fc.string()])(
    'never throws, and accepts only ten-digit check-valid input',
    (input) => {
      const result = parseNhsNumber(input);
      if (result.success) {
        expect(result.data).toMatch(/^\d{10}$/);
        expect(checkDigit(result.data)).toBe(Number(result.data[9]));
      }
    },
  );
});
