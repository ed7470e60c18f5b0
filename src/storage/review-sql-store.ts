import { ok, type Result } from '../core/result.js';
import type { PdsMeshRequestRow } from '../formats/pds-mesh-columns.js';
import type { RequestDateFormat } from '../formats/pds-mesh-request-types.js';
import { checkDecision, storedDecision, withFingerprint } from './review-rules.js';
import type {
  ListItemsOptions,
  QueueSummary,
  ReviewCandidate,
  ReviewCounts,
  ReviewDecision,
  ReviewDecisionInput,
  ReviewEntry,
  ReviewItem,
  ReviewOutcome,
  ReviewStore,
  StoredReviewItem,
  TraceJob,
} from './review-store.js';

/**
 * The review store in SQL, written once for every engine whose dialect it fits (DuckDB and
 * PostgreSQL: `$n` parameters, `RETURNING`, sequences, window functions). An adapter supplies a
 * {@link ReviewSqlEngine}: how to run a statement and a transaction. The tables are created by
 * each engine's schema migrations (`trace_job`, `review_item`, `review_decision` and the
 * sequence `review_decision_id`); JSON values are stored as text (DuckDB) or `jsonb`
 * (PostgreSQL) and read back either way.
 */

/** A parameter value. */
export type SqlValue = string | number | null;

/** A row as the engine returns it, keyed by column name. */
export type SqlRow = Readonly<Record<string, unknown>>;

/** Runs one parameterised statement (`$1`, `$2`, …). */
export type SqlQuery = (sql: string, params?: readonly SqlValue[]) => Promise<readonly SqlRow[]>;

/** What an engine adapter provides. */
export interface ReviewSqlEngine {
  /** Runs a statement outside any transaction. */
  readonly query: SqlQuery;
  /**
   * Runs `work` in one transaction that writers of the same job take one at a time (an
   * engine with several writer processes locks the job), committing when it resolves and
   * rolling back when it throws.
   * @param jobIds - the jobs written
   * @param work - the statements, run through the given query function
   */
  transaction<T>(jobIds: readonly string[], work: (query: SqlQuery) => Promise<T>): Promise<T>;
  /** Releases the engine's connections. */
  close(): Promise<void>;
}

/** Rows inserted per statement when queueing. */
const INSERT_BATCH = 200;

const json = (value: unknown): string => JSON.stringify(value);

/** A JSON column's value: text in DuckDB, already parsed from `jsonb` by the PostgreSQL driver. */
const parsed = (value: unknown): unknown =>
  typeof value === 'string' ? (JSON.parse(value) as unknown) : value;

/** A text column's value ('' for NULL); numbers only where a driver returns them for text. */
const text = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'bigint'
      ? value.toString()
      : '';

const JOB_COLUMNS = `id, request_file, response_path, started_at, finished_at, model_version,
  date_format, rows_traced, outcomes`;

function jobFrom(row: SqlRow): TraceJob {
  const finishedAt = row['finished_at'];
  return {
    id: text(row['id']),
    requestFile: text(row['request_file']),
    responsePath: text(row['response_path']),
    startedAt: text(row['started_at']),
    ...(finishedAt === null || finishedAt === undefined ? {} : { finishedAt: text(finishedAt) }),
    modelVersion: text(row['model_version']),
    dateFormat: text(row['date_format']) as RequestDateFormat,
    rows: Number(row['rows_traced']),
    outcomes: parsed(row['outcomes']) as Record<string, number>,
  };
}

const ITEM_COLUMNS = `job_id, row_no, line_no, reference, local_patient_id, request, outcome,
  reasons, candidates, fingerprint`;

function itemFrom(row: SqlRow): StoredReviewItem {
  return {
    jobId: text(row['job_id']),
    row: Number(row['row_no']),
    line: Number(row['line_no']),
    reference: text(row['reference']),
    localPatientId: text(row['local_patient_id']),
    request: parsed(row['request']) as PdsMeshRequestRow,
    outcome: text(row['outcome']) as ReviewOutcome,
    reasons: parsed(row['reasons']) as string[],
    candidates: parsed(row['candidates']) as ReviewCandidate[],
    fingerprint: text(row['fingerprint']),
  };
}

function itemValues(item: StoredReviewItem): SqlValue[] {
  return [
    item.jobId,
    item.row,
    item.line,
    item.reference,
    item.localPatientId,
    json(item.request),
    item.outcome,
    json(item.reasons),
    json(item.candidates),
    item.fingerprint,
  ];
}

/** A decision from columns prefixed `d_` (as the item listing selects them), if there is one. */
function decisionFrom(row: SqlRow, prefix: string): ReviewDecision | undefined {
  const id = row[`${prefix}id`];
  if (id === null || id === undefined) {
    return undefined;
  }
  const note = row[`${prefix}note`];
  const common = {
    id: Number(id),
    jobId: text(row[`${prefix}job_id`]),
    row: Number(row[`${prefix}row_no`]),
    decidedBy: text(row[`${prefix}decided_by`]),
    decidedAt: text(row[`${prefix}decided_at`]),
    fingerprint: text(row[`${prefix}fingerprint`]),
    ...(note === null || note === undefined ? {} : { note: text(note) }),
  };
  return row[`${prefix}verdict`] === 'accept'
    ? { ...common, verdict: 'accept', nhsNumber: text(row[`${prefix}nhs_number`]) }
    : { ...common, verdict: 'reject' };
}

