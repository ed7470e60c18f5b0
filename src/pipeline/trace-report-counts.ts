import { z } from 'zod';
import { fail, ok, type Result } from '../core/result.js';
import { PDS_MESH_REQUEST_COLUMNS } from '../formats/pds-mesh-columns.js';
import type { TraceOutcome } from '../formats/pds-mesh-response.js';
import { zodIssues } from '../formats/zod-issues.js';
import type { SourceRow } from './request-source.js';
import type { RowTrace } from './trace-decide.js';
import { emptyProfile, profileRow, type InputProfile } from './trace-profile.js';

/** Every outcome, in report order. */
export const TRACE_OUTCOMES: readonly TraceOutcome[] = [
  'matched',
  'review',
  'multiple',
  'no-match',
  'not-enough-data',
  'invalid',
];

/** The outcomes of rows that were traced but given no number; the report lists their reasons. */
export const UNMATCHED_OUTCOMES = ['review', 'multiple', 'no-match'] as const;

/** One of {@link UNMATCHED_OUTCOMES}. */
export type UnmatchedOutcome = (typeof UNMATCHED_OUTCOMES)[number];

/**
 * The counts a run keeps while it streams. Plain numbers and records only, so that a resumable
 * run can save them in a checkpoint ({@link countsToJson}) and restore them
 * ({@link countsFromJson}). Small: its size depends on the codes, reasons and weight bins seen,
 * never on the number of rows.
 */
export interface TraceCounts {
  rows: number;
  readonly outcomes: Record<TraceOutcome, number>;
  /** Rows by `ERROR/SUCCESS_CODE`. */
  readonly codes: Record<string, number>;
  /** Rows sent with a valid (Modulus 11) NHS Number. */
  suppliedValid: number;
  /** Rows answered with an NHS Number (matched). */
  numbered: number;
  /** Rows with at least one conflict listed. */
  conflictRows: number;
  /** Rows traced to a number an earlier row of the file was already traced to. */
  duplicateRows: number;
  /** Rows with a best candidate, by whole-bit weight bin (`floor(weight)` as a key) and outcome. */
  readonly weights: Record<string, Partial<Record<TraceOutcome, number>>>;
  /** Rows with no score (no candidate found, or a row error), by outcome. */
  readonly unscored: Partial<Record<TraceOutcome, number>>;
  /** Rows sent to review, multiple or no-match, by reason code (a row may give several). */
  readonly reasons: Record<UnmatchedOutcome, Record<string, number>>;
  /** The data-quality profile of the request file. */
  readonly profile: InputProfile;
}

/** Fresh, zeroed counts. */
export function emptyCounts(): TraceCounts {
  return {
    rows: 0,
    outcomes: Object.fromEntries(TRACE_OUTCOMES.map((o) => [o, 0])) as Record<TraceOutcome, number>,
    codes: {},
    suppliedValid: 0,
    numbered: 0,
    conflictRows: 0,
    duplicateRows: 0,
    weights: {},
    unscored: {},
    reasons: { review: {}, multiple: {}, 'no-match': {} },
    profile: emptyProfile(),
  };
}

const bump = <K extends string>(record: Partial<Record<K, number>>, key: K): void => {
  record[key] = (record[key] ?? 0) + 1;
};

/** A stable reason code (`below-match-threshold`); anything else (a message) is not one. */
const REASON_CODE = /^[a-z][a-z0-9-]{0,63}$/;

const isUnmatched = (outcome: TraceOutcome): outcome is UnmatchedOutcome =>
  (UNMATCHED_OUTCOMES as readonly string[]).includes(outcome);

/**
 * Adds one traced row to the counts: its outcome and code, its weight bin, its reasons when it
 * was not matched, and its request (as read) to the data-quality profile.
 * @param counts - the counts, updated in place
 * @param traced - the row's trace
 * @param row - the request row as read (for the data-quality profile)
 */
