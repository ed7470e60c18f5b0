import { ok, type Result } from '../../core/result.js';
import {
  checkDecision,
  currentDecision,
  pageEntries,
  storedDecision,
  withFingerprint,
} from '../review-rules.js';
import type {
  ListItemsOptions,
  QueueSummary,
  ReviewCounts,
  ReviewDecision,
  ReviewDecisionInput,
  ReviewEntry,
  ReviewItem,
  ReviewStore,
  StoredReviewItem,
  TraceJob,
} from '../review-store.js';

const key = (jobId: string, row: number): string => `${jobId}\u0000${row}`;

/**
 * Trace jobs and their review queue in process memory: the reference implementation of the
 * port and the fake for tests of higher layers. Values are deep-cloned on the way in and out.
 */
export class MemoryReviewStore implements ReviewStore {
  readonly #jobs = new Map<string, TraceJob>();
  readonly #items = new Map<string, StoredReviewItem>();
  readonly #decisions: ReviewDecision[] = [];
  #closed = false;

  /**
   * Records a job, replacing one with the same id.
   * @param job - the job
   */
  recordJob(job: TraceJob): Promise<void> {
    this.#assertOpen();
    this.#jobs.set(job.id, structuredClone(job));
    return Promise.resolve();
  }

  /**
   * A job by id.
   * @param id - the job id
   */
  getJob(id: string): Promise<TraceJob | undefined> {
    this.#assertOpen();
    return Promise.resolve(structuredClone(this.#jobs.get(id)));
  }

  /** Every job, most recently started first (then by id). */
  listJobs(): Promise<TraceJob[]> {
    this.#assertOpen();
    const jobs = [...this.#jobs.values()].sort(
      (a, b) =>
        (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    return Promise.resolve(structuredClone(jobs));
  }

  /**
   * Upserts items by job and row; decisions on unchanged items keep applying.
   * @param items - items of recorded jobs
   */
  queueItems(items: readonly ReviewItem[]): Promise<QueueSummary> {
    this.#assertOpen();
    const unknown = items.find((item) => !this.#jobs.has(item.jobId));
    if (unknown !== undefined) {
      return Promise.reject(
        new Error(`review items for job ${unknown.jobId}, which is not recorded`),
      );
    }
    let checked: StoredReviewItem[];
    try {
      checked = items.map((item) => withFingerprint(structuredClone(item)));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    let added = 0;
    let unchanged = 0;
    let changed = 0;
    for (const stored of checked) {
      const before = this.#items.get(key(stored.jobId, stored.row));
      if (before === undefined) {
        added += 1;
      } else if (before.fingerprint === stored.fingerprint) {
        unchanged += 1;
      } else {
        changed += 1;
      }
      this.#items.set(key(stored.jobId, stored.row), stored);
    }
    return Promise.resolve({ added, unchanged, changed });
  }

  /**
   * A job's items in row order with their current decisions.
   * @param jobId - the job
   * @param options - status filter and paging
   */
  listItems(jobId: string, options: ListItemsOptions = {}): Promise<ReviewEntry[]> {
    this.#assertOpen();
    return Promise.resolve(structuredClone(pageEntries(this.#entries(jobId), options)));
  }

  /**
   * Counts of a job's items.
   * @param jobId - the job
   */
  countItems(jobId: string): Promise<ReviewCounts> {
    this.#assertOpen();
    const entries = this.#entries(jobId);
    const decided = entries.filter((e) => e.decision !== undefined).length;
    return Promise.resolve({ items: entries.length, pending: entries.length - decided, decided });
  }

  /**
   * Records a decision after checking it against the item.
   * @param decision - the decision
   */
  decide(decision: ReviewDecisionInput): Promise<Result<ReviewDecision>> {
    this.#assertOpen();
    const checked = checkDecision(decision, this.#items.get(key(decision.jobId, decision.row)));
    if (!checked.success) {
      return Promise.resolve(checked);
    }
    const last = this.#decisions.at(-1)?.id ?? 0;
    const stored = storedDecision(decision, last + 1, checked.data.fingerprint);
    this.#decisions.push(stored);
    return Promise.resolve(ok(structuredClone(stored)));
  }

  /**
   * Every decision on a job, oldest first.
   * @param jobId - the job
   */
  listDecisions(jobId: string): Promise<ReviewDecision[]> {
    this.#assertOpen();
    return Promise.resolve(structuredClone(this.#decisions.filter((d) => d.jobId === jobId)));
  }

  /** Marks the store closed; its contents are gone. */
  close(): Promise<void> {
    this.#closed = true;
    return Promise.resolve();
  }

  #entries(jobId: string): ReviewEntry[] {
    const items = [...this.#items.values()]
      .filter((item) => item.jobId === jobId)
      .sort((a, b) => a.row - b.row);
    return items.map((item) => {
      const decision = currentDecision(
        item,
        this.#decisions.filter((d) => d.jobId === jobId && d.row === item.row),
      );
      return decision === undefined ? { item } : { item, decision };
    });
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new Error('the review store is closed');
    }
  }
}
