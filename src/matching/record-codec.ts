/**
 * The binary form of a match record, for the match index's documents file, over a table of the
 * values records share. Each record is a run of variable-length unsigned integers (seven bits a
 * byte, low first); a name, a list of names, a date of birth or a postcode is the number of its
 * entry in the table, which each thread reads once. Decoding a record then makes the record and
 * its address and NHS Number, and takes everything else from the table: no text to parse and no
 * strings to make. JSON text (one array per record) cost about 2.7 µs a record and most of a
 * trace's garbage at 10,000,000 people (docs/benchmarks.md, session 19).
 *
 * A value is written as `0` (absent), `2 × (entry + 1)` (an entry of the table), or an odd
 * number that starts the value itself, written in place: once the table holds
 * {@link MAX_TABLE_VALUES} entries, new values are written in place, so a register of unique
 * values still encodes, only larger. NHS Numbers, unique to a person, are never in the table.
 *
 * `RecordEncoder` (record-encoder.ts) writes records and their table; `RecordDecoder`
 * (record-decoder.ts) reads them back. Written by hand: it is the record type's own layout, which
 * no library knows.
 */
import type { BirthDateParts, PostcodeParts } from './record.js';

/** Entries the table may hold (the value of a register of 60,000,000 people fits well within). */
export const MAX_TABLE_VALUES = 1 << 24;

/** Kinds of table entry, as the table's JSON writes them (a name is a plain JSON string). */
export const LIST = 0;
export const DATE = 1;
export const POSTCODE = 2;

export type TableEntry =
  | string
  | readonly [typeof LIST, ...number[]]
  | readonly [typeof DATE, number, number, number, number]
  | readonly [typeof POSTCODE, string];

export type TableValue = string | readonly string[] | BirthDateParts | PostcodeParts;

export const GENDER_CODES = { male: 1, female: 2, other: 3 } as const;
export const GENDERS = [undefined, 'male', 'female', 'other'] as const;

/**
 * The one empty list decoded records share: most lists of a record are empty (no superseded
 * numbers, no earlier names or addresses). Frozen: records are never changed.
 */
export const EMPTY: readonly never[] = Object.freeze([]);

/**
 * The nested units of a full postcode as the record builder stores it (`SW1A 1AA`: outward
 * code, one space, inward code): sector `SW1A 1`, district `SW1A`, area `SW`.
 * @param full - a postcode unit as `postcodeParts` wrote it
 */
export function unitParts(full: string): PostcodeParts {
  const space = full.indexOf(' ');
  const district = full.slice(0, space);
  let letters = 0;
  for (let code = district.charCodeAt(0); code >= 65 && code <= 90;) {
    letters += 1;
    code = district.charCodeAt(letters);
  }
  return {
    full,
    sector: full.slice(0, space + 2),
    district,
    // As the parser: the leading letters, or the whole outward code when it has none.
    area: letters === 0 ? district : district.slice(0, letters),
  };
}

export function birthDateOf(
  year: number,
  month: number,
  day: number,
  placeholder: number,
): BirthDateParts {
  const flag = placeholder === 1;
  if (month === 0) {
    return { year, placeholder: flag };
  }
  return day === 0 ? { year, month, placeholder: flag } : { year, month, day, placeholder: flag };
}

/** The table's values as its JSON writes them, each frozen: records share them. */
export function tableValues(text: string): TableValue[] {
  const entries = JSON.parse(text) as TableEntry[];
  const values: TableValue[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string') {
      values.push(entry);
    } else if (entry[0] === LIST) {
      values.push(
        entry.length === 1
          ? EMPTY
          : Object.freeze(entry.slice(1).map((id) => values[id] as string)),
      );
    } else if (entry[0] === DATE) {
      values.push(Object.freeze(birthDateOf(entry[1], entry[2], entry[3], entry[4])));
    } else {
      values.push(Object.freeze(unitParts(entry[1])));
    }
  }
  return values;
}
