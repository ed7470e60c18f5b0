import {
  levelIndex,
  levelWeight,
  type Comparison,
  type ComparisonLevel,
} from './model/comparison.js';
import { priorWeight, type MatchModel } from './model/model.js';
import { tfAdjustment, type TermFrequencyLookup } from './model/term-frequency.js';
import type { MatchRecord } from './record.js';

/** One comparison's part of a score: the bar in the explanation waterfall. */
export interface Contribution {
  /** Comparison id (`family-name`). */
  readonly comparison: string;
  /** Comparison name for people (`Family name`). */
  readonly comparisonLabel: string;
  /** Level id (`exact`). */
  readonly level: string;
  /** Level label in plain English. */
  readonly label: string;
  readonly m: number;
  readonly u: number;
  /** `log2(m/u)` in bits; 0 for missing values. */
  readonly weight: number;
  /** Term-frequency adjustment in bits (0 when not applicable). */
  readonly tfAdjustment: number;
}

/** The score of one pair and how it was reached. */
export interface ScoreResult {
  /** Prior `log2(λ/(1−λ))` in bits. */
  readonly prior: number;
  /** Total match weight in bits: prior + Σ(weight + tfAdjustment). */
  readonly weight: number;
  /** `2^weight / (1 + 2^weight)`: probability that the pair is the same person. */
  readonly probability: number;
  readonly contributions: readonly Contribution[];
}

/**
 * The probability for a match weight, `2^w / (1 + 2^w)`, computed stably for large |w|.
 * @param weight - match weight in bits
 */
export function probabilityFromWeight(weight: number): number {
  return weight >= 0 ? 1 / (1 + 2 ** -weight) : 2 ** weight / (1 + 2 ** weight);
}

/**
 * The comparison vector of a pair: for each comparison of the model, the index of the level
 * the pair falls in. The unit that training works on.
 * @param left - one record
 * @param right - the other
 * @param model - the model whose comparisons apply
 */
export function compareRecords(left: MatchRecord, right: MatchRecord, model: MatchModel): number[] {
  return model.comparisons.map((comparison) => levelIndex(comparison, left, right));
}

/**
 * Scores a pair with the Fellegi-Sunter model: match weight = prior + Σ log2(m/u) + Σ TF terms,
 * probability = 2^w / (1 + 2^w). Symmetric: `score(a, b)` equals `score(b, a)`.
 * @param left - one record (a request)
 * @param right - the other (a register candidate)
 * @param model - the model
 * @param lookup - optional term frequencies; without it no TF adjustment is made
 * @example score(request, candidate, defaultModel()).probability
 */
export function score(
  left: MatchRecord,
  right: MatchRecord,
  model: MatchModel,
  lookup?: TermFrequencyLookup,
): ScoreResult {
  return scorePair({ left, right }, model, lookup);
}

/** A pair to score, with its comparison vector when already known. */
export interface ScoredPair {
  readonly left: MatchRecord;
  readonly right: MatchRecord;
  /**
   * The pair's comparison vector under the model (`compareRecords`, or the gammas the SQL search
   * computed, equal by test); worked out when absent.
   */
  readonly levels?: readonly number[];
}

/**
 * Contributions without a term-frequency adjustment, one per level of a model, frozen and shared
 * by every pair that falls in that level: a trace scores several candidates per request and keeps
 * their explanations until the chunk is written, so one object per comparison per candidate was
 * a good part of what the garbage collector had to copy.
 */
const plainContributions = new WeakMap<ComparisonLevel, Contribution>();

function plainContribution(comparison: Comparison, level: ComparisonLevel): Contribution {
  const known = plainContributions.get(level);
  if (known !== undefined && known.comparison === comparison.id) {
    return known;
  }
  const made: Contribution = Object.freeze({
    comparison: comparison.id,
    comparisonLabel: comparison.label,
    level: level.id,
    label: level.label,
    m: level.m,
    u: level.u,
    weight: levelWeight(level),
    tfAdjustment: 0,
  });
  plainContributions.set(level, made);
  return made;
}

/**
 * The match weight of a pair whose comparison vector is known: the sum {@link scorePair} makes,
 * term by term in the same order (so the same number), without the explanation. For ranking
 * every blocked candidate of a request, of which only the best few are then scored in full.
 * @param pair - the records and their comparison vector
 * @param model - the model
 * @param lookup - optional term frequencies, as for {@link scorePair}
 */
export function pairWeight(
  pair: ScoredPair & { readonly levels: readonly number[] },
  model: MatchModel,
  lookup?: TermFrequencyLookup,
): number {
  const { left, right, levels } = pair;
  const tfContext = {
    minimumFrequency: model.termFrequency.minimumFrequency,
    ...(lookup ? { lookup } : {}),
  };
  let weight = priorWeight(model.lambda);
  model.comparisons.forEach((comparison, c) => {
    const level = comparison.levels[levels[c] ?? -1];
    if (level === undefined) {
      throw new Error(`comparison ${comparison.id} has no level ${String(levels[c])}`);
    }
    weight =
      weight + levelWeight(level) + tfAdjustment({ comparison, level }, left, right, tfContext);
  });
  return weight;
}

/**
 * {@link score}, reusing the pair's comparison vector when it is given.
 * @param pair - the records, and their comparison vector when known
 * @param model - the model
 * @param lookup - optional term frequencies; without it no TF adjustment is made
 */
export function scorePair(
  pair: ScoredPair,
  model: MatchModel,
  lookup?: TermFrequencyLookup,
): ScoreResult {
  const { left, right, levels } = pair;
  const prior = priorWeight(model.lambda);
  const tfContext = {
    minimumFrequency: model.termFrequency.minimumFrequency,
    ...(lookup ? { lookup } : {}),
  };
  const contributions = model.comparisons.map((comparison, c): Contribution => {
    const level = comparison.levels[levels?.[c] ?? levelIndex(comparison, left, right)];
    if (level === undefined) {
      throw new Error(`comparison ${comparison.id} has no levels`);
    }
    const plain = plainContribution(comparison, level);
    const adjustment = tfAdjustment({ comparison, level }, left, right, tfContext);
    // Written out rather than spread: a spread of a frozen object takes V8's slow copy.
    return adjustment === 0
      ? plain
      : {
          comparison: plain.comparison,
          comparisonLabel: plain.comparisonLabel,
          level: plain.level,
          label: plain.label,
          m: plain.m,
          u: plain.u,
          weight: plain.weight,
          tfAdjustment: adjustment,
        };
  });
  const weight = contributions.reduce((sum, c) => sum + c.weight + c.tfAdjustment, prior);
  return { prior, weight, probability: probabilityFromWeight(weight), contributions };
}
