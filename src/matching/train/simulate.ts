import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { isTrainable } from '../model/comparison.js';
import type { MatchModel } from '../model/model.js';
import type { LabelledVector } from './labelled.js';

/** Settings of {@link simulateVectors}. */
export interface SimulationOptions {
  readonly pairs: number;
  /** Share of pairs that are matches. */
  readonly lambda: number;
  /** Share of comparisons with a missing value (null level). Default 0. */
  readonly nullRate?: number;
  readonly seed: number;
}

/**
 * Draws comparison vectors from a known model, for testing that training recovers the model:
 * each pair is a match with probability λ, then each comparison's level is drawn from the m
 * (match) or u (non-match) distribution of its trainable levels, or is the null level with
 * probability `nullRate`. Seeded and deterministic (xoroshiro128+).
 * @param model - the true model
 * @param options - number of pairs, λ, missingness, seed
 */
export function simulateVectors(model: MatchModel, options: SimulationOptions): LabelledVector[] {
  const rng = xoroshiro128plus(options.seed);
  const out: LabelledVector[] = [];
  for (let i = 0; i < options.pairs; i += 1) {
    const isMatch = uniformFloat64(rng) < options.lambda;
    const vector = model.comparisons.map((comparison) => {
      const nullIndex = comparison.levels.findIndex((level) => level.kind === 'null');
      if (nullIndex >= 0 && uniformFloat64(rng) < (options.nullRate ?? 0)) {
        return nullIndex;
      }
      let draw = uniformFloat64(rng);
      let last = comparison.levels.length - 1;
      for (let l = 0; l < comparison.levels.length; l += 1) {
        const level = comparison.levels[l];
        if (level === undefined || !isTrainable(level)) {
          continue;
        }
        last = l;
        draw -= isMatch ? level.m : level.u;
        if (draw < 0) {
          return l;
        }
      }
      return last;
    });
    out.push({ vector, isMatch });
  }
  return out;
}
