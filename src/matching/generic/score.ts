import { clampProbability, levelWeight } from '../model/comparison.js';
import { priorWeight } from '../model/model.js';
import { probabilityFromWeight } from '../weights.js';
import type { GenericModel } from './model.js';
import { toEngineComparison } from './model.js';
import { cell, type GenericRow } from './row.js';
import type { GenericTfTables } from './term-frequency.js';

/** The score of one pair of rows. */
export interface GenericScore {
  /** Total match weight in bits: prior + Σ level weights + Σ term-frequency adjustments. */
  readonly weight: number;
  /** `2^w / (1 + 2^w)`. */
  readonly probability: number;
  /** Per comparison, the index of the level the pair fell in (its comparison vector). */
  readonly levels: readonly number[];
}

/** A model prepared for scoring many pairs: weights computed once. */
export interface GenericScorer {
  readonly model: GenericModel;
  /**
   * Scores a pair.
   * @param left - a row of the left file
   * @param right - a row of the right file
   */
  readonly score: (left: GenericRow, right: GenericRow) => GenericScore;
}

/**
 * The comparison vector of a pair: per comparison, the index of its level.
 * @param model - the model
 * @param left - one row
 * @param right - the other
 */
export function compareRows(model: GenericModel, left: GenericRow, right: GenericRow): number[] {
  return model.comparisons.map((comparison) => comparison.levelOf(left, right));
}

/**
 * Prepares a scorer: level weights `log2(m/u)` through the engine's `levelWeight`, plus, on a
 * level marked `tf`, the engine's term-frequency rule `log2(u_exact / max(minimum, frequency))`
 * using the larger of the two values' frequencies (equal values on an exact level).
 * @param model - a trained model
 * @param tables - term frequencies; columns without a table get no adjustment
 */
export function genericScorer(model: GenericModel, tables?: GenericTfTables): GenericScorer {
  const prior = priorWeight(model.lambda);
  const minimum = model.termFrequency.minimumFrequency;
  const weights = model.comparisons.map((c) => toEngineComparison(c).levels.map(levelWeight));
  const tfBaseU = model.comparisons.map((c) => {
    const base = c.levels.find((level) => level.id === c.tfBase);
    return base === undefined ? undefined : clampProbability(base.u);
  });
  return {
    model,
    score: (left, right) => {
      let weight = prior;
      const levels = model.comparisons.map((comparison, c) => {
        const l = comparison.levelOf(left, right);
        weight += weights[c]?.[l] ?? 0;
        const table = tables?.get(comparison.column);
        const baseU = tfBaseU[c];
        if (comparison.levels[l]?.tf === true && table !== undefined && baseU !== undefined) {
          const frequencies = [cell(left, comparison.column), cell(right, comparison.column)]
            .map((v) => (v === undefined ? undefined : table.get(v)))
            .filter((f): f is number => f !== undefined);
          if (frequencies.length > 0) {
            weight += Math.log2(baseU / clampProbability(Math.max(minimum, ...frequencies)));
          }
        }
        return l;
      });
      return { weight, probability: probabilityFromWeight(weight), levels };
    },
  };
}
