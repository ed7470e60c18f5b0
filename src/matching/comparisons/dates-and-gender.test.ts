import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { birthDateDigits } from '../record.js';
import { isOneEdit } from '../string/edit-distance.js';
import { levelOf } from '../test-support/fixtures.js';
import { dateOfBirthComparison, datesOneTypo } from './date-of-birth.js';
import { genderComparison } from './gender.js';

const dob = dateOfBirthComparison();
const gender = genderComparison();
const d = (birthDate: string): { birthDate: string } => ({ birthDate });

describe('date of birth comparison', () => {
  it.each([
    ['missing one side', {}, d('1980-03-12'), 'null'],
    ['impossible date is missing', d('1980-02-30'), d('1980-02-28'), 'null'],
    ['exact', d('1980-03-12'), d('1980-03-12'), 'exact'],
    ['day and month transposed', d('1980-03-12'), d('1980-12-03'), 'transposed'],
    ['year one out', d('1980-03-12'), d('1981-03-12'), 'year-off-by-one'],
    ['year one out across a decade', d('1979-03-12'), d('1980-03-12'), 'year-off-by-one'],
    ['one digit wrong', d('1980-03-12'), d('1980-03-18'), 'one-typo'],
    ['two digits swapped in the year', d('1980-03-12'), d('1908-03-12'), 'one-typo'],
    ['1 January exact is a placeholder', d('1975-01-01'), d('1975-01-01'), 'exact-placeholder'],
    ['same year and month', d('1980-03-12'), d('1980-03-25'), 'year-month'],
    ['partial date, same month', d('1980-03'), d('1980-03-25'), 'year-month'],
    ['partial date, same year', d('1980'), d('1980-03-25'), 'year'],
    ['same year only', d('1980-03-12'), d('1980-09-25'), 'year'],
    ['different', d('1980-03-12'), d('1992-07-30'), 'else'],
  ])('%s', (_, left, right, expected) => {
    expect(levelOf(dob, left, right)).toBe(expected);
  });

  it('reads the layout it is told (PDS MESH YYYYMMDD)', () => {
    expect(
      levelOf(dob, { birthDate: '19800312', birthDateFormat: 'YYYYMMDD' }, d('1980-03-12')),
    ).toBe('exact');
  });
});

describe('gender comparison', () => {
  it.each([
    ['unknown is missing', { gender: 'unknown' }, { gender: 'female' }, 'null'],
    ['code 0 is missing', { gender: '0' }, { gender: 'female' }, 'null'],
    ['ambiguous code is missing', { gender: 'X' }, { gender: 'female' }, 'null'],
    ['match across code sets', { gender: '2' }, { gender: 'female' }, 'match'],
    ['mismatch', { gender: 'M' }, { gender: 'female' }, 'else'],
  ])('%s', (_, left, right, expected) => {
    expect(levelOf(gender, left, right)).toBe(expected);
  });
});

describe('datesOneTypo', () => {
  const date = fc.record({
    year: fc.oneof(fc.integer({ min: 1900, max: 2030 }), fc.integer({ min: 0, max: 12000 })),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    placeholder: fc.constant(false),
  });
  /** A date and one with a digit changed or two adjacent digits swapped (or the same). */
  const near = fc
    .tuple(date, fc.nat({ max: 7 }), fc.nat({ max: 9 }), fc.boolean())
    .map(([d, place, digit, swap]) => {
      const digits = birthDateDigits(d).split('');
      if (swap && place < 7) {
        [digits[place], digits[place + 1]] = [digits[place + 1] ?? '0', digits[place] ?? '0'];
      } else {
        digits[place] = String(digit);
      }
      const text = digits.join('');
      const other = {
        year: Number(text.slice(0, -4)),
        month: Number(text.slice(-4, -2)),
        day: Number(text.slice(-2)),
        placeholder: false,
      };
      return [d, other] as const;
    });

  test.prop([fc.oneof(near, fc.tuple(date, date))])(
    'is isOneEdit of the YYYYMMDD digits',
    ([a, b]) => {
      expect(datesOneTypo(a, b)).toBe(isOneEdit(birthDateDigits(a), birthDateDigits(b)));
    },
  );
});
