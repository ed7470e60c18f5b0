import type { MatchRecord } from '../record.js';

/**
 * What a level means for the weight:
 * - `null`: a value is missing on either side; weighs 0 and is never trained;
 * - `neutral`: the evidence is counted by another comparison (names swapped); weighs 0;
 * - `agree`: some degree of agreement, weight `log2(m/u)`;
 * - `else`: none of the above (disagreement); always matches, always last.
 */
export type LevelKind = 'null' | 'neutral' | 'agree' | 'else';

/** The record field whose value frequency adjusts an exact match (Splink term-frequency). */
export type TfColumn = 'given-name' | 'family-name' | 'postcode';

/** A predicate over a pair; must be symmetric: `test(a, b) === test(b, a)`. */
export type LevelTest = (left: MatchRecord, right: MatchRecord) => boolean;

/**
 * One outcome of a comparison. `m` = P(this level | the pair is the same person),
 * `u` = P(this level | two different people); both probabilities in (0, 1].
 */
export interface ComparisonLevel {
  /** Stable key used in model files and SQL (`exact`, `jw-0.92`). */
  readonly id: string;
  /** Plain-English description shown in explanations. */
  readonly label: string;
  readonly kind: LevelKind;
  readonly m: number;
  readonly u: number;
  readonly test: LevelTest;
  /** Present on exact-match levels whose u is replaced by the value's frequency. */
  readonly tf?: TfColumn;
}

/** Tunable thresholds of a comparison (Jaro-Winkler cut-offs); numbers only, serialisable. */
export type ComparisonOptions = Readonly<Record<string, number>>;

/**
 * A comparison: an ordered list of levels, null first and else last; a pair falls in the first
 * level whose test passes. Data, not code paths: the scorer and trainer treat all alike.
 */
export interface Comparison {
  /** Which builder made it (`given-name`); the key in model files. */
  readonly id: string;
  readonly label: string;
  readonly options: ComparisonOptions;
  readonly levels: readonly ComparisonLevel[];
  /**
   * The exact-match level whose u is the average frequency of a value; a term-frequency
   * adjustment on any level of this comparison is `log2(u of this level / value frequency)`.
   * Defaults to the level carrying `tf` itself.
   */
  readonly tfBase?: string;
}

/** m and u are clamped to [1e-10, 1] before the logarithm, so no weight is infinite. */
export const MIN_PROBABILITY = 1e-10;

/**
 * Clamps a probability into [{@link MIN_PROBABILITY}, 1].
 * @param p - a probability (NaN counts as the minimum)
 */
export function clampProbability(p: number): number {
  if (!(p >= MIN_PROBABILITY)) {
    return MIN_PROBABILITY;
  }
  return Math.min(1, p);
}

/**
 * The match weight of a level in bits: `log2(m/u)` for `agree` and `else`, 0 for `null` and
 * `neutral` levels (no evidence either way).
 * @param level - a comparison level
 */
export function levelWeight(level: ComparisonLevel): number {
  if (level.kind === 'null' || level.kind === 'neutral') {
    return 0;
  }
  return Math.log2(clampProbability(level.m) / clampProbability(level.u));
}

/**
 * The index of the first level whose test passes; the else level catches everything.
 * @param comparison - the comparison
 * @param left - one record
 * @param right - the other record
 */
export function levelIndex(comparison: Comparison, left: MatchRecord, right: MatchRecord): number {
  const i = comparison.levels.findIndex(
    (level) => level.kind === 'else' || level.test(left, right),
  );
  return i < 0 ? comparison.levels.length - 1 : i;
}

/** True for levels that carry evidence and are estimated by training (`agree`, `else`). */
export function isTrainable(level: ComparisonLevel): boolean {
  return level.kind === 'agree' || level.kind === 'else';
}

/**
 * Returns a copy of a comparison with new m and/or u on some levels (immutable update).
 * @param comparison - the comparison to copy
 * @param updates - per level id, the new values
 */
export function withParameters(
  comparison: Comparison,
  updates: ReadonlyMap<string, { readonly m?: number; readonly u?: number }>,
): Comparison {
  return {
    ...comparison,
    levels: comparison.levels.map((level) => {
      const update = updates.get(level.id);
      return update === undefined ? level : { ...level, ...update };
    }),
  };
}
