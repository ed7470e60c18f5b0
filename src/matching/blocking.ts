import type { ComparisonId } from './comparisons/registry.js';
import { birthDateDigits, type MatchRecord } from './record.js';

/**
 * The parts a blocking key is made of, each read from a {@link MatchRecord}. A part may give
 * several values (every phonetic code, current and earlier postcodes), and gives none when the
 * field is missing: a record with a missing part has no key under that rule, so blank values
 * never block together.
 */
export const KEY_PARTS = {
  /** The NHS Number, and for register records every superseded number too. */
  'nhs-number': (r: MatchRecord) => [
    ...(r.nhsNumber === undefined ? [] : [r.nhsNumber]),
    ...r.supersededNhsNumbers,
  ],
  /** The full date of birth `YYYYMMDD`; partial dates give no key. */
  'birth-date': (r: MatchRecord) =>
    r.birthDate?.day === undefined ? [] : [birthDateDigits(r.birthDate)],
  'birth-year': (r: MatchRecord) => (r.birthDate === undefined ? [] : [String(r.birthDate.year)]),
  /**
   * The month (`m7`), the day (`d3`) and the two as an unordered pair (`s3-7`): two dates share
   * a value when one of month and day agrees, or when they are swapped, so a typo in either or a
   * day/month transposition still blocks, at about a tenth of the pairs of the year alone.
   */
  'birth-month-or-day': (r: MatchRecord) => {
    const month = r.birthDate?.month;
    const day = r.birthDate?.day;
    return [
      ...(month === undefined ? [] : [`m${String(month)}`]),
      ...(day === undefined ? [] : [`d${String(day)}`]),
      ...(month === undefined || day === undefined
        ? []
        : [`s${String(Math.min(month, day))}-${String(Math.max(month, day))}`]),
    ];
  },
  /** Family name in key form, each barrel of a double-barrelled name, and earlier family names. */
  'family-name': (r: MatchRecord) =>
    r.familyName === undefined ? [] : [r.familyName, ...r.familyParts, ...r.familyHistoric],
  /** Double Metaphone codes of the family name. */
  'family-phonetic': (r: MatchRecord) => r.familyPhonetic,
  'given-initial': (r: MatchRecord) => (r.givenFirst === undefined ? [] : [r.givenFirst.charAt(0)]),
  /** Double Metaphone codes of the first given name. */
  'given-phonetic': (r: MatchRecord) => r.givenPhonetic,
  /**
   * Double Metaphone codes of the first given name and of the family name together, so a pair
   * whose names were entered in each other's fields still shares a key.
   */
  'name-phonetic': (r: MatchRecord) => [...r.givenPhonetic, ...r.familyPhonetic],
  /** Current and earlier full postcodes. */
  postcode: (r: MatchRecord) =>
    [r.postcode, ...r.historicPostcodes].flatMap((p) => (p === undefined ? [] : [p.full])),
  /** Current and earlier postcode districts (`LS6`). */
  'postcode-district': (r: MatchRecord) =>
    [r.postcode, ...r.historicPostcodes].flatMap((p) => (p === undefined ? [] : [p.district])),
} as const satisfies Record<string, (record: MatchRecord) => readonly string[]>;

/** One of the {@link KEY_PARTS}. */
export type KeyPart = keyof typeof KEY_PARTS;

/**
 * A blocking rule as data (Splink's `block_on(...)`): pairs whose keys under the rule are equal
 * are compared; all other pairs are not. Several rules are unioned, so a pair found by any rule
 * is a candidate (once).
 */
export interface BlockingRule {
  /** Stable id (`dob-family-phonetic`). */
  readonly id: string;
  /** The parts whose values are joined into the key. */
  readonly parts: readonly KeyPart[];
  /** Comparisons that always agree within a block of this rule (held fixed when EM trains on it). */
  readonly fixes: readonly ComparisonId[];
}

