import { sameDwelling } from './comparisons/dwelling.js';
import type { MatchRecord } from './record.js';

/**
 * The thresholds of the decision. Defaults (see docs/matching.md):
 * - `matchProbability` 0.999 (match weight ≈ 10): below it a person reviews;
 * - `reviewProbability` 0.5 (weight 0): below it the candidate is not worth a person's time;
 * - `minimumMargin` 5 weight units: the best candidate must be at least 2^5 = 32 times as
 *   likely as the runner-up, or the two go to review (or `multiple` when both are high).
 */
export interface DecisionThresholds {
  readonly matchProbability: number;
  readonly reviewProbability: number;
  readonly minimumMargin: number;
}

/** The documented default thresholds. */
export const DEFAULT_THRESHOLDS: DecisionThresholds = {
  matchProbability: 0.999,
  reviewProbability: 0.5,
  minimumMargin: 5,
};

/** A register candidate for one request, with its score. */
export interface ScoredCandidate {
  /** The candidate's identity (its NHS Number). */
  readonly id: string;
  readonly record: MatchRecord;
  readonly weight: number;
  readonly probability: number;
  /**
   * The request and this candidate both give a date of birth, and the dates differ by more
   * than a typing slip (another month of the same year, or another year: the date-of-birth
   * levels `year` and `else`). A parent and a child of the same name at the same address look
   * like this, so such a candidate is never matched without a person's review.
   */
  readonly birthDateDiffers?: boolean;
  /**
   * The request gives no date of birth at all (not even a year; a partial date, year only or
   * year and month, is a date). PDS does not search without one (FHIR search needs family name
   * and birth date; the cross-check trace needs NHS Number and date of birth), and name and
   * address alone cannot tell a person from a relative at the same house, so no candidate is
   * matched without a person's review. The same for every candidate of a request.
   */
  readonly requestBirthDateMissing?: boolean;
  /**
   * The first given names agree at no level of the `given-name` comparison (its level is `else`:
   * not exact, nickname, similar, phonetic, initial or another given name). A missing given name
   * is not disagreement and does not set it. Such a candidate is never matched without a
   * person's review, whatever the date of birth: a twin who is not in the register, or a relative
   * at the same house, shares everything else.
   */
  readonly givenNameDiffers?: boolean;
}

/** The outcome of a trace, as in the PDS MESH response `TRACE_OUTCOME` column. */
export type Outcome = 'matched' | 'review' | 'multiple' | 'no-match';

/** Why the decision came out as it did; stable codes. */
export type DecisionReason =
  | 'no-candidates'
  | 'below-review-threshold'
  | 'below-match-threshold'
  | 'close-runner-up'
  | 'several-high-candidates'
  | 'possible-twin'
  | 'date-of-birth-differs'
  | 'date-of-birth-missing'
  | 'given-name-differs'
  | 'clear-best';

/** A decision over one request's candidates. */
export interface Decision {
  readonly outcome: Outcome;
  /** The best candidate; the match when `matched`, the suggestion when `review`. */
  readonly best?: ScoredCandidate;
  /** Candidates at or above the review threshold, best first (what a reviewer sees). */
  readonly contenders: readonly ScoredCandidate[];
  readonly reasons: readonly DecisionReason[];
  /** Weight of the best minus the runner-up's, when there is a runner-up. */
  readonly margin?: number;
}

/**
 * True when two register records look like twins (or other multiple births): the same family
 * name and full date of birth, living together (same postcode or same house, or no address to
 * tell), but with different first given names. The only field that tells them apart is the
 * given name, the field most often mistyped or shortened, so such a pair is never auto-matched.
 * @param a - one candidate record
 * @param b - another candidate record
 */
export function looksLikeTwins(a: MatchRecord, b: MatchRecord): boolean {
  const sameDate =
    a.birthDate?.day !== undefined &&
    a.birthDate.year === b.birthDate?.year &&
    a.birthDate.month === b.birthDate.month &&
    a.birthDate.day === b.birthDate.day;
  const noPlace = (r: MatchRecord): boolean => r.postcode === undefined && r.address === undefined;
  const samePlace =
    noPlace(a) ||
    noPlace(b) ||
    (a.postcode !== undefined && a.postcode.full === b.postcode?.full) ||
    (a.address !== undefined && b.address !== undefined && sameDwelling(a.address, b.address));
  return (
    a.familyName !== undefined &&
    a.familyName === b.familyName &&
    sameDate &&
    samePlace &&
    a.givenFirst !== b.givenFirst
  );
}

