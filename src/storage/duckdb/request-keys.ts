/**
 * A request's keys for the keys files, hashed in TypeScript (`duckDbHash`) exactly as the index
 * hashed the register's in SQL: its blocking keys under the index's rules (`ruleKeysSql`:
 * `hash(rule id, values…)`), and its exact look-up keys (`EXACT_KEYS_SQL`). Staging them in
 * DuckDB to be hashed there cost an appender row per key and a query per chunk, on the thread
 * that also reads and answers the rows.
 */
import { keyPartValues, type BlockingRule, type KeyPart } from '../../matching/blocking.js';
import { birthDateDigits, type MatchRecord } from '../../matching/index.js';
import { combineHash, duckDbHash, startHash, type KeyHash } from './duckdb-hash.js';

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

/** Each rule's `hash(rule id)`, the start of every one of its keys. */
const ruleHashes = new Map<string, KeyHash>();

function ruleHash(id: string): KeyHash {
  let hash = ruleHashes.get(id);
  if (hash === undefined) {
    hash = startHash(id, { high: 0, low: 0 });
    ruleHashes.set(id, hash);
  }
  return hash;
}

/** The hash of a key's first values, one per depth, reused (see {@link visitCombinations}). */
const prefixes: KeyHash[] = [];

/**
 * Visits the hash of every combination of one value from each of `lists[depth…]`, in order,
 * each extending `row`, the hash of the values before them. A value is combined in once for all
 * the keys that share it and what precedes it.
 */
function visitCombinations(
  lists: readonly (readonly string[])[],
  depth: number,
  row: KeyHash,
  visit: (key: KeyHash) => void,
): void {
  const values = lists[depth];
  if (values === undefined) {
    key.high = row.high;
    key.low = row.low;
    visit(key);
    return;
  }
  const prefix = (prefixes[depth] ??= { high: 0, low: 0 });
  for (const value of values) {
    visitCombinations(lists, depth + 1, combineHash(row, value, prefix), visit);
  }
}

/** One request's values by key part, read once for all the rules that use the part. */
const valuesByPart = new Map<KeyPart, readonly string[]>();
const ruleLists: (readonly string[])[] = [];

/**
 * Visits a request's blocking keys under `rules`, hashed as the index's: for each rule, every
 * combination of its parts' values that `forEachBlockingKey` gives, in the same order, as
 * `hash(rule id, values…)`. Each part's values are read once per request, the rule id's hash
 * once per process, and the values a rule's keys begin with once per rule (a profile of a
 * trace put a third of the search worker's time in making and hashing these keys).
 * @param rules - the index's rules
 * @param record - the request's match record
 * @param visit - receives each key (the key object is reused: read it at once)
 */
export function forEachBlockingKeyHash(
  rules: readonly BlockingRule[],
  record: MatchRecord,
  visit: (key: KeyHash) => void,
): void {
  valuesByPart.clear();
  for (const rule of rules) {
    ruleLists.length = 0;
    for (const part of rule.parts) {
      let values = valuesByPart.get(part);
      if (values === undefined) {
        values = keyPartValues(part, record);
        valuesByPart.set(part, values);
      }
      if (values.length === 0) {
        break;
      }
      ruleLists.push(values);
    }
    if (ruleLists.length === rule.parts.length) {
      visitCombinations(ruleLists, 0, ruleHash(rule.id), visit);
    }
  }
  valuesByPart.clear();
}
