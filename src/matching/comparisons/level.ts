import type { ComparisonLevel, LevelTest, TfColumn } from '../model/comparison.js';
import type { MatchRecord } from '../record.js';

/** Default m and u of one level, before any training. */
export interface LevelDefaults {
  readonly m: number;
  readonly u: number;
}

/**
 * An `agree` level.
 * @param id - stable key
 * @param label - plain-English description
 * @param defaults - starting m and u
 * @param test - symmetric predicate over the pair
 */
export function agree(
  id: string,
  label: string,
  defaults: LevelDefaults,
  test: LevelTest,
): ComparisonLevel {
  return { id, label, kind: 'agree', ...defaults, test };
}

/**
 * An exact-match `agree` level whose u is replaced by the value's frequency when a
 * term-frequency table is supplied.
 * @param tf - the column whose frequencies apply
 * @param level - the level to mark
 */
export function withTf(tf: TfColumn, level: ComparisonLevel): ComparisonLevel {
  return { ...level, tf };
}

/**
 * The `null` level: a value is missing on either side. Weighs 0; its m and u are unused (1, 1).
 * @param label - what is missing
 * @param missing - true when the record lacks the value
 */
export function nullLevel(
  label: string,
  missing: (record: MatchRecord) => boolean,
): ComparisonLevel {
  return {
    id: 'null',
    label,
    kind: 'null',
    m: 1,
    u: 1,
    test: (left, right) => missing(left) || missing(right),
  };
}

/**
 * A `neutral` level: evidence counted by another comparison. Weighs 0; m and u unused (1, 1).
 * @param id - stable key
 * @param label - description naming the comparison that counts it
 * @param test - symmetric predicate
 */
export function neutral(id: string, label: string, test: LevelTest): ComparisonLevel {
  return { id, label, kind: 'neutral', m: 1, u: 1, test };
}

/**
 * The `else` level, always last. Its default m and u are whatever probability the other
 * trainable levels leave, so each comparison's m and u each sum to 1.
 * @param label - description of disagreement
 * @param others - the levels before it
 */
export function elseLevel(label: string, others: readonly ComparisonLevel[]): ComparisonLevel {
  const trainable = others.filter((level) => level.kind === 'agree');
  const m = 1 - trainable.reduce((sum, level) => sum + level.m, 0);
  const u = 1 - trainable.reduce((sum, level) => sum + level.u, 0);
  return { id: 'else', label, kind: 'else', m, u, test: () => true };
}

/**
 * True when the given and family names are swapped between the two records (JOHN SMITH vs
 * SMITH JOHN). Symmetric; false when a person's given and family names are the same word.
 * @param left - one record
 * @param right - the other
 */
export function namesSwapped(left: MatchRecord, right: MatchRecord): boolean {
  return (
    left.givenFirst !== undefined &&
    left.familyName !== undefined &&
    left.givenFirst !== left.familyName &&
    left.givenFirst === right.familyName &&
    left.familyName === right.givenFirst
  );
}
