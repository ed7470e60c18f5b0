import type { Comparison } from './comparison.js';

/** The training steps a model records (Splink's recommended sequence, plus manual edits). */
export type TrainingStepKind =
  | 'defaults'
  | 'lambda-from-rules'
  | 'u-random-sampling'
  | 'm-expectation-maximisation'
  | 'labelled-pairs'
  | 'manual';

/** One entry of a model's training history: what was estimated, from how much data. */
export interface TrainingStep {
  readonly step: TrainingStepKind;
  /** Plain-English summary. */
  readonly description: string;
  /** Counts and settings of the step (pairs used, iterations, assumed recall, …). */
  readonly details: Readonly<Record<string, string | number | boolean>>;
  /** When it ran (ISO 8601), supplied by the caller: the engine reads no clock. */
  readonly at?: string;
}

/**
 * A complete Fellegi-Sunter model: the prior, the comparisons with their m and u, and how they
 * were obtained. Immutable; training returns a new model. Serialised by `serialiseModel`.
 */
export interface MatchModel {
  /** Model file format version; bumped only when the file layout changes. */
  readonly formatVersion: 1;
  /** A name people recognise (`default`, `council-2026-11`). */
  readonly name: string;
  /** λ: the probability that two records drawn at random are the same person. */
  readonly lambda: number;
  readonly comparisons: readonly Comparison[];
  /** Term-frequency adjustment settings. */
  readonly termFrequency: TermFrequencySettings;
  readonly provenance: readonly TrainingStep[];
}

/** How term frequencies adjust exact-match weights. */
export interface TermFrequencySettings {
  /**
   * Frequencies below this are raised to it, so one typo'd or very rare value cannot add an
   * unbounded weight (Splink's `tf_minimum_u_value`). Default 1e-6.
   */
  readonly minimumFrequency: number;
}

/**
 * The prior match weight `log2(λ / (1 − λ))` in bits.
 * @param lambda - probability that two random records match, in (0, 1)
 */
export function priorWeight(lambda: number): number {
  return Math.log2(lambda / (1 - lambda));
}

/**
 * Returns a copy of the model with one more training step recorded.
 * @param model - the model
 * @param changes - the new fields (comparisons, λ)
 * @param step - the step to append to the provenance
 */
export function withTraining(
  model: MatchModel,
  changes: Partial<Pick<MatchModel, 'comparisons' | 'lambda'>>,
  step: TrainingStep,
): MatchModel {
  return { ...model, ...changes, provenance: [...model.provenance, step] };
}
