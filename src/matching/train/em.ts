import { clampProbability, isTrainable, type Comparison } from '../model/comparison.js';
import { withTraining, type MatchModel } from '../model/model.js';
import { countLevels, estimateFromCounts, type ComparisonVector } from './level-estimates.js';

/** Settings of one expectation-maximisation run. */
export interface EmOptions {
  /**
   * Comparisons used by the blocking rule that produced the pairs (e.g. `date-of-birth` when
   * blocking on date of birth). They always agree within a block, so they carry no
   * information here: they are left out of the run and keep their m.
   */
  readonly fixed?: readonly string[];
  /** Starting share of matches among the blocked pairs; default 0.1. */
  readonly initialLambda?: number;
  /** Iteration cap; default 50. */
  readonly maxIterations?: number;
  /** Stop when no m changes by more than this; default 1e-5. */
  readonly tolerance?: number;
  readonly at?: string;
  /**
   * How many pairs each vector stands for (vectors counted by pattern, as a set-based engine
   * returns them); default 1 each. EM over counted patterns equals EM over the repeated vectors.
   */
  readonly counts?: readonly number[];
}

/** What a run did, besides the new model. */
export interface EmResult {
  readonly model: MatchModel;
  readonly iterations: number;
  readonly converged: boolean;
  /** Estimated share of matches among the blocked pairs (not the model's λ). */
  readonly blockedLambda: number;
}

function logRatios(comparison: Comparison): number[] {
  return comparison.levels.map((level) =>
    isTrainable(level) ? Math.log(clampProbability(level.m) / clampProbability(level.u)) : 0,
  );
}

/**
 * Estimates m (how often one person's two records agree at each level) by expectation-
 * maximisation over blocked pairs, with u held fixed (Splink's default: u comes from random
 * sampling). E-step: each pair's probability of being a match under the current m, u and
 * blocked-pair λ; M-step: m of a level = the match-weighted share of pairs at that level.
 * λ for the blocked pairs is re-estimated as it goes but not written to the model (it is not the
 * λ of all pairs; use `estimateLambdaFromRules`). Returns a new model.
 * @param model - starting model
 * @param vectors - comparison vectors of the blocked pairs
 * @param options - fixed comparisons, start, stopping rule
 */
export function expectationMaximisation(
  model: MatchModel,
  vectors: readonly ComparisonVector[],
  options: EmOptions = {},
): EmResult {
  const fixed = new Set(options.fixed ?? []);
  const active = model.comparisons.map((c) => !fixed.has(c.id));
  const tolerance = options.tolerance ?? 1e-5;
  const multiplicity = (i: number): number => options.counts?.[i] ?? 1;
  const pairs = vectors.reduce((sum, _, i) => sum + multiplicity(i), 0);
  const maxIterations = options.maxIterations ?? 50;
  let comparisons = [...model.comparisons];
  let lambda = options.initialLambda ?? 0.1;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged && vectors.length > 0) {
    iterations += 1;
    const ratios = comparisons.map(logRatios);
    const prior = Math.log(lambda / (1 - lambda));
    const posterior = vectors.map((vector) => {
      let logOdds = prior;
      vector.forEach((level, c) => {
        if (active[c] === true) {
          logOdds += ratios[c]?.[level] ?? 0;
        }
      });
      return 1 / (1 + Math.exp(-logOdds));
    });
    const counts = countLevels(
      comparisons,
      vectors,
      (_, i) => (posterior[i] ?? 0) * multiplicity(i),
    );
    let change = 0;
    comparisons = comparisons.map((comparison, c) => {
      if (active[c] !== true) {
        return comparison;
      }
      const next = estimateFromCounts(comparison, counts[c] ?? [], 'm').comparison;
      next.levels.forEach((level, l) => {
        change = Math.max(change, Math.abs(level.m - (comparison.levels[l]?.m ?? 0)));
      });
      return next;
    });
    lambda = Math.min(
      1 - 1e-9,
      Math.max(1e-9, posterior.reduce((s, p, i) => s + p * multiplicity(i), 0) / pairs),
    );
    converged = change < tolerance;
  }
  const trained = withTraining(
    model,
    { comparisons },
    {
      step: 'm-expectation-maximisation',
      description:
        `m by EM over ${pairs} blocked pairs` +
        (fixed.size > 0 ? `, blocked on ${[...fixed].join(', ')}` : ''),
      details: {
        pairs,
        iterations,
        converged,
        blockedLambda: lambda,
        fixed: [...fixed].join(', '),
      },
      ...(options.at === undefined ? {} : { at: options.at }),
    },
  );
  return { model: trained, iterations, converged, blockedLambda: lambda };
}

/** One EM pass of a round robin: the pairs of one blocking rule and the comparisons it fixes. */
export interface EmPass {
  readonly fixed: readonly string[];
  readonly vectors: readonly ComparisonVector[];
  /** Pairs per vector when the vectors are counted patterns; default 1 each. */
  readonly counts?: readonly number[];
}

/**
 * Splink's round-robin training: one EM run per blocking rule, each estimating the comparisons
 * its rule does not fix (block on names → learn date of birth; block on date of birth → learn
 * names), every run starting from the same model. Each comparison's m is the average over the
 * runs that estimated it; a comparison fixed in every run keeps its m. Returns a new model whose
 * provenance lists every run.
 * @param model - starting model
 * @param passes - one entry per blocking rule
 * @param options - as for {@link expectationMaximisation} (except `fixed`)
 */
export function roundRobinEm(
  model: MatchModel,
  passes: readonly EmPass[],
  options: Omit<EmOptions, 'fixed' | 'counts'> = {},
): MatchModel {
  const runs = passes.map((pass) =>
    expectationMaximisation(model, pass.vectors, {
      ...options,
      fixed: pass.fixed,
      ...(pass.counts === undefined ? {} : { counts: pass.counts }),
    }),
  );
  const comparisons = model.comparisons.map((comparison, c) => {
    const estimates = runs.filter((_, r) => !(passes[r]?.fixed ?? []).includes(comparison.id));
    if (estimates.length === 0) {
      return comparison;
    }
    return {
      ...comparison,
      levels: comparison.levels.map((level, l) => ({
        ...level,
        m:
          estimates.reduce((s, run) => s + (run.model.comparisons[c]?.levels[l]?.m ?? 0), 0) /
          estimates.length,
      })),
    };
  });
  return {
    ...model,
    comparisons,
    provenance: [
      ...model.provenance,
      ...runs.flatMap((run) => run.model.provenance.slice(model.provenance.length)),
    ],
  };
}