const DECISION_COLUMNS = `id, job_id, row_no, verdict, nhs_number, decided_by, decided_at, note,
  fingerprint`;

/** Each item of a job with its current decision (latest on the item's fingerprint), if any. */
const ENTRIES_SQL = `
  WITH current_decision AS (
    SELECT d.id, d.job_id, d.row_no, d.verdict, d.nhs_number, d.decided_by, d.decided_at,
      d.note, d.fingerprint,
      row_number() OVER (PARTITION BY d.row_no ORDER BY d.id DESC) AS latest
    FROM review_decision d
    JOIN review_item i
      ON i.job_id = d.job_id AND i.row_no = d.row_no AND i.fingerprint = d.fingerprint
    WHERE d.job_id = $1
  )
  SELECT i.job_id, i.row_no, i.line_no, i.reference, i.local_patient_id, i.request, i.outcome,
    i.reasons, i.candidates, i.fingerprint,
    c.id AS d_id, c.job_id AS d_job_id, c.row_no AS d_row_no, c.verdict AS d_verdict,
    c.nhs_number AS d_nhs_number, c.decided_by AS d_decided_by, c.decided_at AS d_decided_at,
    c.note AS d_note, c.fingerprint AS d_fingerprint
  FROM review_item i
  LEFT JOIN current_decision c ON c.row_no = i.row_no AND c.latest = 1
  WHERE i.job_id = $1`;

const whole = (value: number | undefined, fallback: number): number =>
  value === undefined || !Number.isFinite(value) ? fallback : Math.max(0, Math.trunc(value));

/**
 * The review store over a SQL engine (see the module comment). Used by the DuckDB and
 * PostgreSQL adapters; both pass `review-store.contract.ts`.
 */
export class SqlReviewStore implements ReviewStore {
  readonly #engine: ReviewSqlEngine;
  #closed = false;

  /**
   * @param engine - how to run statements and transactions on the adapter's connection
   */
  constructor(engine: ReviewSqlEngine) {
    this.#engine = engine;
  }

