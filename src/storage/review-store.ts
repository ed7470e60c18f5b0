import type { Result } from '../core/result.js';
import type { PdsMeshRequestRow } from '../formats/pds-mesh-columns.js';
import type { RequestDateFormat } from '../formats/pds-mesh-request-types.js';
import type { Contribution } from '../matching/index.js';

/**
 * The review port: trace jobs and the queue of their rows that a person must resolve (design.md,
 * "review": decisions are attributed, auditable and feed training). Kept apart from the
 * `RegisterStore` (another concern, another lifecycle) but opened from the same `--db`: the
 * tables live in the register's DuckDB file or PostgreSQL schema. The in-memory adapter is the
 * reference; every adapter passes `review-store.contract.ts`.
 *
 * Semantics (the same in every adapter, see docs/review.md):
 * - A job is keyed by its id (`traceJobId`); recording it again replaces its details.
 * - An item is keyed by job id + row. Queueing it again replaces its content; its decisions are
 *   kept when the item is *unchanged* (same {@link ReviewItem.fingerprint}: same reference,
 *   request cells and candidate numbers), and no longer apply when it changed.
 * - Decisions are appended, never overwritten or deleted: the item's current decision is its
 *   latest one made on the item's current fingerprint; earlier ones stay as the audit history.
 */
export interface ReviewStore {
  /**
   * Records a trace job, or replaces the details of one with the same id.
   * @param job - the job
   */
  recordJob(job: TraceJob): Promise<void>;

  /**
   * A job by its id; `undefined` when there is none.
   * @param id - the job id
   */
  getJob(id: string): Promise<TraceJob | undefined>;

  /** Every job, most recently started first. */
  listJobs(): Promise<TraceJob[]>;

  /**
   * Queues items for review, idempotently (upsert by job id + row, see the port's semantics). All
   * items are written in one transaction. Throws when an item's job has not been recorded.
   * @param items - items of one or more recorded jobs
   * @returns how many were new, unchanged and changed
   */
  queueItems(items: readonly ReviewItem[]): Promise<QueueSummary>;

  /**
   * A job's items in row order, each with its current decision, if any.
   * @param jobId - the job
   * @param options - filter by status and page
   */
  listItems(jobId: string, options?: ListItemsOptions): Promise<ReviewEntry[]>;

  /**
   * How many items a job has, pending and decided.
   * @param jobId - the job
   */
  countItems(jobId: string): Promise<ReviewCounts>;

  /**
   * Records a person's decision on an item. Fails (as a value) when the item is unknown, when
   * an accepted NHS Number is not among the item's candidates, or when nobody is named.
   * @param decision - what was decided, by whom and when
   * @returns the stored decision
   */
  decide(decision: ReviewDecisionInput): Promise<Result<ReviewDecision>>;

  /**
   * Every decision on a job's items, oldest first: the audit history, superseded ones included.
   * @param jobId - the job
   */
  listDecisions(jobId: string): Promise<ReviewDecision[]>;

  /** Releases what the store holds (connections); it is unusable afterwards. */
  close(): Promise<void>;
}

/** One trace run's job: which files, when, with which model, and what it found. */
export interface TraceJob {
  /** `traceJobId`: hash of the response path and the request file's contents. */
  readonly id: string;
  /** The request file's name (no folder). */
  readonly requestFile: string;
  /** The response file's path, as resolved when the job ran. */
  readonly responsePath: string;
  /** ISO 8601 start of the run that recorded the job. */
  readonly startedAt: string;
  /** ISO 8601 end of that run; absent while it runs (or when it was killed). */
  readonly finishedAt?: string;
  /** The version (hash) of the model the job traced with. */
  readonly modelVersion: string;
  /** The request file's date layout, to read the queued request cells again. */
  readonly dateFormat: RequestDateFormat;
  /** Data rows traced (0 until the run finishes). */
  readonly rows: number;
  /** Rows by `TRACE_OUTCOME` (empty until the run finishes). */
  readonly outcomes: Readonly<Record<string, number>>;
}

/** The outcomes that send a row to review. */
export type ReviewOutcome = 'review' | 'multiple';

/** A candidate as queued: what the trace scored, with the explanation of the score. */
export interface ReviewCandidate {
  /** The candidate's current NHS Number. */
  readonly nhsNumber: string;
  /** Match weight in bits. */
  readonly weight: number;
  readonly probability: number;
  /** One bar per comparison (level, m, u, weight, term-frequency adjustment). */
  readonly explanation: readonly Contribution[];
}

/** A row of a job that a person must resolve. */
export interface ReviewItem {
  readonly jobId: string;
  /** The 1-based data row in the response file (the request's data rows, blank lines not counted). */
  readonly row: number;
  /** The line of the request file the row starts on. */
  readonly line: number;
  /** `UNIQUE REFERENCE` as sent (trimmed). */
  readonly reference: string;
  /** `LOCAL_PATIENT_ID` as sent (trimmed). */
  readonly localPatientId: string;
  /** The request's cells under their PDS MESH column names, as sent (after any column mapping). */
  readonly request: PdsMeshRequestRow;
  readonly outcome: ReviewOutcome;
  /** Why the trace could not decide (stable codes). */
  readonly reasons: readonly string[];
  /** The candidates, best first. */
  readonly candidates: readonly ReviewCandidate[];
}

/** An item as stored: with its fingerprint. */
export interface StoredReviewItem extends ReviewItem {
  /** What a decision is tied to: reference, request cells and candidate numbers (`reviewFingerprint`). */
  readonly fingerprint: string;
}

/** What a person decided: accept one candidate's number, or reject them all (no match). */
export type ReviewVerdict =
  { readonly verdict: 'accept'; readonly nhsNumber: string } | { readonly verdict: 'reject' };

/** A decision to record. */
export type ReviewDecisionInput = ReviewVerdict & {
  readonly jobId: string;
  readonly row: number;
  /** Who decided (a user name; required). */
  readonly decidedBy: string;
  /** ISO 8601 time of the decision. */
  readonly decidedAt: string;
  readonly note?: string;
};

/** A stored decision. */
export type ReviewDecision = ReviewDecisionInput & {
  /** Increases with every decision recorded in the store. */
  readonly id: number;
  /** The fingerprint of the item it was made on. */
  readonly fingerprint: string;
};

/** An item with its current decision. */
export interface ReviewEntry {
  readonly item: StoredReviewItem;
  /** The latest decision made on the item as it now is; absent while it is pending. */
  readonly decision?: ReviewDecision;
}

/** Filters and paging for {@link ReviewStore.listItems}. */
export interface ListItemsOptions {
  /** `pending` (no current decision), `decided`, or every item (default). */
  readonly status?: 'pending' | 'decided';
  /** Items skipped first (after filtering); default 0. */
  readonly offset?: number;
  /** Most items returned; default all. */
  readonly limit?: number;
}

/** Counts of a job's items. */
export interface ReviewCounts {
  readonly items: number;
  readonly pending: number;
  readonly decided: number;
}

/** What {@link ReviewStore.queueItems} did. */
export interface QueueSummary {
  /** Items not queued before. */
  readonly added: number;
  /** Items queued again unchanged: their decisions still apply. */
  readonly unchanged: number;
  /** Items whose reference, request or candidates changed: earlier decisions no longer apply. */
  readonly changed: number;
}