function decide(outcome: Outcome, parts: Omit<Decision, 'outcome'>): Decision {
  return { outcome, ...parts };
}

/**
 * Decides what to do with a request's scored candidates, erring towards a person's review:
 * - `no-match`: no candidate reaches `reviewProbability`;
 * - `multiple`: two or more candidates reach `matchProbability` within `minimumMargin` of each
 *   other (PDS MESH code 97 / `9999999999`: no number is returned);
 * - `review`: the best is uncertain (below `matchProbability`), or a runner-up is within the
 *   margin, or any other candidate, however weak, looks like the best one's twin
 *   ({@link looksLikeTwins}): the given name alone must never decide between twins; or the
 *   best one's date of birth differs from the request's beyond a typing slip
 *   ({@link ScoredCandidate.birthDateDiffers}): name and address alone must never decide
 *   between a parent and a child who share them; or the request gives no date of birth at all
 *   ({@link ScoredCandidate.requestBirthDateMissing}, reason `date-of-birth-missing`; a year
 *   alone is a date): PDS itself does not search without one; or the best one's first given
 *   name agrees at no level ({@link ScoredCandidate.givenNameDiffers}, reason
 *   `given-name-differs`): family name, home and even date of birth must never decide between
 *   members of one household (a twin not in the register);
 * - `matched`: only when the best reaches `matchProbability`, is clear of the runner-up by the
 *   margin, has no twin among the candidates, the request has a date of birth, and none of the
 *   review rules above holds.
 * @param candidates - every scored candidate, in any order
 * @param thresholds - decision thresholds (default {@link DEFAULT_THRESHOLDS})
 */
export function classify(
  candidates: readonly ScoredCandidate[],
  thresholds: DecisionThresholds = DEFAULT_THRESHOLDS,
): Decision {
  const ranked = [...candidates].sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id));
  const contenders = ranked.filter((c) => c.probability >= thresholds.reviewProbability);
  const [best, runnerUp] = ranked;
  if (best === undefined) {
    return decide('no-match', { contenders, reasons: ['no-candidates'] });
  }
  if (best.probability < thresholds.reviewProbability) {
    return decide('no-match', { contenders, reasons: ['below-review-threshold'] });
  }
  const margin = runnerUp === undefined ? undefined : best.weight - runnerUp.weight;
  const base = { best, contenders, ...(margin === undefined ? {} : { margin }) };
  const closeHigh = contenders.filter(
    (c) =>
      c.probability >= thresholds.matchProbability &&
      best.weight - c.weight < thresholds.minimumMargin,
  );
  if (closeHigh.length >= 2) {
    return decide('multiple', { ...base, reasons: ['several-high-candidates'] });
  }
  const reasons: DecisionReason[] = [];
  if (ranked.some((c) => c !== best && looksLikeTwins(best.record, c.record))) {
    reasons.push('possible-twin');
  }
  if (best.birthDateDiffers === true) {
    reasons.push('date-of-birth-differs');
  }
  if (best.requestBirthDateMissing === true) {
    reasons.push('date-of-birth-missing');
  }
  if (best.givenNameDiffers === true) {
    reasons.push('given-name-differs');
  }
  if (best.probability < thresholds.matchProbability) {
    reasons.push('below-match-threshold');
  }
  if (margin !== undefined && margin < thresholds.minimumMargin) {
    reasons.push('close-runner-up');
  }
  if (reasons.length > 0) {
    return decide('review', { ...base, reasons });
  }
  return decide('matched', { ...base, reasons: ['clear-best'] });
}

/**
 * The match weight a probability threshold corresponds to, `log2(p / (1 − p))`; for the docs
 * and for SQL filters.
 * @param probability - in (0, 1)
 */
export function weightForProbability(probability: number): number {
  const weight = Math.log2(probability / (1 - probability));
  return Number.isFinite(weight) ? weight : Math.sign(weight) * Number.MAX_VALUE;
}