/**
 * The default rules. Each one misses some error pattern that another catches: a mistyped date of
 * birth is found by postcode and a name, or by names and year of birth; a former family name
 * by date of birth and a name, or date of birth and postcode district; swapped names by date of
 * birth or postcode with either name (`name-phonetic` holds both); a mistyped postcode by date
 * of birth and a name. The names-only rule takes the birth year, and the family-name rule the
 * year with the month or the day, so that their pairs stay few as the register grows
 * (docs/accuracy.md).
 */
export const DEFAULT_BLOCKING_RULES: readonly BlockingRule[] = [
  { id: 'nhs-number', parts: ['nhs-number'], fixes: ['nhs-number'] },
  { id: 'dob-name-phonetic', parts: ['birth-date', 'name-phonetic'], fixes: ['date-of-birth'] },
  { id: 'dob-district', parts: ['birth-date', 'postcode-district'], fixes: ['date-of-birth'] },
  { id: 'dob-given-initial', parts: ['birth-date', 'given-initial'], fixes: ['date-of-birth'] },
  {
    id: 'family-initial-year-month-or-day',
    parts: ['family-name', 'given-initial', 'birth-year', 'birth-month-or-day'],
    fixes: ['family-name'],
  },
  { id: 'postcode-year', parts: ['postcode', 'birth-year'], fixes: ['postcode'] },
  { id: 'postcode-name-phonetic', parts: ['postcode', 'name-phonetic'], fixes: ['postcode'] },
  {
    id: 'given-family-phonetic-year',
    parts: ['given-phonetic', 'family-phonetic', 'birth-year'],
    fixes: [],
  },
];

/** The default cap: a key shared by more register records than this is skipped (and warned). */
export const DEFAULT_KEY_CAP = 400;

/**
 * The keys of a record under a rule: every combination of its parts' values, joined by `|` and
 * prefixed with the rule id, without duplicates. Empty when any part is missing.
 * @param rule - the rule
 * @param record - the record
 * @example blockingKeys(rule, record) // ['dob-district|19500312|LS6']
 */
export function blockingKeys(rule: BlockingRule, record: MatchRecord): string[] {
  const keys = new Set<string>();
  forEachBlockingKey(rule, record, (values) => keys.add([rule.id, ...values].join('|')));
  return [...keys];
}

/**
 * A record's values of one key part, each once, in the order the part gives them (a part gives a
 * handful at most); none when the field is missing.
 * @param part - the key part
 * @param record - the record
 */
export function keyPartValues(part: KeyPart, record: MatchRecord): readonly string[] {
  const values = KEY_PARTS[part](record);
  return values.length <= 1 ? values : values.filter((value, i) => values.indexOf(value) === i);
}

/**
 * The keys of a record under a rule as their parts' values (one value per part, in the rule's
 * order, without the rule id), every combination once: what {@link blockingKeys} joins, for a
 * store that hashes the values as its SQL does (a search stages the keys of every request it
 * blocks). Visits nothing when any part is missing. `visit` is given the values in one array
 * that is reused: read it before returning.
 * @param rule - the rule
 * @param record - the record
 * @param visit - called once per key
 */
export function forEachBlockingKey(
  rule: BlockingRule,
  record: MatchRecord,
  visit: (values: readonly string[]) => void,
): void {
  const parts: (readonly string[])[] = [];
  for (const part of rule.parts) {
    const values = keyPartValues(part, record);
    if (values.length === 0) {
      return;
    }
    parts.push(values);
  }
  const current: string[] = [];
  const walk = (part: number): void => {
    const values = parts[part];
    if (values === undefined) {
      visit(current);
      return;
    }
    for (const value of values) {
      current[part] = value;
      walk(part + 1);
    }
  };
  walk(0);
}

/**
 * Counts, per rule, how many records carry each key.
 * @param rules - the rules
 * @param records - the records (a full side, or a sample)
 */
export function countKeys(
  rules: readonly BlockingRule[],
  records: Iterable<MatchRecord>,
): Map<string, number>[] {
  const counts = rules.map(() => new Map<string, number>());
  for (const record of records) {
    rules.forEach((rule, i) => {
      const map = counts[i];
      for (const key of blockingKeys(rule, record)) {
        map?.set(key, (map.get(key) ?? 0) + 1);
      }
    });
  }
  return counts;
}
