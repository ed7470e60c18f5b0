import type { TraceOutcome } from '../formats/pds-mesh-response.js';
import { DEFAULT_THRESHOLDS, type DecisionThresholds } from '../matching/index.js';
import {
  TRACE_OUTCOMES,
  UNMATCHED_OUTCOMES,
  type TraceCounts,
  type UnmatchedOutcome,
} from './trace-report-counts.js';
import type { BlockingEstimate } from './trace-estimate.js';
import { inputProfileReport, type InputProfileReport } from './trace-report-profile.js';
import { CASCADE_REASONS, CODE_LABELS, labelOf, REASON_LABELS } from './trace-report-labels.js';

export {
  TRACE_OUTCOMES,
  UNMATCHED_OUTCOMES,
  countRow,
  countsFromJson,
  countsToJson,
  emptyCounts,
  type TraceCounts,
  type TraceCountsJson,
  type UnmatchedOutcome,
} from './trace-report-counts.js';

/** A count and its share of all data rows (0-1; 0 when there are no rows). */
export interface CountRate {
  readonly count: number;
  readonly rate: number;
}

/** The rows answered with one `ERROR/SUCCESS_CODE`. */
export interface CodeCount extends CountRate {
  readonly code: string;
  /** The code in plain English. */
  readonly label: string;
}

/** One bar of the match-weight histogram: weights in `[from, to)` bits, by outcome. */
export interface WeightBin {
  readonly from: number;
  readonly to: number;
  readonly total: number;
  readonly outcomes: Readonly<Partial<Record<TraceOutcome, number>>>;
}

/** The match weights of the best candidate of every scored row. */
export interface WeightHistogram {
  /** Width of a bin in bits: 1, or 2 when 1-bit bins would be more than 40. */
  readonly binBits: number;
  /** Contiguous bins from the lowest weight seen to the highest; empty when nothing was scored. */
  readonly bins: readonly WeightBin[];
  /** Rows with no weight (no candidate found, or not traced), by outcome. */
  readonly unscored: Readonly<Partial<Record<TraceOutcome, number>>>;
  /** The decision thresholds as match weights in bits: `review` and `match`. */
  readonly thresholds: { readonly review: number; readonly match: number };
}

/** How many rows of one outcome gave a reason, and their share of that outcome's rows. */
export interface ReasonCount extends CountRate {
  readonly code: string;
  readonly label: string;
  /** `cascade`: why the exact steps did not match; `decision`: why the row went where it did. */
  readonly kind: 'cascade' | 'decision';
}

/** The run's JSON report (`RESPONSE.report.json`): counts only, no patient data. */
export interface TraceReport {
  readonly input: string;
  readonly startedAt: string;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly registerPeople: number;
  readonly model: { readonly name: string; readonly version: string; readonly trained: boolean };
  readonly rows: number;
  /** Lines skipped because every cell was blank. */
  readonly blankRows: number;
  readonly outcomes: Record<TraceOutcome, CountRate>;
  /** By `ERROR/SUCCESS_CODE`, in ascending code order (a list: `00` must come before `90`). */
  readonly codes: readonly CodeCount[];
  /** Rows with a valid supplied NHS Number (before) and with a number attached (after). */
  readonly coverage: { readonly before: CountRate; readonly after: CountRate };
  readonly conflictRows: number;
  readonly duplicateRows: number;
  readonly weights: WeightHistogram;
  /** For review, multiple and no-match rows: reasons, most common first (rate: of that outcome). */
  readonly reasons: Readonly<Record<UnmatchedOutcome, readonly ReasonCount[]>>;
  /** The data-quality profile of the request file. */
  readonly profile: InputProfileReport;
  /** The pair-count estimate made before the run; absent for the cascade alone. */
  readonly blocking?: BlockingEstimate;
  /** The files written, by role. */
  readonly files: Readonly<Record<string, string>>;
}

/** What {@link traceReport} needs besides the counts. */
export interface TraceReportContext {
  readonly input: string;
  readonly startedAt: string;
  readonly seconds: number;
  readonly registerPeople: number;
  readonly model: TraceReport['model'];
  readonly blankRows: number;
  readonly blocking?: BlockingEstimate;
  /** The thresholds the run decided with; default `DEFAULT_THRESHOLDS`. */
  readonly thresholds?: DecisionThresholds;
  readonly files: Readonly<Record<string, string>>;
}

