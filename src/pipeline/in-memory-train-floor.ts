import { clampProbability, isTrainable, withTraining, type MatchModel } from '../matching/index.js';

/**
 * Keeps every agreement level's weight at or above its comparison's `else` (disagreement)
 * weight: EM gives a level that true matches seldom reach an m near 0 and so a weight far below
 * plain disagreement (a forename found among the other side's middle names at −22 bits), which
 * says agreement is stronger evidence against than disagreement. Such m are raised to
 * `u × m_else / u_else`, then the comparison's m are rescaled to sum to 1. Recorded in the
 * provenance as a manual step, with the levels it changed.
 * @param model - a trained model
 * @param at - optional ISO timestamp for the provenance
 */
export function floorWeights(model: MatchModel, at?: string): MatchModel {
  const raised: string[] = [];
  const comparisons = model.comparisons.map((comparison) => {
    const other = comparison.levels.find((l) => l.kind === 'else');
    if (other === undefined) {
      return comparison;
    }
    const ratio = clampProbability(other.m) / clampProbability(other.u);
    const floored = comparison.levels.map((level) => {
      if (level.kind !== 'agree' || level.m / clampProbability(level.u) >= ratio) {
        return level;
      }
      raised.push(`${comparison.id}/${level.id}`);
      return { ...level, m: level.u * ratio };
    });
    const total = floored.reduce((sum, l) => sum + (isTrainable(l) ? l.m : 0), 0);
    return {
      ...comparison,
      levels: floored.map((l) => (isTrainable(l) ? { ...l, m: l.m / total } : l)),
    };
  });
  if (raised.length === 0) {
    return model;
  }
  return withTraining(
    model,
    { comparisons },
    {
      step: 'manual',
      description: `m raised so no agreement level weighs less than disagreement (${raised.length} level(s))`,
      details: { levels: raised.join(', ') },
      ...(at === undefined ? {} : { at }),
    },
  );
}
