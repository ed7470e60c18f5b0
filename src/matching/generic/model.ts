import type { Comparison, LevelTest } from '../model/comparison.js';
import type { MatchModel } from '../model/model.js';
import type { GenericComparison } from './levels.js';

/**
 * A Fellegi-Sunter model over named CSV columns: the engine's {@link MatchModel} (λ, term
 * frequency settings, provenance) with generic comparisons in place of the NHS ones.
 */
export type GenericModel = Omit<MatchModel, 'comparisons'> & {
  readonly comparisons: readonly GenericComparison[];
};

/**
 * The engine's `LevelTest` takes two `MatchRecord`s (NHS fields); generic rows are classified by
 * {@link GenericComparison.levelOf} instead. The engine's training functions read only levels'
 * kinds, m and u, never their tests, so the engine view carries this guard: calling it is a
 * programming error, not an input error.
 */
const classifiedByLevelOf: LevelTest = () => {
  throw new Error('generic comparison levels are classified by levelOf, not by MatchRecord tests');
};

/**
 * The engine view of a generic comparison: same id, label, options, levels and parameters,
 * so `estimateUFromRandomPairs`, `roundRobinEm`, `estimateLambdaFromRules` and `levelWeight`
 * work on it unchanged.
 * @param comparison - a generic comparison
 */
export function toEngineComparison(comparison: GenericComparison): Comparison {
  return {
    id: comparison.id,
    label: comparison.label,
    options: comparison.options,
    ...(comparison.tfBase === undefined ? {} : { tfBase: comparison.tfBase }),
    levels: comparison.levels.map((level) => ({
      id: level.id,
      label: level.label,
      kind: level.kind,
      m: level.m,
      u: level.u,
      test: classifiedByLevelOf,
    })),
  };
}

/**
 * The engine view of a generic model (see {@link toEngineComparison}).
 * @param model - a generic model
 */
export function toEngineModel(model: GenericModel): MatchModel {
  return { ...model, comparisons: model.comparisons.map(toEngineComparison) };
}

/**
 * Copies λ, provenance and every level's m and u from a trained engine view back into the
 * generic model (comparisons and levels correspond by position). Returns a new model.
 * @param model - the generic model the engine view was made from
 * @param trained - the engine view after training
 */
export function fromEngineModel(model: GenericModel, trained: MatchModel): GenericModel {
  return {
    ...model,
    lambda: trained.lambda,
    provenance: trained.provenance,
    comparisons: model.comparisons.map((comparison, c) => ({
      ...comparison,
      levels: comparison.levels.map((level, l) => {
        const next = trained.comparisons[c]?.levels[l];
        return next === undefined ? level : { ...level, m: next.m, u: next.u };
      }),
    })),
  };
}
