import { damerauLevenshteinUpTo } from './edit-bound.js';
import { buildLevels, type GenericComparison } from './levels.js';
import { cell } from './row.js';

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * Reads a `YYYYMMDD` date as year, month and day, or `undefined` when it is not 8 digits or
 * not a calendar date (month 1–12, day within the month; 29 February is accepted in any year).
 * @param value - the text, e.g. `19651013`
 */
export function parseYyyymmdd(
  value: string,
): { readonly year: number; readonly month: number; readonly day: number } | undefined {
  if (!/^\d{8}$/.test(value)) {
    return undefined;
  }
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(4, 6));
  const day = Number(value.slice(6, 8));
  const max = DAYS_IN_MONTH[month - 1];
  return max !== undefined && day >= 1 && day <= max ? { year, month, day } : undefined;
}

/**
 * A date of birth stored as `YYYYMMDD` text, after Splink's `DateOfBirthComparison`: null
 * (missing or not a date, as Splink treats invalid dates), exact, one typo (Damerau-Levenshtein
 * ≤ 1 on the eight digits: one digit wrong or two adjacent swapped), same year and month, same
 * year, within ten years, else.
 * @param column - the column compared
 */
export function dateComparison(column: string): GenericComparison {
  const agree = [
    { id: 'exact', label: `${column} exact` },
    { id: 'dl-1', label: `${column} one digit wrong or two swapped` },
    { id: 'year-month', label: `${column} same year and month` },
    { id: 'year', label: `${column} same year` },
    { id: 'within-10-years', label: `${column} within ten years` },
  ];
  return {
    id: column,
    label: `${column} (date YYYYMMDD)`,
    column,
    options: {},
    levels: buildLevels(column, agree, false),
    levelOf: (left, right) => {
      const a = cell(left, column);
      const b = cell(right, column);
      const da = a === undefined ? undefined : parseYyyymmdd(a);
      const db = b === undefined ? undefined : parseYyyymmdd(b);
      if (a === undefined || b === undefined || da === undefined || db === undefined) {
        return 0;
      }
      if (a === b) {
        return 1;
      }
      if (damerauLevenshteinUpTo(a, b, 1) <= 1) {
        return 2;
      }
      if (da.year === db.year) {
        return da.month === db.month ? 3 : 4;
      }
      return Math.abs(da.year - db.year) <= 10 ? 5 : agree.length + 1;
    },
  };
}
