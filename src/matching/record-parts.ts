/**
 * The field readers of the match-record builder: postcode parts, date-of-birth parts, NHS
 * Number digits and Double Metaphone codes, the look-ups that repeat memoised.
 */
import {
  isPlaceholderBirthDate,
  parseBirthDate,
  parsePostcode,
  type DateFormat,
} from '../core/normalise/index.js';
import { memoise } from '../core/normalise/memo.js';
import type { BirthDateParts, PostcodeParts } from './record.js';
import { phoneticCodes } from './string/phonetic.js';

/** How many postcodes and names the builder's memos keep (postcodes repeat within a unit). */
export const RECORD_MEMO_CAPACITY = 32_768;

/** The parts of a locating postcode, or `undefined` for a bad, pseudo or BFPO one. */
function postcodePartsUncached(raw: string): PostcodeParts | undefined {
  const parsed = parsePostcode(raw, { repairKeying: true });
  if (!parsed.success) {
    return undefined;
  }
  const { unit, sector, district, area } = parsed.data;
  if (unit === null || sector === null || district === null || area === null) {
    return undefined; // pseudo-postcodes (ZZ99) and BFPO numbers locate nobody
  }
  return Object.freeze({ full: unit, sector, district, area });
}

const postcodeMemo = memoise(postcodePartsUncached, RECORD_MEMO_CAPACITY);

/**
 * The nested units of a locating postcode (keying slips O/0 repaired), memoised; `undefined`
 * when the value is missing, invalid, a pseudo-postcode (`ZZ99`) or a BFPO number.
 * @param raw - the postcode as recorded
 */
export function postcodeParts(raw: string | undefined): PostcodeParts | undefined {
  return raw === undefined ? undefined : postcodeMemo(raw);
}

/** Double Metaphone codes ({@link phoneticCodes}), memoised: the same few thousand names recur (frozen, shared). */
export const phoneticMemo = memoise(
  (name: string) => Object.freeze(phoneticCodes(name)),
  RECORD_MEMO_CAPACITY,
);

/** The parts of a date of birth in one layout, or `undefined` (see {@link birthDateParts}). */
function birthDatePartsUncached(raw: string, format: DateFormat): BirthDateParts | undefined {
  const parsed = parseBirthDate(raw, format);
  if (!parsed.success) {
    return undefined;
  }
  const { year, month, day } = parsed.data;
  const placeholder = isPlaceholderBirthDate(parsed.data);
  if (month === undefined) {
    return Object.freeze({ year, placeholder }); // a year-precision date has no day either
  }
  return Object.freeze(
    day === undefined ? { year, month, placeholder } : { year, month, day, placeholder },
  );
}

/**
 * How many dates of birth each layout's memo keeps: 131,072, each of its two generations
 * (`memo.ts`) holding 65,536, more than the 36,525 days of a century, so the dates a register's
 * people were born on stay in it. With {@link RECORD_MEMO_CAPACITY} (32,768) a trace of
 * 100,000 requests missed it 43,000 times, and every date put back in it lived long enough to
 * be promoted into the old generation.
 */
export const BIRTH_DATE_MEMO_CAPACITY = 1 << 17;

/** A memo of {@link birthDatePartsUncached} per date layout, made at its first use. */
const birthDateMemos = new Map<DateFormat, (raw: string) => BirthDateParts | undefined>();

/**
 * A date of birth as year, month and day with the 1 January placeholder flag; `undefined`
 * when missing or not a real date in the layout. Memoised by layout (dates of birth recur: a
 * century has 36,525 of them), so the parts are frozen and shared.
 * @param raw - the date as recorded
 * @param format - its layout
 */
export function birthDateParts(
  raw: string | undefined,
  format: DateFormat,
): BirthDateParts | undefined {
  if (raw === undefined) {
    return undefined;
  }
  let memo = birthDateMemos.get(format);
  if (memo === undefined) {
    memo = memoise((text) => birthDatePartsUncached(text, format), BIRTH_DATE_MEMO_CAPACITY);
    birthDateMemos.set(format, memo);
  }
  return memo(raw);
}

const NHS_SEPARATORS = /[\s-]/g;
const TEN_DIGITS = /^[0-9]{10}$/;

/**
 * The 10 digits of an NHS Number keyed with or without spaces and hyphens (check digit not
 * checked); `undefined` otherwise.
 * @param raw - the number as recorded
 */
export function nhsDigits(raw: string | undefined): string | undefined {
  if (raw === undefined) {
    return undefined;
  }
  const digits = TEN_DIGITS.test(raw) ? raw : raw.replace(NHS_SEPARATORS, '');
  return TEN_DIGITS.test(digits) ? digits : undefined;
}

/**
 * The defined results of `read` over `values`, in order.
 * @param values - the inputs (none when `undefined`)
 * @param read - a reader giving `undefined` for unusable values
 */
export function definedMap<T, U>(
  values: readonly T[] | undefined,
  read: (value: T) => U | undefined,
): U[] {
  const out: U[] = [];
  for (const value of values ?? []) {
    const result = read(value);
    if (result !== undefined) {
      out.push(result);
    }
  }
  return out;
}
