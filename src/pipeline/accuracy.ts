import type { Outcome } from '../matching/index.js';

/** One row of the generator's ground truth (`ground-truth.csv`). */
export interface TruthRow {
  readonly reference: string;
  /** The person's NHS Number; '' when the person is not in the register. */
  readonly trueNhsNumber: string;
  readonly inRegister: boolean;
  /** The error patterns applied to the request row (`ERRORS`, split on `;`). */
  readonly errors: readonly string[];
}

/** What a trace did with one request row. */
export interface TracedRow {
  readonly reference: string;
  readonly outcome: Outcome;
  /** The attached NHS Number (only when `matched`). */
  readonly nhsNumber?: string;
}

/** Per error pattern: rows carrying it, misses among them, false matches among them. */
export interface PatternFigures {
  rows: number;
  /** In-register rows not given their right number automatically. */
  missed: number;
  /** Rows given a wrong number. */
  falseMatches: number;
}

/** The accuracy of one trace run against the ground truth. */
export interface AccuracyFigures {
  readonly requests: number;
  /** Requests whose person is in the register. */
  readonly inRegister: number;
  /** Requests given their right number automatically. */
  readonly correct: number;
  /** Requests given any number automatically. */
  readonly attached: number;
  /** Requests given a wrong number (including people not in the register). */
  readonly wrong: number;
  readonly review: number;
  readonly multiple: number;
  readonly noMatch: number;
  /** correct ÷ inRegister. */
  readonly tracedRate: number;
  /** wrong ÷ attached. */
  readonly falseMatchRate: number;
  /** (review + multiple) ÷ requests. */
  readonly reviewRate: number;
  /** noMatch ÷ requests. */
  readonly noMatchRate: number;
  /** Pattern → figures; `none` for rows without errors, `not-in-register` for outsiders. */
  readonly byPattern: ReadonlyMap<string, PatternFigures>;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/**
 * Scores a trace run against the ground truth. Rows missing from `traced` (rejected before any
 * trace) count as `no-match`. The ground truth is only read here, after the run: never in training.
 * @param truth - every request's ground truth
 * @param traced - what the run did, by reference
 */
export function accuracyFigures(
  truth: readonly TruthRow[],
  traced: ReadonlyMap<string, TracedRow>,
): AccuracyFigures {
  const byPattern = new Map<string, PatternFigures>();
  const tally = { inRegister: 0, correct: 0, attached: 0, wrong: 0, review: 0, multiple: 0 };
  let noMatch = 0;
  for (const row of truth) {
    const result = traced.get(row.reference);
    const outcome = result?.outcome ?? 'no-match';
    const attached = outcome === 'matched' && result?.nhsNumber !== undefined;
    const right = attached && row.inRegister && result.nhsNumber === row.trueNhsNumber;
    const wrong = attached && !right;
    tally.inRegister += row.inRegister ? 1 : 0;
    tally.correct += right ? 1 : 0;
    tally.attached += attached ? 1 : 0;
    tally.wrong += wrong ? 1 : 0;
    tally.review += outcome === 'review' ? 1 : 0;
    tally.multiple += outcome === 'multiple' ? 1 : 0;
    noMatch += outcome === 'no-match' ? 1 : 0;
    const patterns = row.inRegister
      ? row.errors.length > 0
        ? row.errors
        : ['none']
      : ['not-in-register'];
    for (const pattern of patterns) {
      const figures = byPattern.get(pattern) ?? { rows: 0, missed: 0, falseMatches: 0 };
      figures.rows += 1;
      figures.missed += row.inRegister && !right ? 1 : 0;
      figures.falseMatches += wrong ? 1 : 0;
      byPattern.set(pattern, figures);
    }
  }
  return {
    requests: truth.length,
    ...tally,
    noMatch,
    tracedRate: ratio(tally.correct, tally.inRegister),
    falseMatchRate: ratio(tally.wrong, tally.attached),
    reviewRate: ratio(tally.review + tally.multiple, truth.length),
    noMatchRate: ratio(noMatch, truth.length),
    byPattern,
  };
}
