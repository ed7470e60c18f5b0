import { estimatePairs, type PairEstimate } from '../matching/blocking-estimate.js';
import { buildMatchRecord, type MatchRecord } from '../matching/index.js';
import { matchInputFromRequestRow } from './in-memory-request.js';
import {
  openRequestFile,
  type RequestSource,
  type RequestSourceOptions,
} from './request-source.js';
import type { TraceBackend } from './trace-backend.js';

/** Request rows an estimate counts keys on by default (the first valid rows of the file). */
export const ESTIMATE_SAMPLE_ROWS = 10_000;

/**
 * A run's pair-count estimate (`estimatePairs`), made before it traces: keys counted on the first
 * rows of the request file and scaled to the whole file by its size. Counts only.
 */
export interface BlockingEstimate extends PairEstimate {
  /** Valid request rows the keys were counted on. */
  readonly sampleRows: number;
  /** Valid request rows the whole file is estimated to hold (the sample when it is the file). */
  readonly estimatedRows: number;
  /** Register records per key above which a key is skipped. */
  readonly cap: number;
}

/** The first valid rows of a request file as match records, and whether they are all of it. */
export interface RecordSample {
  readonly records: MatchRecord[];
  /** True when the file ended before the limit was reached. */
  readonly complete: boolean;
}

/**
 * Reads match records from the first valid rows of a request file (rows with a row error are
 * skipped), at most `limit`.
 * @param source - the opened request file (its rows are consumed)
 * @param limit - the most records to read
 * @param dateFormat - the file's date layout
 */
export async function sampleRecords(
  source: RequestSource,
  limit: number,
  dateFormat: Parameters<typeof matchInputFromRequestRow>[1],
): Promise<RecordSample> {
  const records: MatchRecord[] = [];
  for await (const row of source.rows()) {
    if (row.result.success) {
      records.push(buildMatchRecord(matchInputFromRequestRow(row.row, dateFormat)));
    }
    if (records.length >= limit) {
      return { records, complete: false };
    }
  }
  return { records, complete: true };
}

/**
 * Estimates the pairs a run will score, per blocking rule, before it traces (as Splink counts
 * comparisons before a run): keys of the first `sample` valid rows are counted against the
 * register's, scaled to the file by bytes read ÷ file size, with warnings for keys over the cap
 * (a 1 January stand-in date among them is named) and for rules that explode.
 * @param source - the opened request file (its rows are consumed)
 * @param backend - the register's trace backend
 * @param options - the file's date layout, and the sample size (default {@link ESTIMATE_SAMPLE_ROWS})
 */
export async function estimateBlocking(
  source: RequestSource,
  backend: TraceBackend,
  options: {
    readonly dateFormat: Parameters<typeof matchInputFromRequestRow>[1];
    readonly sample?: number;
  },
): Promise<BlockingEstimate> {
  const { records, complete } = await sampleRecords(
    source,
    options.sample ?? ESTIMATE_SAMPLE_ROWS,
    options.dateFormat,
  );
  const { bytesRead } = source.stats;
  const leftScale =
    complete || source.totalBytes === undefined || bytesRead === 0
      ? 1
      : Math.max(1, source.totalBytes / bytesRead);
  const counts = await backend.keyCounts(records);
  const { rules, cap } = backend.blocking;
  const estimatedRows = Math.round(records.length * leftScale);
  const estimate = estimatePairs(rules, counts.requests, counts.register, {
    cap,
    leftScale,
    leftRecords: estimatedRows,
  });
  return { ...estimate, sampleRows: records.length, estimatedRows, cap };
}

/**
 * The estimate as lines for the terminal: the total, and each warning. Counts only.
 * @param estimate - the run's estimate
 */
export function estimateLines(estimate: BlockingEstimate): string[] {
  const n = (value: number): string => Math.round(value).toLocaleString('en-GB');
  const perRow = estimate.estimatedRows > 0 ? estimate.totalPairs / estimate.estimatedRows : 0;
  const from =
    estimate.sampleRows === estimate.estimatedRows
      ? `all ${n(estimate.sampleRows)} rows`
      : `the first ${n(estimate.sampleRows)} rows, scaled to about ${n(estimate.estimatedRows)}`;
  return [
    `blocking: about ${n(estimate.totalPairs)} pairs to score (${perRow.toFixed(1)} a row) over ${String(estimate.rules.length)} rules, estimated from ${from}`,
    ...estimate.warnings.map((w) => `warning: ${w.message}`),
  ];
}

/**
 * {@link estimateLines} as text, each line ending in a newline, for a terminal.
 * @param estimate - the run's estimate
 */
export function estimateText(estimate: BlockingEstimate): string {
  return estimateLines(estimate)
    .map((line) => `${line}\n`)
    .join('');
}

/**
 * {@link estimateBlocking} on a reading of its own of a request file, which is closed after
 * (the estimate reads only the first rows); `undefined` when the file cannot be opened (the run
 * that reads it reports why).
 * @param path - the request file
 * @param readOptions - how to read it, with its date layout
 * @param backend - the register's trace backend
 */
export async function estimateRequestFile(
  path: string,
  readOptions: RequestSourceOptions & {
    readonly dateFormat: Parameters<typeof matchInputFromRequestRow>[1];
  },
  backend: TraceBackend,
): Promise<BlockingEstimate | undefined> {
  const opened = await openRequestFile(path, readOptions);
  if (!opened.success) {
    return undefined;
  }
  try {
    return await estimateBlocking(opened.data, backend, { dateFormat: readOptions.dateFormat });
  } finally {
    await opened.data.close();
  }
}
