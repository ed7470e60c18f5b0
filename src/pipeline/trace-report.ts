import type { TraceOutcome } from '../formats/pds-mesh-response.js';
import type { RowTrace } from './trace-decide.js';

/** Every outcome, in report order. */
export const TRACE_OUTCOMES: readonly TraceOutcome[] = [
  'matched',
  'review',
  'multiple',
  'no-match',
  'not-enough-data',
  'invalid',
];

/** A count and its share of all data rows (0-1; 0 when there are no rows). */
export interface CountRate {
  readonly count: number;
  readonly rate: number;
}

/** The rows answered with one `ERROR/SUCCESS_CODE`. */
export interface CodeCount extends CountRate {
  readonly code: string;
}

/** The counts a run keeps while it streams. */
export interface TraceCounts {
  rows: number;
  readonly outcomes: Record<TraceOutcome, number>;
  readonly codes: Map<string, number>;
  /** Rows sent with a valid (Modulus 11) NHS Number. */
  suppliedValid: number;
  /** Rows answered with an NHS Number (matched). */
  numbered: number;
  /** Rows with at least one conflict listed. */
  conflictRows: number;
  /** Rows traced to a number an earlier row of the file was already traced to. */
  duplicateRows: number;
}

/** Fresh, zeroed counts. */
export function emptyCounts(): TraceCounts {
  return {
    rows: 0,
    outcomes: Object.fromEntries(TRACE_OUTCOMES.map((o) => [o, 0])) as Record<TraceOutcome, number>,
    codes: new Map(),
    suppliedValid: 0,
    numbered: 0,
    conflictRows: 0,
    duplicateRows: 0,
  };
}

/**
 * Adds one traced row to the counts.
 * @param counts - the counts, updated in place
 * @param traced - the row's trace
 */
export function countRow(counts: TraceCounts, traced: RowTrace): void {
  const { answer } = traced;
  counts.rows += 1;
  counts.outcomes[answer.outcome] += 1;
  counts.codes.set(answer.code, (counts.codes.get(answer.code) ?? 0) + 1);
  counts.suppliedValid += traced.suppliedValid ? 1 : 0;
  counts.numbered += answer.outcome === 'matched' ? 1 : 0;
  counts.conflictRows += traced.conflicts.length > 0 ? 1 : 0;
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
  readonly files: Readonly<Record<string, string>>;
}

/**
 * The report of a finished run.
 * @param counts - the run's counts
 * @param context - file names, timings, model
 */
export function traceReport(counts: TraceCounts, context: TraceReportContext): TraceReport {
  const rate = (count: number): CountRate => ({
    count,
    rate: counts.rows === 0 ? 0 : count / counts.rows,
  });
  const codes = [...counts.codes].sort(([a], [b]) => a.localeCompare(b));
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
    codes: codes.map(([code, n]) => ({ code, ...rate(n) })),
    coverage: { before: rate(counts.suppliedValid), after: rate(counts.numbered) },
    conflictRows: counts.conflictRows,
    duplicateRows: counts.duplicateRows,
    files: context.files,
  };
}