export function countRow(counts: TraceCounts, traced: RowTrace, row: SourceRow): void {
  const { answer } = traced;
  counts.rows += 1;
  counts.outcomes[answer.outcome] += 1;
  bump(counts.codes, answer.code);
  counts.suppliedValid += traced.suppliedValid ? 1 : 0;
  counts.numbered += answer.outcome === 'matched' ? 1 : 0;
  counts.conflictRows += traced.conflicts.length > 0 ? 1 : 0;
  const { weight } = answer;
  if (weight === undefined || !Number.isFinite(weight)) {
    bump(counts.unscored, answer.outcome);
  } else {
    const bin = String(Math.floor(weight));
    bump((counts.weights[bin] ??= {}), answer.outcome);
  }
  if (isUnmatched(answer.outcome)) {
    const reasons = counts.reasons[answer.outcome];
    for (const reason of new Set(traced.reasons)) {
      bump(reasons, REASON_CODE.test(reason) ? reason : 'other');
    }
  }
  profileRow(counts.profile, row);
}

/** Adds `more`'s numbers into `into`'s, member by member (records and arrays of numbers). */
function addNumbers(into: Record<string, unknown>, more: Readonly<Record<string, unknown>>): void {
  for (const [key, value] of Object.entries(more)) {
    const held = into[key];
    if (typeof value === 'number') {
      into[key] = (typeof held === 'number' ? held : 0) + value;
    } else if (typeof value === 'object' && value !== null) {
      const target = typeof held === 'object' && held !== null ? held : (into[key] = {});
      addNumbers(target as Record<string, unknown>, value as Record<string, unknown>);
    }
  }
}

/**
 * Adds the counts of more rows (counted apart, on another thread) to a run's counts: every
 * count is a sum over rows, so counting the rows in parts and adding the parts gives the
 * counts of counting them all in one.
 * @param counts - the run's counts, updated in place
 * @param more - the counts of the rows after them
 */
export function addCounts(counts: TraceCounts, more: TraceCounts): void {
  addNumbers(
    counts as unknown as Record<string, unknown>,
    more as unknown as Record<string, unknown>,
  );
}

const COUNTS_FORMAT = 'nhs-trace-counts/1';

/** The JSON form of {@link TraceCounts}: the counts and a format tag. */
export type TraceCountsJson = TraceCounts & { readonly format: typeof COUNTS_FORMAT };

/**
 * The counts as a JSON value (a deep copy, tagged with its format), for a checkpoint.
 * @param counts - the counts of a run so far
 */
export function countsToJson(counts: TraceCounts): TraceCountsJson {
  return { format: COUNTS_FORMAT, ...structuredClone(counts) };
}

const count = z.number().int().nonnegative();
const tally = z.record(z.string().max(80), count);
const outcomeTally = z.partialRecord(
  z.enum(TRACE_OUTCOMES as [TraceOutcome, ...TraceOutcome[]]),
  count,
);
const field = z.strictObject({
  present: count,
  unusable: tally,
  cautions: tally,
  unchecked: count,
});
const countsSchema = z.strictObject({
  format: z.literal(COUNTS_FORMAT),
  rows: count,
  outcomes: z.strictObject(Object.fromEntries(TRACE_OUTCOMES.map((o) => [o, count]))),
  codes: tally,
  suppliedValid: count,
  numbered: count,
  conflictRows: count,
  duplicateRows: count,
  weights: z.record(z.string().regex(/^-?\d{1,6}$/), outcomeTally),
  unscored: outcomeTally,
  reasons: z.strictObject({ review: tally, multiple: tally, 'no-match': tally }),
  profile: z.strictObject({
    rows: count,
    unsplitRows: count,
    fields: z.strictObject(Object.fromEntries(PDS_MESH_REQUEST_COLUMNS.map((c) => [c, field]))),
    genders: tally,
    addressLines: z.array(count).length(6),
    rowErrors: tally,
  }),
});

/**
 * Restores counts saved with {@link countsToJson} (from a checkpoint). Fails, listing every
 * problem by its path, when the value is not counts of this format.
 * @param value - the parsed JSON
 */
export function countsFromJson(value: unknown): Result<TraceCounts> {
  const parsed = countsSchema.safeParse(value);
  if (!parsed.success) {
    return fail(...zodIssues(parsed.error));
  }
  const counts: Partial<typeof parsed.data> = { ...parsed.data };
  delete counts.format;
  return ok(counts as TraceCounts);
}
