/** Day arithmetic on whole UTC days since 1970-01-01, the unit every date in the model uses. */

const MS_PER_DAY = 86_400_000;

/** The date the synthetic register describes ("today" for ages, deaths and moves): 2025-01-01. */
export const REFERENCE_DAY = Date.UTC(2025, 0, 1) / MS_PER_DAY;

/** Days in an average year, for converting ages in years to days. */
export const DAYS_PER_YEAR = 365.2425;

/**
 * Year, month and day of a day number, by Howard Hinnant's `civil_from_days` (proleptic
 * Gregorian), which is several times faster than going through `Date` and `toISOString`.
 */
function civil(day: number): [year: number, month: number, dayOfMonth: number] {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth];
}

const TWO_DIGITS = Array.from({ length: 32 }, (_, n) => String(n).padStart(2, '0'));

/**
 * The ISO date `YYYY-MM-DD` of a day number (years 1000 to 9999).
 * @param day - whole days since 1970-01-01 (negative before)
 */
export function isoDate(day: number): string {
  const [year, month, dayOfMonth] = civil(day);
  return `${year}-${TWO_DIGITS[month] ?? ''}-${TWO_DIGITS[dayOfMonth] ?? ''}`;
}

/**
 * The calendar year of a day number.
 * @param day - whole days since 1970-01-01
 */
export function yearOf(day: number): number {
  return civil(day)[0];
}

/**
 * A whole number of days for a span given in years (fractions allowed).
 * @param years - the span in years
 */
export function yearsToDays(years: number): number {
  return Math.round(years * DAYS_PER_YEAR);
}
