import { fail, ok, type Result } from '../result.js';

/**
 * Input layouts for a date of birth. The caller names the layout; nothing is guessed, so
 * `01/02/2000` is never read as 2 January by accident.
 * - `YYYYMMDD`, `YYYY-MM-DD`, `DD/MM/YYYY` (day and month may have one digit): full dates;
 * - `YYYY-MM`, `YYYY`: partial dates;
 * - `fhir`: a FHIR `date`, any of `YYYY-MM-DD`, `YYYY-MM`, `YYYY`;
 * - `pds-mesh`: a PDS MESH response date, any of `YYYYMMDDHHMM` (time checked, then dropped),
 *   `YYYYMMDD`, `YYYYMM`, `YYYY`.
 */
export type DateFormat =
  'YYYYMMDD' | 'YYYY-MM-DD' | 'DD/MM/YYYY' | 'YYYY-MM' | 'YYYY' | 'fhir' | 'pds-mesh';

/** How much of a date is known. */
export type DatePrecision = 'day' | 'month' | 'year';

/** A checked calendar date, possibly partial. `month` and `day` are 1-based. */
export interface PartialDate {
  /** ISO 8601 form: `YYYY-MM-DD`, `YYYY-MM` or `YYYY` to match `precision`. */
  readonly iso: string;
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
  readonly precision: DatePrecision;
}

/** Why a date was rejected. */
export type DateIssueCode =
  | 'empty'
  | 'bad-format'
  | 'year-zero'
  | 'too-early'
  | 'month-out-of-range'
  | 'day-out-of-range'
  | 'not-leap-year'
  | 'bad-time'
  | 'in-future'
  | 'bad-reference-date'
  | 'too-imprecise';

/** One reason a date was rejected; `code` is stable, `message` is for people and never repeats the whole date. */
export interface DateIssue {
  readonly code: DateIssueCode;
  readonly message: string;
}

/** Options for {@link parseBirthDate}. */
export interface BirthDateOptions {
  /** The reference day as `YYYY-MM-DD`; when given, dates after it are rejected. No clock is read. */
  readonly today?: string;
  /** Years before this are rejected as implausible for a living record (default 1800). */
  readonly earliestYear?: number;
}

const PATTERNS: Readonly<Record<DateFormat, RegExp>> = {
  YYYYMMDD: /^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$/,
  'YYYY-MM-DD': /^(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})$/,
  'DD/MM/YYYY': /^(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<y>\d{4})$/,
  'YYYY-MM': /^(?<y>\d{4})-(?<m>\d{2})$/,
  YYYY: /^(?<y>\d{4})$/,
  fhir: /^(?<y>\d{4})(?:-(?<m>\d{2})(?:-(?<d>\d{2}))?)?$/,
  'pds-mesh': /^(?<y>\d{4})(?:(?<m>\d{2})(?:(?<d>\d{2})(?<t>\d{4})?)?)?$/,
};

const MONTH_NAMES =
  'January February March April May June July August September October November December'.split(
    ' ',
  );

/** True for Gregorian leap years (divisible by 4, except centuries not divisible by 400). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Days in a month of the Gregorian calendar.
 * @param year - four-digit year
 * @param month - 1 (January) to 12 (December)
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return isLeapYear(year) ? 29 : 28;
  }
  return THIRTY_DAY_MONTHS.has(month) ? 30 : 31;
}

const THIRTY_DAY_MONTHS: ReadonlySet<number> = new Set([4, 6, 9, 11]);

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** A captured number, or `undefined` when the group did not take part. */
function num(s: string | undefined): number | undefined {
  return s === undefined ? s : Number(s);
}

function issue(code: DateIssueCode, message: string): Result<never, DateIssue> {
  return fail({ code, message });
}

