import { isTrainable, type Comparison } from '../model/comparison.js';
import { withTraining, type MatchModel } from '../model/model.js';
import type { LabelledVector } from './labelled.js';
import { countLevels } from './level-estimates.js';

/** Settings of {@link combineLabelledM}. */
export interface LabelledMOptions {
  /**
   * A level takes its m from the labels only when at least this many labelled matches fell in
   * it; the levels under it fall back to the model's (EM) m. Default 10.
   */
  readonly minimumMatches?: number;
  /** ISO timestamp for the provenance. */
  readonly at?: string;
  /** Extra counts for the provenance (decisions, jobs, pairs skipped, …). */
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

/** Where each trainable level's m came from, as `comparison/level (labelled matches)`. */
export interface LabelledMResult {
  readonly model: MatchModel;
  /** Levels whose m comes from the labelled matches. */
  readonly fromLabels: readonly string[];
  /** Levels that kept the model's m, or its proportions (too few labelled matches). */
  readonly fromEm: readonly string[];
  /** Labelled matches and non-matches used. */
  readonly matches: number;
  readonly nonMatches: number;
}

/** The default minimum number of labelled matches a level needs to take its m from them. */
export const DEFAULT_MINIMUM_LABELLED_MATCHES = 10;

/**
 * The combine rule for one comparison. n(l) = labelled matches at trainable level l, N = their
 * sum. Levels with n(l) ≥ k are "labelled"; the rest form the "sparse pool".
 * - No labelled level: the comparison is unchanged.
 * - The pool holds ≥ k labelled matches (or is empty): every labelled level gets its labelled
 *   frequency n(l)/N, and the pool's share Σ n / N is split among its levels in the proportions
 *   the model (EM) gave them.
 * - The pool holds fewer than k: too few to measure how often matches fall there, so the pool
 *   levels keep the model's m and the labelled levels share what is left, in proportion to n(l).
 * Null and neutral levels are untouched; the trainable m still sum to 1.
 */
function combineComparison(
  comparison: Comparison,
  counts: readonly number[],
  minimum: number,
): { comparison: Comparison; labelled: boolean[] } {
  const trainable = comparison.levels.map(isTrainable);
  const labelled = comparison.levels.map(
    (_, i) => trainable[i] === true && (counts[i] ?? 0) >= minimum,
  );
  if (!labelled.includes(true)) {
    return { comparison, labelled };
  }
  const pooled = (i: number): boolean => trainable[i] === true && labelled[i] !== true;
  const sum = (pick: (i: number) => boolean, value: (i: number) => number): number =>
    comparison.levels.reduce((total, _, i) => total + (pick(i) ? value(i) : 0), 0);
  const count = (i: number): number => counts[i] ?? 0;
  const emM = (i: number): number => comparison.levels[i]?.m ?? 0;
  const total = sum((i) => trainable[i] === true, count);
  const labelledTotal = sum((i) => labelled[i] === true, count);
  const poolCount = total - labelledTotal;
  const poolEm = sum(pooled, emM);
  const poolCounts = poolCount >= minimum || !comparison.levels.some((_, i) => pooled(i));
  const m = (i: number): number => {
    if (labelled[i] === true) {
      return poolCounts ? count(i) / total : (Math.max(0, 1 - poolEm) * count(i)) / labelledTotal;
    }
    if (!poolCounts) {
      return emM(i);
    }
    const poolShare = poolCount / total;
    const poolLevels = comparison.levels.filter((_, j) => pooled(j)).length;
    return poolEm > 0 ? (poolShare * emM(i)) / poolEm : poolShare / poolLevels;
  };
  return {
    comparison: {
      ...comparison,
      levels: comparison.levels.map((level, i) =>
        trainable[i] === true ? { ...level, m: m(i) } : level,
      ),
    },
    labelled,
  };
}

/**
 * Estimates m from reviewers' labelled matches on top of a trained model (Splink's
 * `estimate_m_from_pairwise_labels`, with a fallback for sparse levels): a level with at least
 * `minimumMatches` labelled matches takes its m from them, the others keep the model's EM
 * estimate (see the rule in `combineComparison`). u and λ are untouched: labels from a review
 * queue are the hard cases, not a random sample of non-matches, so u stays from random pairs.
 * Labelled non-matches are counted in the provenance but estimate nothing. The new step records
 * which levels came from the labels and which from EM. Returns a new model.
 * @param model - the trained (unlabelled) model
 * @param labelled - labelled comparison vectors under this model
 * @param options - minimum matches per level, provenance time and extra counts
 */
export function combineLabelledM(
  model: MatchModel,
  labelled: readonly LabelledVector[],
  options: LabelledMOptions = {},
): LabelledMResult {
  const minimum = options.minimumMatches ?? DEFAULT_MINIMUM_LABELLED_MATCHES;
  const matches = labelled.filter((p) => p.isMatch).map((p) => p.vector);
  const nonMatches = labelled.length - matches.length;
  const counts = countLevels(model.comparisons, matches);
  const fromLabels: string[] = [];
  const fromEm: string[] = [];
  const comparisons = model.comparisons.map((comparison, c) => {
    const row = counts[c] ?? [];
    const combined = combineComparison(comparison, row, minimum);
    comparison.levels.forEach((level, l) => {
      if (isTrainable(level)) {
        const name = `${comparison.id}/${level.id} (${row[l] ?? 0})`;
        (combined.labelled[l] === true ? fromLabels : fromEm).push(name);
      }
    });
    return combined.comparison;
  });
  const trained = withTraining(
    model,
    { comparisons },
    {
      step: 'labelled-pairs',
      description:
        `m from ${matches.length} reviewer-labelled matches for ${fromLabels.length} level(s) ` +
        `with at least ${minimum} each, EM m kept for ${fromEm.length}; ` +
        `u kept from random pairs (${nonMatches} labelled non-matches not used for u)`,
      details: {
        ...options.details,
        matches: matches.length,
        nonMatches,
        minimumMatchesPerLevel: minimum,
        levelsFromLabels: fromLabels.join(', '),
        levelsFromEm: fromEm.join(', '),
        u: 'random pairs',
      },
      ...(options.at === undefined ? {} : { at: options.at }),
    },
  );
  return { model: trained, fromLabels, fromEm, matches: matches.length, nonMatches };
}
