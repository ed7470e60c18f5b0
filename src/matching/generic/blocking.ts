import { cell, type GenericRow } from './row.js';

/**
 * One part of a blocking key: the left row's column `left` must equal the right row's column
 * `right` (the same column on both sides, or two different ones, e.g. given name against
 * surname to catch swapped names), optionally on the first `prefix` characters only.
 */
export interface BlockingKeyPart {
  readonly left: string;
  readonly right: string;
  /** Compare only this many leading characters (Splink `substr(col, 1, n)`). */
  readonly prefix?: number;
}

/** An equality blocking rule: a pair is a candidate when every part agrees (SQL `AND`). */
export interface BlockingRule {
  /** A name people recognise, shown in pair counts (`given_name+surname`). */
  readonly name: string;
  readonly on: readonly BlockingKeyPart[];
}

/** A candidate pair: row indices into the left and right inputs. */
export type CandidatePair = readonly [left: number, right: number];

/** How many pairs one rule found, and how many no earlier rule had already found. */
export interface RuleCount {
  readonly rule: string;
  readonly pairs: number;
  readonly newPairs: number;
}

/** The candidate pairs of a list of rules and how each rule contributed. */
export interface Blocked {
  readonly pairs: readonly CandidatePair[];
  readonly counts: readonly RuleCount[];
}

/**
 * The blocking key of a row on one side, or `undefined` when a part is missing (a missing value
 * never blocks two rows together, like SQL `NULL = NULL`).
 * @param rule - the rule
 * @param side - which side's columns to read
 * @param row - the row
 */
export function blockingKey(
  rule: BlockingRule,
  side: 'left' | 'right',
  row: GenericRow,
): string | undefined {
  const parts: string[] = [];
  for (const part of rule.on) {
    const value = cell(row, part[side]);
    if (value === undefined) {
      return undefined;
    }
    parts.push(part.prefix === undefined ? value : value.slice(0, part.prefix));
  }
  return parts.join('\u0000');
}

/**
 * The pairs one rule makes, by a hash join on the key (no all-pairs scan).
 * @param rule - the rule
 * @param left - left rows
 * @param right - right rows
 */
export function rulePairs(
  rule: BlockingRule,
  left: readonly GenericRow[],
  right: readonly GenericRow[],
): CandidatePair[] {
  const index = new Map<string, number[]>();
  right.forEach((row, j) => {
    const key = blockingKey(rule, 'right', row);
    if (key !== undefined) {
      const bucket = index.get(key);
      if (bucket === undefined) {
        index.set(key, [j]);
      } else {
        bucket.push(j);
      }
    }
  });
  const pairs: CandidatePair[] = [];
  left.forEach((row, i) => {
    const key = blockingKey(rule, 'left', row);
    for (const j of key === undefined ? [] : (index.get(key) ?? [])) {
      pairs.push([i, j]);
    }
  });
  return pairs;
}

/**
 * The union of the pairs of several rules, each pair once (Splink's rule: a pair belongs to the
 * first rule that makes it; later rules skip pairs an earlier rule also makes).
 * @param rules - blocking rules, in order
 * @param left - left rows
 * @param right - right rows
 */
export function blockPairs(
  rules: readonly BlockingRule[],
  left: readonly GenericRow[],
  right: readonly GenericRow[],
): Blocked {
  const pairs: CandidatePair[] = [];
  const counts = rules.map((rule, r): RuleCount => {
    const earlier = rules.slice(0, r);
    const found = rulePairs(rule, left, right);
    const fresh = found.filter(([i, j]) => {
      const a = left[i];
      const b = right[j];
      return (
        a !== undefined &&
        b !== undefined &&
        !earlier.some((e) => {
          const key = blockingKey(e, 'left', a);
          return key !== undefined && key === blockingKey(e, 'right', b);
        })
      );
    });
    pairs.push(...fresh);
    return { rule: rule.name, pairs: found.length, newPairs: fresh.length };
  });
  return { pairs, counts };
}

/**
 * The columns a rule reads, on either side (Splink's rule for EM): within its pairs the
 * comparisons of these columns agree (or nearly, for a prefix) by construction, so EM must not
 * estimate their m from these pairs.
 * @param rule - the rule
 */
export function columnsFixedBy(rule: BlockingRule): string[] {
  return [...new Set(rule.on.flatMap((part) => [part.left, part.right]))];
}
