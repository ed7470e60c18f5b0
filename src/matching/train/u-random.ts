import type { MatchModel } from '../model/model.js';
import { withTraining } from '../model/model.js';
import { countLevels, estimateFromCounts, type ComparisonVector } from './level-estimates.js';

/**
 * Estimates u (how often two different people agree at each level) from comparison vectors of
 * random pairs, Splink's `estimate_u_using_random_sampling`: almost every random pair is two
 * different people, so u of a level is simply its share of the non-missing comparisons. The
 * caller draws the random pairs (from the store) and passes their vectors; this only counts.
 * Levels never seen keep their previous u. Returns a new model; the input is unchanged.
 * @param model - the model to update
 * @param vectors - comparison vectors of random pairs (1e5–1e7 is typical)
 * @param at - optional ISO timestamp for the provenance
 */
export function estimateUFromRandomPairs(
  model: MatchModel,
  vectors: readonly ComparisonVector[],
  at?: string,
): MatchModel {
  const counts = countLevels(model.comparisons, vectors);
  const estimates = model.comparisons.map((c, i) => estimateFromCounts(c, counts[i] ?? [], 'u'));
  const unobserved = estimates.flatMap((e) => e.unobserved.map((id) => `${e.comparison.id}/${id}`));
  return withTraining(
    model,
    { comparisons: estimates.map((e) => e.comparison) },
    {
      step: 'u-random-sampling',
      description: `u estimated from ${vectors.length} random pairs`,
      details: { pairs: vectors.length, unobservedLevels: unobserved.join(', ') },
      ...(at === undefined ? {} : { at }),
    },
  );
}
