import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { ok, type Result } from '../../core/result.js';
import { roundRobinEm } from '../train/em.js';
import { estimateLambdaFromRules } from '../train/lambda.js';
import { estimateUFromRandomPairs } from '../train/u-random.js';
import { blockPairs, columnsFixedBy, rulePairs, type BlockingRule } from './blocking.js';
import { fromEngineModel, toEngineModel, type GenericModel } from './model.js';
import type { GenericRow } from './row.js';
import { compareRows } from './score.js';

/** How to train a generic model without labels (Splink's recommended sequence). */
export interface GenericTrainingOptions {
  /** Random pairs for u. */
  readonly uPairs: number;
  /** Seed of the random draw (xoroshiro128+); same seed, same model. */
  readonly seed: number;
  /** Deterministic rules whose (deduplicated) pairs are counted as matches for λ. */
  readonly lambdaRules: readonly BlockingRule[];
  /** Share of true matches the λ rules are believed to catch, in (0, 1]. */
  readonly recall: number;
  /** One EM pass per rule; each pass leaves the comparisons of the rule's columns alone. */
  readonly emBlocking: readonly BlockingRule[];
  readonly maxIterations: number;
}

/** What training used: counts for the summary. */
export interface GenericTrainingReport {
  readonly uPairs: number;
  readonly lambdaRulePairs: number;
  readonly totalPairs: number;
  readonly emPasses: readonly { readonly rule: string; readonly pairs: number }[];
}

/**
 * Trains a generic model on two inputs without labels: (1) u from the comparison vectors of
 * random left × right pairs, (2) λ from the pairs the deterministic rules accept, divided by
 * the assumed recall and all left × right pairs, (3) m by a round robin of EM passes, one per
 * EM blocking rule, each over that rule's pairs with the comparisons of its columns fixed. All
 * three steps are the engine's (`estimateUFromRandomPairs`, `estimateLambdaFromRules`,
 * `roundRobinEm`); this function only draws the pairs and builds the vectors. Fails (as a
 * value) when the λ rules match no pair.
 * @param model - the untrained model
 * @param left - rows of the left input
 * @param right - rows of the right input
 * @param options - training settings
 */
export function trainGenericModel(
  model: GenericModel,
  left: readonly GenericRow[],
  right: readonly GenericRow[],
  options: GenericTrainingOptions,
): Result<{ model: GenericModel; report: GenericTrainingReport }> {
  const vectorsOf = (pairs: readonly (readonly [number, number])[]): number[][] =>
    pairs.flatMap(([i, j]) => {
      const a = left[i];
      const b = right[j];
      return a === undefined || b === undefined ? [] : [compareRows(model, a, b)];
    });

  const rng = xoroshiro128plus(options.seed);
  const random: [number, number][] = [];
  const draws = left.length > 0 && right.length > 0 ? options.uPairs : 0;
  for (let k = 0; k < draws; k += 1) {
    random.push([uniformInt(rng, 0, left.length - 1), uniformInt(rng, 0, right.length - 1)]);
  }
  const withU = estimateUFromRandomPairs(toEngineModel(model), vectorsOf(random));

  const totalPairs = left.length * right.length;
  const lambdaRulePairs = blockPairs(options.lambdaRules, left, right).pairs.length;
  const withLambda = estimateLambdaFromRules(withU, {
    pairsMatchedByRules: lambdaRulePairs,
    totalPairs,
    recall: options.recall,
  });
  if (!withLambda.success) {
    return withLambda;
  }

  const passes = options.emBlocking.map((rule) => {
    const fixedColumns = new Set(columnsFixedBy(rule));
    return {
      rule: rule.name,
      fixed: model.comparisons.filter((c) => fixedColumns.has(c.column)).map((c) => c.id),
      vectors: vectorsOf(rulePairs(rule, left, right)),
    };
  });
  const trained = roundRobinEm(withLambda.data, passes, { maxIterations: options.maxIterations });
  return ok({
    model: fromEngineModel(model, trained),
    report: {
      uPairs: random.length,
      lambdaRulePairs,
      totalPairs,
      emPasses: passes.map((p) => ({ rule: p.rule, pairs: p.vectors.length })),
    },
  });
}