/** Checks year, month and day ranges; builds the partial date. */
function checkParts(
  y: number,
  m: number | undefined,
  d: number | undefined,
  earliestYear: number,
): Result<PartialDate, DateIssue> {
  if (y === 0) {
    return issue('year-zero', 'year 0000 is not a year (a missing value was probably zero-filled)');
  }
  if (y < earliestYear) {
    return issue('too-early', `a date of birth before ${earliestYear} is not plausible`);
  }
  if (m === undefined) {
    return ok({ iso: pad(y, 4), year: y, precision: 'year' });
  }
  if (m < 1 || m > 12) {
    return issue('month-out-of-range', 'the month must be 01 to 12');
  }
  if (d === undefined) {
    return ok({ iso: `${pad(y, 4)}-${pad(m, 2)}`, year: y, month: m, precision: 'month' });
  }
  const days = daysInMonth(y, m);
  if (m === 2 && d === 29 && days === 28) {
    return issue(
      'not-leap-year',
      '29 February exists only in leap years, and this year is not one',
    );
  }
  if (d < 1 || d > days) {
    return issue('day-out-of-range', `the day must be 01 to ${days} in ${MONTH_NAMES[m - 1]}`);
  }
  const iso = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
  return ok({ iso, year: y, month: m, day: d, precision: 'day' });
}

/** The first day a partial date can mean, as `YYYY-MM-DD` (so ISO strings compare as dates). */
function earliestDay(date: PartialDate): string {
  return `${pad(date.year, 4)}-${pad(date.month ?? 1, 2)}-${pad(date.day ?? 1, 2)}`;
}

/**
 * Parses a date of birth in the named layout, rejecting impossible dates with the reason:
 * month 13, 31 April, 29 February outside leap years, year 0000, years before
 * `earliestYear`, and dates after `today` when a reference day is given.
 * Surrounding spaces are ignored; nothing else is tolerated.
 * @param raw - the date as recorded
 * @param format - the layout the source system uses
 * @param options - reference day and earliest plausible year
 * @example parseBirthDate('19/07/1984', 'DD/MM/YYYY') // ok { iso: '1984-07-19', year: 1984, month: 7, day: 19, precision: 'day' }
 * @example parseBirthDate('198407', 'pds-mesh')     // ok { iso: '1984-07', …, precision: 'month' }
 */
export function parseBirthDate(
  raw: string,
  format: DateFormat,
  options: BirthDateOptions = {},
): Result<PartialDate, DateIssue> {
  const text = raw.trim();
  if (text === '') {
    return issue('empty', 'no date given');
  }
  const groups = PATTERNS[format].exec(text)?.groups;
  if (groups?.['y'] === undefined) {
    return issue('bad-format', `the date does not have the layout ${format}`);
  }
  const time = groups['t'];
  if (time !== undefined && (Number(time.slice(0, 2)) > 23 || Number(time.slice(2)) > 59)) {
    return issue('bad-time', 'the time of birth must be 0000 to 2359');
  }
  const earliestYear = options.earliestYear ?? 1800;
  const checked = checkParts(Number(groups['y']), num(groups['m']), num(groups['d']), earliestYear);
  if (!checked.success || options.today === undefined) {
    return checked;
  }
  const today = referenceDay(options.today);
  if (!today.success) {
    return issue('bad-reference-date', 'the reference day must be a real date YYYY-MM-DD');
  }
  if (earliestDay(checked.data) > today.data.iso) {
    return issue('in-future', 'the date of birth is after the reference day');
  }
  return checked;
}

/** The last reference day parsed: a batch passes the same one with every row. */
let lastReferenceDay: { readonly raw: string; readonly parsed: Result<PartialDate, DateIssue> } = {
  raw: '',
  parsed: issue('empty', 'no date given'),
};

/** Parses a reference day `YYYY-MM-DD`, reusing the previous result when the text repeats. */
function referenceDay(raw: string): Result<PartialDate, DateIssue> {
  if (raw !== lastReferenceDay.raw) {
    lastReferenceDay = { raw, parsed: parseBirthDate(raw, 'YYYY-MM-DD', { earliestYear: 1 }) };
  }
  return lastReferenceDay.parsed;
}

/**
 * True when a full date falls on 1 January, the conventional stand-in when only the year of
 * birth is known (PDS advises searching such dates with a range). A flag, not a verdict:
 * real people are born on 1 January too. Partial dates are never placeholders; they are
 * honest about what is unknown.
 * @param date - a parsed date
 */
export function isPlaceholderBirthDate(date: PartialDate): boolean {
  return date.precision === 'day' && date.month === 1 && date.day === 1;
}
