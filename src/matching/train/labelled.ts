import { withTraining, type MatchModel } from '../model/model.js';
import { countLevels, estimateFromCounts, type ComparisonVector } from './level-estimates.js';

/** A pair whose truth a person has decided (review decisions, clerical labels). */
export interface LabelledVector {
  readonly vector: ComparisonVector;
  readonly isMatch: boolean;
}

/**
 * Estimates m from pairs labelled as matches and u from pairs labelled as non-matches
 * (Splink's `estimate_m_from_pairwise_labels`, plus u). A class with no labels leaves its
 * parameter unchanged. Labels from a review queue are not a random sample: prefer random-pair u
 * and use this mainly for m. Returns a new model.
 * @param model - the model to update
 * @param labelled - labelled comparison vectors
 * @param at - optional ISO timestamp for the provenance
 */
export function estimateFromLabelledPairs(
  model: MatchModel,
  labelled: readonly LabelledVector[],
  at?: string,
): MatchModel {
  const matches = labelled.filter((p) => p.isMatch).map((p) => p.vector);
  const nonMatches = labelled.filter((p) => !p.isMatch).map((p) => p.vector);
  const mCounts = countLevels(model.comparisons, matches);
  const uCounts = countLevels(model.comparisons, nonMatches);
  const comparisons = model.comparisons.map((comparison, i) => {
    const withM =
      matches.length > 0
        ? estimateFromCounts(comparison, mCounts[i] ?? [], 'm').comparison
        : comparison;
    return nonMatches.length > 0
      ? estimateFromCounts(withM, uCounts[i] ?? [], 'u').comparison
      : withM;
  });
  return withTraining(
    model,
    { comparisons },
    {
      step: 'labelled-pairs',
      description: `m from ${matches.length} labelled matches, u from ${nonMatches.length} labelled non-matches`,
      details: { matches: matches.length, nonMatches: nonMatches.length },
      ...(at === undefined ? {} : { at }),
    },
  );
}