  /**
   * Records a job, replacing one with the same id.
   * @param job - the job
   */
  async recordJob(job: TraceJob): Promise<void> {
    this.#assertOpen();
    const values: SqlValue[] = [
      job.id,
      job.requestFile,
      job.responsePath,
      job.startedAt,
      job.finishedAt ?? null,
      job.modelVersion,
      job.dateFormat,
      job.rows,
      json(job.outcomes),
    ];
    await this.#engine.transaction([job.id], async (query) => {
      // Updated in place, never deleted: its items refer to it.
      const found = await query('SELECT count(*) AS n FROM trace_job WHERE id = $1', [job.id]);
      await query(
        Number(found[0]?.['n'] ?? 0) > 0
          ? `UPDATE trace_job SET request_file = $2, response_path = $3, started_at = $4,
               finished_at = $5, model_version = $6, date_format = $7, rows_traced = $8,
               outcomes = $9 WHERE id = $1`
          : `INSERT INTO trace_job (${JOB_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        values,
      );
    });
  }

  /**
   * A job by id.
   * @param id - the job id
   */
  async getJob(id: string): Promise<TraceJob | undefined> {
    this.#assertOpen();
    const rows = await this.#engine.query(`SELECT ${JOB_COLUMNS} FROM trace_job WHERE id = $1`, [
      id,
    ]);
    return rows[0] === undefined ? undefined : jobFrom(rows[0]);
  }

  /** Every job, most recently started first (then by id). */
  async listJobs(): Promise<TraceJob[]> {
    this.#assertOpen();
    const rows = await this.#engine.query(
      `SELECT ${JOB_COLUMNS} FROM trace_job ORDER BY started_at DESC, id`,
    );
    return rows.map(jobFrom);
  }

  /**
   * Upserts items by job and row in one transaction; decisions on unchanged items keep applying.
   * @param items - items of recorded jobs
   */
  async queueItems(items: readonly ReviewItem[]): Promise<QueueSummary> {
    this.#assertOpen();
    const latest = new Map<string, StoredReviewItem>();
    for (const item of items) {
      latest.set(`${item.jobId}\u0000${item.row}`, withFingerprint(item));
    }
    const byJob = new Map<string, StoredReviewItem[]>();
    for (const item of latest.values()) {
      byJob.set(item.jobId, [...(byJob.get(item.jobId) ?? []), item]);
    }
    const jobIds = [...byJob.keys()].sort();
    return this.#engine.transaction(jobIds, async (query) => {
      const summary = { added: 0, unchanged: 0, changed: 0 };
      for (const [jobId, jobItems] of byJob) {
        const found = await query('SELECT count(*) AS n FROM trace_job WHERE id = $1', [jobId]);
        if (Number(found[0]?.['n'] ?? 0) === 0) {
          throw new Error(`review items for job ${jobId}, which is not recorded`);
        }
        for (let start = 0; start < jobItems.length; start += INSERT_BATCH) {
          const batch = jobItems.slice(start, start + INSERT_BATCH);
          const rowList = batch.map((item) => String(Math.trunc(item.row))).join(', ');
          const before = new Map(
            (
              await query(
                `SELECT row_no, fingerprint FROM review_item WHERE job_id = $1 AND row_no IN (${rowList})`,
                [jobId],
              )
            ).map((r) => [Number(r['row_no']), text(r['fingerprint'])]),
          );
          for (const item of batch) {
            const was = before.get(item.row);
            if (was === undefined) {
              summary.added += 1;
            } else if (was === item.fingerprint) {
              summary.unchanged += 1;
            } else {
              summary.changed += 1;
            }
          }
          await query(`DELETE FROM review_item WHERE job_id = $1 AND row_no IN (${rowList})`, [
            jobId,
          ]);
          const width = 10;
          const tuples = batch.map(
            (_, i) =>
              `(${Array.from({ length: width }, (__, k) => `$${i * width + k + 1}`).join(', ')})`,
          );
          await query(
            `INSERT INTO review_item (${ITEM_COLUMNS}) VALUES ${tuples.join(', ')}`,
            batch.flatMap(itemValues),
          );
        }
      }
      return summary;
    });
  }

  /**
   * A job's items in row order with their current decisions, filtered and paged in SQL.
   * @param jobId - the job
   * @param options - status filter and paging
   */
  async listItems(jobId: string, options: ListItemsOptions = {}): Promise<ReviewEntry[]> {
    this.#assertOpen();
    const status =
      options.status === 'pending'
        ? ' AND c.id IS NULL'
        : options.status === 'decided'
          ? ' AND c.id IS NOT NULL'
          : '';
    const limit = options.limit === undefined ? '' : ` LIMIT ${whole(options.limit, 0)}`;
    const offset = ` OFFSET ${whole(options.offset, 0)}`;
    const rows = await this.#engine.query(
      `${ENTRIES_SQL}${status} ORDER BY i.row_no${limit}${offset}`,
      [jobId],
    );
    return rows.map((row) => {
      const decision = decisionFrom(row, 'd_');
      const item = itemFrom(row);
      return decision === undefined ? { item } : { item, decision };
    });
  }

  /**
   * Counts of a job's items.
   * @param jobId - the job
   */
  async countItems(jobId: string): Promise<ReviewCounts> {
    this.#assertOpen();
    const rows = await this.#engine.query(
      `SELECT count(*) AS items, count(d_id) AS decided FROM (${ENTRIES_SQL}) AS entries`,
      [jobId],
    );
    const items = Number(rows[0]?.['items'] ?? 0);
    const decided = Number(rows[0]?.['decided'] ?? 0);
    return { items, pending: items - decided, decided };
  }

  /**
   * Records a decision after checking it against the item, in one transaction.
   * @param decision - the decision
   */
  async decide(decision: ReviewDecisionInput): Promise<Result<ReviewDecision>> {
    this.#assertOpen();
    return this.#engine.transaction([decision.jobId], async (query) => {
      const rows = await query(
        `SELECT ${ITEM_COLUMNS} FROM review_item WHERE job_id = $1 AND row_no = $2`,
        [decision.jobId, Math.trunc(decision.row)],
      );
      const checked = checkDecision(
        decision,
        rows[0] === undefined ? undefined : itemFrom(rows[0]),
      );
      if (!checked.success) {
        return checked;
      }
      const draft = storedDecision(decision, 0, checked.data.fingerprint);
      const inserted = await query(
        `INSERT INTO review_decision (${DECISION_COLUMNS})
         VALUES (nextval('review_decision_id'), $1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          draft.jobId,
          draft.row,
          draft.verdict,
          draft.verdict === 'accept' ? draft.nhsNumber : null,
          draft.decidedBy,
          draft.decidedAt,
          draft.note ?? null,
          draft.fingerprint,
        ],
      );
      return ok({ ...draft, id: Number(inserted[0]?.['id']) });
    });
  }

  /**
   * Every decision on a job, oldest first.
   * @param jobId - the job
   */
  async listDecisions(jobId: string): Promise<ReviewDecision[]> {
    this.#assertOpen();
    const rows = await this.#engine.query(
      `SELECT ${DECISION_COLUMNS} FROM review_decision WHERE job_id = $1 ORDER BY id`,
      [jobId],
    );
    return rows.flatMap((row) => decisionFrom(row, '') ?? []);
  }

  /** Releases the engine. */
  async close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      await this.#engine.close();
    }
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new Error('the review store is closed');
    }
  }
}
