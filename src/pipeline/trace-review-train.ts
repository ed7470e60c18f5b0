import { parseNhsNumber } from '../core/nhs-number/index.js';
import { fail, ok, type Result } from '../core/result.js';
import { combineLabelledM, type LabelledMResult, type MatchModel } from '../matching/index.js';
import type { RegisterStore } from '../storage/register-store.js';
import type { ReviewStore } from '../storage/review-store.js';
import { floorWeights } from './in-memory-train-floor.js';
import {
  labelledVectors,
  reviewLabelledPairs,
  type ReviewLabelledPair,
} from './trace-review-labels.js';

/** What {@link labelsFromReviews} found in the review store. */
export interface ReviewLabels {
  readonly pairs: readonly ReviewLabelledPair[];
  /** Distinct decisions the pairs come from. */
  readonly decisions: number;
  /** Jobs with at least one decision. */
  readonly jobs: number;
  /**
   * Pairs dropped because a later decision labelled the same pair again (the same request
   * cells and candidate, e.g. a file traced twice and reviewed in both jobs).
   */
  readonly duplicates: number;
}

/**
 * One label per pair: the same request cells × the same candidate, decided in several jobs,
 * keep only the latest decision (decision ids grow in time), so a file traced twice does not
 * count twice and a changed mind wins.
 * @param pairs - labelled pairs of every job
 */
function latestLabels(pairs: readonly ReviewLabelledPair[]): ReviewLabelledPair[] {
  const latest = new Map<string, ReviewLabelledPair>();
  for (const pair of pairs) {
    const cells = Object.entries(pair.request).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const key = JSON.stringify([cells, pair.dateFormat, pair.nhsNumber]);
    const seen = latest.get(key);
    if (seen === undefined || pair.decisionId > seen.decisionId) {
      latest.set(key, pair);
    }
  }
  return [...latest.values()];
}

/**
 * Reads every current decision of the review store as labelled pairs, one per pair (the latest
 * decision when the same pair was decided in several jobs). Fails (code `no-labels`)
 * when there is no decision at all, or when no decision accepts a candidate: labels estimate m,
 * and m needs labelled matches.
 * @param reviews - the review store of the register
 */
export async function labelsFromReviews(reviews: ReviewStore): Promise<Result<ReviewLabels>> {
  const all = await reviewLabelledPairs(reviews);
  const pairs = latestLabels(all);
  const decisions = new Set(pairs.map((p) => `${p.jobId}:${p.decisionId}`)).size;
  const jobs = new Set(pairs.map((p) => p.jobId)).size;
  if (decisions === 0) {
    return fail({
      code: 'no-labels',
      message:
        'the review queue holds no decisions to learn from; decide items with ' +
        "'nhs-trace review decide' first, or train without --labels-from-reviews",
    });
  }
  if (!pairs.some((p) => p.isMatch)) {
    return fail({
      code: 'no-labels',
      message:
        `none of the ${decisions} review decision(s) accepts a candidate: m is learned from ` +
        'accepted matches only; train without --labels-from-reviews',
    });
  }
  return ok({ pairs, decisions, jobs, duplicates: all.length - pairs.length });
}

/**
 * Retrains m of a model from review labels: each labelled pair's request is compared again with
 * the candidate's current register record under `model`, then {@link combineLabelledM} takes m
 * from the labelled matches for the levels that have enough of them and keeps the model's (EM)
 * m elsewhere; u and λ stay as trained. The weight floor of unlabelled training is applied again
 * (a mix of labelled and EM m must not make agreement weigh less than disagreement).
 * @param model - the model trained without labels
 * @param labels - what {@link labelsFromReviews} read
 * @param register - the register the candidates are read from
 * @param options - minimum labelled matches per level, provenance time
 */
export async function trainWithReviewLabels(
  model: MatchModel,
  labels: ReviewLabels,
  register: RegisterStore,
  options: { readonly minimumMatches?: number; readonly at?: string },
): Promise<LabelledMResult & { readonly skipped: number }> {
  const { vectors, skipped } = await labelledVectors(model, labels.pairs, async (number) => {
    const parsed = parseNhsNumber(number);
    return parsed.success ? register.getByNhsNumber(parsed.data) : undefined;
  });
  const result = combineLabelledM(model, vectors, {
    ...(options.minimumMatches === undefined ? {} : { minimumMatches: options.minimumMatches }),
    ...(options.at === undefined ? {} : { at: options.at }),
    details: {
      decisions: labels.decisions,
      jobs: labels.jobs,
      pairsSkipped: skipped,
      pairsRelabelled: labels.duplicates,
    },
  });
  return { ...result, model: floorWeights(result.model, options.at), skipped };
}
