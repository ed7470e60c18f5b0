import { isTrainable, type Comparison } from '../model/comparison.js';

/** A comparison vector: for each comparison of a model, the index of the level a pair fell in. */
export type ComparisonVector = readonly number[];

/** New probabilities for one comparison, and the levels the data never showed. */
export interface LevelEstimate {
  readonly comparison: Comparison;
  /** Ids of trainable levels with no observations; they keep their previous value. */
  readonly unobserved: readonly string[];
}

/**
 * Turns (weighted) level counts into new m or u values for one comparison. Trainable levels
 * with a positive count share what the unobserved ones leave, in proportion to their counts;
 * unobserved levels keep their previous value, so the values still sum to 1 and no level
 * collapses to 0 just because a sample was small. Null and neutral levels are untouched.
 * @param comparison - the comparison to update
 * @param counts - per level index, the (possibly fractional) number of pairs
 * @param key - which probability to estimate
 */
export function estimateFromCounts(
  comparison: Comparison,
  counts: readonly number[],
  key: 'm' | 'u',
): LevelEstimate {
  const trainable = comparison.levels.map(isTrainable);
  const observed = (i: number): boolean => trainable[i] === true && (counts[i] ?? 0) > 0;
  const total = counts.reduce((sum, c, i) => sum + (observed(i) ? c : 0), 0);
  if (total <= 0) {
    return { comparison, unobserved: comparison.levels.filter(isTrainable).map((l) => l.id) };
  }
  const reserved = comparison.levels.reduce(
    (sum, level, i) => sum + (trainable[i] === true && !observed(i) ? level[key] : 0),
    0,
  );
  const share = Math.max(0, 1 - reserved);
  return {
    comparison: {
      ...comparison,
      levels: comparison.levels.map((level, i) =>
        observed(i) ? { ...level, [key]: (share * (counts[i] ?? 0)) / total } : level,
      ),
    },
    unobserved: comparison.levels
      .filter((_, i) => trainable[i] === true && !observed(i))
      .map((l) => l.id),
  };
}

/**
 * Counts, per comparison and level, the pairs (optionally weighted) of a set of vectors.
 * @param comparisons - the model's comparisons
 * @param vectors - comparison vectors
 * @param weightOf - weight of each pair (default 1)
 */
export function countLevels(
  comparisons: readonly Comparison[],
  vectors: Iterable<ComparisonVector>,
  weightOf: (vector: ComparisonVector, i: number) => number = () => 1,
): number[][] {
  const counts = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
  let i = 0;
  for (const vector of vectors) {
    const w = weightOf(vector, i);
    i += 1;
    vector.forEach((level, c) => {
      const row = counts[c];
      if (row !== undefined && level >= 0 && level < row.length) {
        row[level] = (row[level] ?? 0) + w;
      }
    });
  }
  return counts;
}
