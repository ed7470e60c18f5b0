/**
 * A request's keys for the keys files, hashed in TypeScript (`duckDbHash`) exactly as the index
 * hashed the register's in SQL: its blocking keys under the index's rules (`ruleKeysSql`:
 * `hash(rule id, values…)`), and its exact look-up keys (`EXACT_KEYS_SQL`). Staging them in
 * DuckDB to be hashed there cost an appender row per key and a query per chunk, on the thread
 * that also reads and answers the rows.
 */
import { forEachBlockingKey, type BlockingRule } from '../../matching/blocking.js';
import { birthDateDigits, type MatchRecord } from '../../matching/index.js';
import { duckDbHash, type KeyHash } from './duckdb-hash.js';

/** The kinds of exact key, in the order a request's are visited (`EXACT_KEYS_SQL`). */
export const EXACT_KINDS = { number: 0, birthDate: 1, birthYear: 2 } as const;

/** The exact look-up's kind: 0 the number, 1 family name and full date, 2 family name and year. */
export type ExactKind = (typeof EXACT_KINDS)[keyof typeof EXACT_KINDS];

const key: KeyHash = { high: 0, low: 0 };
const one: string[] = [''];
const two: (string | number)[] = ['', 0];

/**
 * Visits a request's exact keys in kind order: its NHS Number (`hash('n', number)`); its family
 * name with the full date of birth's digits (`hash('d', …)`) when it has the day, else with the
 * birth year (`hash('y', family, year)`, the year an INTEGER).
 * @param record - the request's match record
 * @param visit - receives each kind and key (the key object is reused: read it at once)
 */
export function forEachExactKey(
  record: MatchRecord,
  visit: (kind: ExactKind, key: KeyHash) => void,
): void {
  if (record.nhsNumber !== undefined) {
    one[0] = record.nhsNumber;
    visit(EXACT_KINDS.number, duckDbHash('n', one, key));
  }
  const family = record.familyName;
  const birth = record.birthDate;
  if (family === undefined || birth === undefined) {
    return;
  }
  two[0] = family;
  if (birth.day !== undefined) {
    two[1] = birthDateDigits(birth);
    visit(EXACT_KINDS.birthDate, duckDbHash('d', two, key));
  } else {
    two[1] = birth.year;
    visit(EXACT_KINDS.birthYear, duckDbHash('y', two, key));
  }
}

/**
 * The key of an NHS Number in the exact keys file (`hash('n', number)`).
 * @param number - the number
 * @param into - receives the key
 */
export function numberKey(number: string, into: KeyHash): KeyHash {
  one[0] = number;
  return duckDbHash('n', one, into);
}

/**
 * Visits a request's blocking keys under `rules` (`forEachBlockingKey`), hashed as the index's.
 * @param rules - the index's rules
 * @param record - the request's match record
 * @param visit - receives each key (the key object is reused: read it at once)
 */
export function forEachBlockingKeyHash(
  rules: readonly BlockingRule[],
  record: MatchRecord,
  visit: (key: KeyHash) => void,
): void {
  for (const rule of rules) {
    forEachBlockingKey(rule, record, (values) => {
      visit(duckDbHash(rule.id, values, key));
    });
  }
}