/**
 * The match weight (bits) at which a pair has probability `p`: `log2(p / (1 − p))`, with `p`
 * kept off 0 and 1 so that a threshold of certainty still has a place on the axis.
 */
const weightOf = (p: number): number => {
  const q = Math.min(Math.max(p, 1e-15), 1 - 1e-15);
  return Math.log2(q / (1 - q));
};

/**
 * The histogram of the counts' whole-bit weight bins, merged into 2-bit bins when there would be
 * more than 40 of them, with the empty bins in between filled in.
 * @param counts - the run's counts
 * @param thresholds - the decision thresholds
 */
export function weightHistogram(
  counts: TraceCounts,
  thresholds: DecisionThresholds = DEFAULT_THRESHOLDS,
): WeightHistogram {
  const keys = Object.keys(counts.weights).map(Number);
  const low = Math.min(...keys);
  const high = Math.max(...keys);
  const binBits = keys.length === 0 || high - low + 1 <= 40 ? 1 : 2;
  const start = Math.floor(low / binBits) * binBits;
  const bins: WeightBin[] = [];
  for (let from = start; keys.length > 0 && from <= high; from += binBits) {
    const outcomes: Partial<Record<TraceOutcome, number>> = {};
    for (let bit = from; bit < from + binBits; bit += 1) {
      for (const [outcome, n] of Object.entries(counts.weights[String(bit)] ?? {})) {
        const key = outcome as TraceOutcome;
        outcomes[key] = (outcomes[key] ?? 0) + n;
      }
    }
    const total = Object.values(outcomes).reduce((sum, n) => sum + n, 0);
    bins.push({ from, to: from + binBits, total, outcomes });
  }
  return {
    binBits,
    bins,
    unscored: { ...counts.unscored },
    thresholds: {
      review: weightOf(thresholds.reviewProbability),
      match: weightOf(thresholds.matchProbability),
    },
  };
}

/**
 * The report of a finished run.
 * @param counts - the run's counts
 * @param context - file names, timings, model, thresholds
 */
export function traceReport(counts: TraceCounts, context: TraceReportContext): TraceReport {
  const rate = (count: number, of = counts.rows): CountRate => ({
    count,
    rate: of === 0 ? 0 : count / of,
  });
  const codes = Object.entries(counts.codes).sort(([a], [b]) => a.localeCompare(b));
  const reasons = Object.fromEntries(
    UNMATCHED_OUTCOMES.map((outcome) => [
      outcome,
      Object.entries(counts.reasons[outcome])
        .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
        .map(([code, n]) => ({
          code,
          label: labelOf(REASON_LABELS, code),
          kind: CASCADE_REASONS.has(code) ? ('cascade' as const) : ('decision' as const),
          ...rate(n, counts.outcomes[outcome]),
        })),
    ]),
  ) as Record<UnmatchedOutcome, ReasonCount[]>;
  return {
    input: context.input,
    startedAt: context.startedAt,
    seconds: context.seconds,
    rowsPerSecond: context.seconds > 0 ? counts.rows / context.seconds : 0,
    registerPeople: context.registerPeople,
    model: context.model,
    rows: counts.rows,
    blankRows: context.blankRows,
    outcomes: Object.fromEntries(
      TRACE_OUTCOMES.map((o) => [o, rate(counts.outcomes[o])]),
    ) as Record<TraceOutcome, CountRate>,
    codes: codes.map(([code, n]) => ({ code, label: labelOf(CODE_LABELS, code), ...rate(n) })),
    coverage: { before: rate(counts.suppliedValid), after: rate(counts.numbered) },
    conflictRows: counts.conflictRows,
    duplicateRows: counts.duplicateRows,
    weights: weightHistogram(counts, context.thresholds),
    reasons,
    profile: inputProfileReport(counts.profile),
    ...(context.blocking === undefined ? {} : { blocking: context.blocking }),
    files: context.files,
  };
}
