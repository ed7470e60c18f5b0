import { basename } from 'node:path';
import { defaultAuditPath } from '../../pipeline/trace-audit.js';
import { finaliseTrace } from '../../pipeline/trace-finalise.js';
import {
  appendReviewAudit,
  decisionAuditEntry,
  type ReviewFinaliseAuditEntry,
} from '../../pipeline/trace-review-audit.js';
import type { NhsNumber } from '../../core/nhs-number/nhs-number.js';
import type { ReviewStore, TraceJob } from '../../storage/review-store.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { issuesText } from './cli-files.js';
import { parseCount } from './parse-count.js';
import { finaliseText, reviewJobsText, reviewListText } from './review-output.js';
import { withRegisterAndReviews } from './review-store-option.js';

/** Options of `review list`. */
export interface ReviewListOptions {
  readonly job: string;
  readonly db: string;
  readonly pending?: boolean;
  readonly decided?: boolean;
  readonly offset: string;
  readonly limit?: string;
  readonly json?: boolean;
}

/** Options of `review decide`. */
export interface ReviewDecideOptions {
  readonly job: string;
  readonly row: string;
  readonly accept?: string;
  readonly reject?: boolean;
  readonly by: string;
  readonly note?: string;
  readonly db: string;
  readonly audit?: string;
}

/** Options of `review apply`. */
export interface ReviewApplyOptions {
  readonly job?: string;
  readonly db: string;
  readonly audit?: string;
}

async function jobOrFail(reviews: ReviewStore, id: string): Promise<TraceJob> {
  const job = await reviews.getJob(id);
  if (job === undefined) {
    throw new CliError(`job ${id} is not in this store; 'nhs-trace review jobs' lists them`);
  }
  return job;
}

/**
 * `review jobs`: the store's trace jobs, latest first, with their review counts.
 * @param options - `--db` and `--json`
 */
export async function listJobs(options: {
  readonly db: string;
  readonly json?: boolean;
}): Promise<void> {
  await withRegisterAndReviews(options.db, 'existing', async (_register, reviews) => {
    const jobs = await reviews.listJobs();
    const withCounts = await Promise.all(
      jobs.map(async (job) => ({ job, counts: await reviews.countItems(job.id) })),
    );
    process.stdout.write(
      options.json === true
        ? `${JSON.stringify(withCounts, null, 2)}\n`
        : reviewJobsText(withCounts),
    );
  });
}

/**
 * `review list`: a job's items (pending, decided or all), paged.
 * @param options - job, filter, paging, `--json`, `--db`
 */
export async function listItems(options: ReviewListOptions): Promise<void> {
  if (options.pending === true && options.decided === true) {
    throw new CliError('give either --pending or --decided, not both');
  }
  const offset = parseCount(options.offset, '--offset');
  const limit = options.limit === undefined ? undefined : parseCount(options.limit, '--limit');
  await withRegisterAndReviews(options.db, 'existing', async (_register, reviews) => {
    const job = await jobOrFail(reviews, options.job);
    const status =
      options.pending === true ? 'pending' : options.decided === true ? 'decided' : undefined;
    const entries = await reviews.listItems(job.id, {
      offset,
      ...(status === undefined ? {} : { status }),
      ...(limit === undefined ? {} : { limit }),
    });
    if (options.json === true) {
      process.stdout.write(`${JSON.stringify({ job, items: entries }, null, 2)}\n`);
      return;
    }
    process.stdout.write(reviewListText(job, await reviews.countItems(job.id), entries));
  });
}

/** An NHS Number as typed (`943 476 5919`, `943-476-5919`) with the separators removed. */
const compact = (raw: string): string => raw.replaceAll(/[\s-]/g, '');

/**
 * `review decide`: records one decision (accept a candidate's number, or reject all), attributed
 * and appended to the audit log. A refused decision (unknown item, a number that is not a
 * candidate) exits 2 with the reason.
 * @param options - job, row, verdict, reviewer, note, `--db`, `--audit`
 */
export async function decide(options: ReviewDecideOptions): Promise<void> {
  if ((options.accept === undefined) === (options.reject !== true)) {
    throw new CliError('give exactly one of --accept NHS_NUMBER or --reject');
  }
  const row = parseCount(options.row, '--row');
  const decidedAt = new Date().toISOString();
  const verdict =
    options.accept === undefined
      ? { verdict: 'reject' as const }
      : { verdict: 'accept' as const, nhsNumber: compact(options.accept) as NhsNumber };
  const { job, stored } = await withRegisterAndReviews(
    options.db,
    'existing',
    async (_register, reviews) => ({
      job: await jobOrFail(reviews, options.job),
      stored: await reviews.decide({
        ...verdict,
        jobId: options.job,
        row,
        decidedBy: options.by,
        decidedAt,
        ...(options.note === undefined ? {} : { note: options.note }),
      }),
    }),
  );
  if (!stored.success) {
    throw new CliError(`decision refused: ${issuesText(stored.issues)}`, ExitCode.usage);
  }
  // The trace's own default: beside the DuckDB file, else beside the job's response file.
  const audit = options.audit ?? defaultAuditPath(options.db, job.responsePath);
  await appendReviewAudit(audit, decisionAuditEntry(stored.data));
  const d = stored.data;
  const what = d.verdict === 'accept' ? `accepted ${d.nhsNumber}` : 'rejected (no match)';
  process.stdout.write(
    `job ${d.jobId} row ${d.row}: ${what} by ${d.decidedBy} (decision ${d.id}); audit line appended to ${audit}\n`,
  );
}

/**
 * `review apply RESPONSE.csv`: writes `RESPONSE.final.csv` and `RESPONSE.final.load.csv` with the
 * job's decisions applied, without tracing again. Exit 1 when some decisions could not be
 * applied (stale, or the accepted person left the register).
 * @param response - the run's response file
 * @param options - job (default: from the run's report), `--db`, `--audit`
 */
export async function apply(response: string, options: ReviewApplyOptions): Promise<void> {
  const at = new Date().toISOString();
  const result = await withRegisterAndReviews(options.db, 'existing', (register, reviews) =>
    finaliseTrace({
      responsePath: response,
      reviews,
      lookup: (nhsNumber) => register.getByNhsNumber(nhsNumber as NhsNumber),
      ...(options.job === undefined ? {} : { jobId: options.job }),
    }),
  );
  if (!result.success) {
    throw new CliError(issuesText(result.issues), ExitCode.usage);
  }
  const s = result.data;
  const audit = options.audit ?? defaultAuditPath(options.db, response);
  const entry: ReviewFinaliseAuditEntry = {
    event: 'review-finalise',
    at,
    jobId: s.jobId,
    output: basename(s.files.response),
    rows: s.rows,
    accepted: s.accepted,
    rejected: s.rejected,
    undecided: s.undecided,
    stale: s.stale,
    missing: s.missing,
  };
  await appendReviewAudit(audit, entry);
  process.stdout.write(finaliseText(s, audit));
  if (s.stale > 0 || s.missing > 0) {
    process.exitCode = ExitCode.someInvalid;
  }
}
