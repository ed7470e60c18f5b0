import type { Comparison } from '../model/comparison.js';
import { birthDateDigits, type BirthDateParts, type MatchRecord } from '../record.js';
import { isOneEdit } from '../string/edit-distance.js';
import { agree, elseLevel, nullLevel } from './level.js';

type Dates = (a: BirthDateParts, b: BirthDateParts) => boolean;

function onDates(test: Dates): (left: MatchRecord, right: MatchRecord) => boolean {
  return (left, right) =>
    left.birthDate !== undefined &&
    right.birthDate !== undefined &&
    test(left.birthDate, right.birthDate);
}

const full = (d: BirthDateParts): boolean => d.month !== undefined && d.day !== undefined;
const sameDay = (a: BirthDateParts, b: BirthDateParts): boolean =>
  full(a) && full(b) && a.year === b.year && a.month === b.month && a.day === b.day;

/** A full date as the number `YYYYMMDD` (its `birthDateDigits`, when the year has four digits). */
const dateNumber = (d: BirthDateParts): number =>
  d.year * 10000 + (d.month ?? 0) * 100 + (d.day ?? 0);

/**
 * Whether two full dates' `YYYYMMDD` digits are one typed digit or one swap of adjacent digits
 * apart (`isOneEdit` of their `birthDateDigits`), digit by digit without making the strings.
 * @param a - a full date
 * @param b - another full date
 */
export function datesOneTypo(a: BirthDateParts, b: BirthDateParts): boolean {
  if (a.year > 9999 || b.year > 9999 || a.year < 0 || b.year < 0) {
    return isOneEdit(birthDateDigits(a), birthDateDigits(b));
  }
  let x = dateNumber(a);
  let y = dateNumber(b);
  let differences = 0;
  let first = -1;
  let firstX = 0;
  let firstY = 0;
  for (let place = 0; place < 8; place += 1) {
    const dx = x % 10;
    const dy = y % 10;
    x = (x - dx) / 10;
    y = (y - dy) / 10;
    if (dx === dy) {
      continue;
    }
    differences += 1;
    if (differences === 1) {
      first = place;
      firstX = dx;
      firstY = dy;
    } else if (differences > 2 || place !== first + 1 || dx !== firstY || dy !== firstX) {
      return false;
    }
  }
  return differences > 0;
}

/**
 * The date of birth comparison. Levels, strongest first: exact (a full date that is not
 * 1 January), day and month transposed (03/12 vs 12/03), year one off with the same day and
 * month, one typed digit wrong or two adjacent digits swapped (Damerau-Levenshtein 1 on
 * `YYYYMMDD`), exact on 1 January (a common stand-in for "only the year is known", so weaker
 * evidence than other exact dates), same year and month, same year (also how partial dates
 * agree), else. Missing dates weigh 0.
 */
export function dateOfBirthComparison(): Comparison {
  const levels = [
    nullLevel('date of birth missing', (r) => r.birthDate === undefined),
    agree(
      'exact',
      'date of birth exact',
      { m: 0.88, u: 0.000034 },
      onDates((a, b) => sameDay(a, b) && !a.placeholder),
    ),
    agree(
      'transposed',
      'day and month transposed',
      { m: 0.005, u: 0.00001 },
      onDates(
        (a, b) =>
          full(a) &&
          full(b) &&
          a.year === b.year &&
          a.day !== a.month &&
          a.day === b.month &&
          a.month === b.day,
      ),
    ),
    agree(
      'year-off-by-one',
      'year one out, same day and month',
      { m: 0.015, u: 0.00007 },
      onDates(
        (a, b) =>
          full(a) &&
          full(b) &&
          a.month === b.month &&
          a.day === b.day &&
          Math.abs(a.year - b.year) === 1,
      ),
    ),
    agree(
      'one-typo',
      'one digit wrong or two digits swapped',
      { m: 0.03, u: 0.0005 },
      onDates((a, b) => full(a) && full(b) && datesOneTypo(a, b)),
    ),
    agree(
      'exact-placeholder',
      'date of birth exact, but 1 January (often a stand-in)',
      { m: 0.01, u: 0.0004 },
      onDates(sameDay),
    ),
    agree(
      'year-month',
      'same year and month',
      { m: 0.02, u: 0.001 },
      onDates((a, b) => a.year === b.year && a.month !== undefined && a.month === b.month),
    ),
    agree(
      'year',
      'same year only',
      { m: 0.01, u: 0.0115 },
      onDates((a, b) => a.year === b.year),
    ),
  ];
  return {
    id: 'date-of-birth',
    label: 'Date of birth',
    options: {},
    levels: [...levels, elseLevel('dates of birth differ', levels)],
  };
}
