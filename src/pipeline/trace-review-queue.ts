import { basename, resolve } from 'node:path';
import type { ReviewItem, ReviewStore, TraceJob } from '../storage/review-store.js';
import type { SourceRow } from './request-source.js';
import type { RowTrace } from './trace-decide.js';

/**
 * Where a trace run sends the rows a person must resolve (`review` and `multiple`), a chunk at a
 * time. Every write is idempotent (an upsert by job and row), because a resumed run traces the
 * last chunk again.
 */
export interface TraceReviewSink {
  /**
   * Records the job when the run starts (once the model is known), so items have a job.
   * @param job - the job, with no counts yet
   */
  start(job: TraceJob): Promise<void>;
  /**
   * Queues a chunk's review rows with their candidates and explanations (rows of other
   * outcomes are left out).
   * @param rows - request rows: a chunk's, or only those of it for review
   * @param traces - their traces, in the same order
   */
  queue(rows: readonly SourceRow[], traces: readonly RowTrace[]): Promise<void>;
  /**
   * Records the job again with its counts and end time when the run has written every file.
   * @param job - the finished job
   */
  finish(job: TraceJob): Promise<void>;
  /** Items queued so far by this run (re-queued ones included). */
  readonly queued: number;
}

/**
 * The outcome that sends a traced row to people (`review`, `multiple`); `undefined` for any
 * other.
 * @param traced - a row's trace
 */
export function reviewOutcome(traced: RowTrace): 'review' | 'multiple' | undefined {
  const { outcome } = traced.answer;
  return outcome === 'review' || outcome === 'multiple' ? outcome : undefined;
}

/**
 * The review items of a chunk: one per row whose outcome is `review` or `multiple`, holding the
 * request's cells as sent, the reasons and the scored candidates with their explanations. `row`
 * is the 1-based data row, so item N answers the response file's N-th data row.
 * @param jobId - the job
 * @param rows - consecutive request rows
 * @param traces - their traces, in the same order
 */
export function reviewItemsOf(
  jobId: string,
  rows: readonly SourceRow[],
  traces: readonly RowTrace[],
): ReviewItem[] {
  const items: ReviewItem[] = [];
  for (const [i, source] of rows.entries()) {
    const traced = traces[i];
    if (traced === undefined) {
      continue;
    }
    const outcome = reviewOutcome(traced);
    if (outcome === undefined) {
      continue;
    }
    items.push({
      jobId,
      row: source.rowIndex + 1,
      line: source.lineNumber,
      reference: source.row['UNIQUE REFERENCE'].trim(),
      localPatientId: source.row.LOCAL_PATIENT_ID.trim(),
      request: source.row,
      outcome,
      reasons: traced.reasons,
      candidates: traced.candidates.map((c) => ({
        nhsNumber: c.id,
        weight: c.weight,
        probability: c.probability,
        explanation: c.explanation,
      })),
    });
  }
  return items;
}

/**
 * A sink that queues review rows in a review store.
 * @param store - the review store (opened from the same `--db` as the register)
 */
export function reviewQueueSink(store: ReviewStore): TraceReviewSink {
  let jobId: string | undefined;
  let queued = 0;
  return {
    get queued() {
      return queued;
    },
    async start(job) {
      jobId = job.id;
      await store.recordJob(job);
    },
    async queue(rows, traces) {
      if (jobId === undefined) {
        throw new Error('the review queue was given rows before its job was started');
      }
      const items = reviewItemsOf(jobId, rows, traces);
      if (items.length > 0) {
        await store.queueItems(items);
        queued += items.length;
      }
    },
    async finish(job) {
      await store.recordJob(job);
    },
  };
}

/** What a run knows of its job when it starts. */
export interface TraceJobStart {
  readonly id: string;
  readonly requestPath: string;
  readonly outPath: string;
  readonly startedAt: string;
  readonly modelVersion: string;
  readonly dateFormat: TraceJob['dateFormat'];
}

/**
 * The job as recorded when a run starts: no counts, no end time.
 * @param start - id, files, start time, model version and date layout
 */
export function startedJob(start: TraceJobStart): TraceJob {
  return {
    id: start.id,
    requestFile: basename(start.requestPath),
    responsePath: resolve(start.outPath),
    startedAt: start.startedAt,
    modelVersion: start.modelVersion,
    dateFormat: start.dateFormat,
    rows: 0,
    outcomes: {},
  };
}

/**
 * The job as recorded when a run has finished: its end time (start plus the seconds it ran; no
 * clock is read) and its rows by outcome.
 * @param job - the started job
 * @param report - the run's report (rows, outcomes, seconds)
 */
export function finishedJob(
  job: TraceJob,
  report: {
    readonly rows: number;
    readonly seconds: number;
    readonly outcomes: Readonly<Record<string, { readonly count: number }>>;
  },
): TraceJob {
  const end = Date.parse(job.startedAt) + Math.round(report.seconds * 1000);
  return {
    ...job,
    finishedAt: Number.isNaN(end) ? job.startedAt : new Date(end).toISOString(),
    rows: report.rows,
    outcomes: Object.fromEntries(
      Object.entries(report.outcomes).map(([outcome, { count }]) => [outcome, count]),
    ),
  };
}
