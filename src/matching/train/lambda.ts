import { fail, ok, type Issue, type Result } from '../../core/result.js';
import { withTraining, type MatchModel } from '../model/model.js';

/** Inputs of {@link estimateLambdaFromRules}; the counts come from the store. */
export interface LambdaFromRules {
  /** Pairs that the deterministic rules accept (e.g. same NHS Number, or same name + date of birth + postcode). */
  readonly pairsMatchedByRules: number;
  /** All possible pairs: requests × register records (or n(n−1)/2 when deduplicating). */
  readonly totalPairs: number;
  /** The share of true matches the rules are believed to catch, in (0, 1]; 0.6–0.8 is typical. */
  readonly recall: number;
  readonly at?: string;
}

/**
 * Estimates λ, the probability that two random records are the same person, from deterministic
 * rules and an assumed recall (Splink's `estimate_probability_two_random_records_match`):
 * λ = (pairs the rules accept ÷ recall) ÷ all pairs. Misjudging recall moves the prior little:
 * 0.6 instead of 0.95 changes it by about 0.7 bits. Returns a new model.
 * @param model - the model to update
 * @param input - counts and assumed recall
 */
export function estimateLambdaFromRules(
  model: MatchModel,
  input: LambdaFromRules,
): Result<MatchModel> {
  const issues: Issue[] = [];
  if (!(input.recall > 0 && input.recall <= 1)) {
    issues.push({ code: 'bad-recall', path: 'recall', message: 'recall must be in (0, 1]' });
  }
  if (!(input.totalPairs >= 1)) {
    issues.push({
      code: 'bad-pairs',
      path: 'totalPairs',
      message: 'there must be at least one pair',
    });
  }
  if (!(input.pairsMatchedByRules >= 1)) {
    issues.push({
      code: 'no-rule-matches',
      path: 'pairsMatchedByRules',
      message: 'the rules matched no pairs, so λ cannot be estimated',
    });
  }
  const lambda = input.pairsMatchedByRules / input.recall / input.totalPairs;
  if (issues.length === 0 && !(lambda < 1)) {
    issues.push({
      code: 'lambda-too-high',
      message: 'rule matches ÷ recall exceed the number of pairs; check the counts',
    });
  }
  if (issues.length > 0) {
    return fail(...issues);
  }
  return ok(
    withTraining(
      model,
      { lambda },
      {
        step: 'lambda-from-rules',
        description: `λ from ${input.pairsMatchedByRules} rule matches at assumed recall ${input.recall}`,
        details: { ...input, lambda },
      },
    ),
  );
}
