import type { FinaliseSummary } from '../../pipeline/trace-finalise.js';
import type { ReviewCounts, ReviewEntry, TraceJob } from '../../storage/review-store.js';
import { DEFAULT_DB } from './register-store-option.js';

/** What the review commands print. The reviewer is authorised to see what they print. */

const n = (value: number): string => value.toLocaleString('en-GB');

const dbOption = (db: string): string => (db === DEFAULT_DB ? '' : ` --db ${db}`);

/**
 * The line `trace` adds to its summary: the job id and how many rows it queued for review (its
 * `review` and `multiple` rows; a resumed run's report counts the whole job).
 * @param jobId - the job
 * @param report - the run's report
 * @param db - `--db` as given (repeated in the suggested command unless it is the default)
 */
export function reviewQueueLine(
  jobId: string,
  report: {
    readonly outcomes: Readonly<Record<'review' | 'multiple', { readonly count: number }>>;
  },
  db: string,
): string {
  const queued = report.outcomes.review.count + report.outcomes.multiple.count;
  if (queued === 0) {
    return `job ${jobId}: no rows to review\n`;
  }
  return `job ${jobId}: ${n(queued)} rows queued for review; see them with 'nhs-trace review list --job ${jobId}${dbOption(db)}'\n`;
}

const bits = (weight: number): string => `${weight >= 0 ? '+' : ''}${weight.toFixed(2)}`;

function decisionText(entry: ReviewEntry): string {
  const d = entry.decision;
  if (d === undefined) {
    return 'pending';
  }
  const what = d.verdict === 'accept' ? `accepted ${d.nhsNumber}` : 'rejected';
  return `${what} by ${d.decidedBy} ${d.decidedAt.slice(0, 16).replace('T', ' ')}`;
}

/**
 * The text listing of a job's items: a header with the counts, then one line per item (row,
 * reference, outcome, status) and one per candidate (NHS Number, weight in bits, probability).
 * No demographics: `--json` gives the full items.
 * @param job - the job
 * @param counts - its item counts
 * @param entries - the items listed
 */
export function reviewListText(
  job: TraceJob,
  counts: ReviewCounts,
  entries: readonly ReviewEntry[],
): string {
  const lines = [
    `job ${job.id} (${job.requestFile}, started ${job.startedAt}): ${n(counts.items)} items, ${n(counts.pending)} pending, ${n(counts.decided)} decided`,
  ];
  for (const entry of entries) {
    const { item } = entry;
    const reference = item.reference === '' ? '(no reference)' : item.reference;
    lines.push(
      `row ${item.row}  line ${item.line}  ${reference}  ${item.outcome}  ${decisionText(entry)}  reasons: ${item.reasons.join(', ') || '-'}`,
    );
    for (const c of item.candidates) {
      lines.push(`    ${c.nhsNumber}  ${bits(c.weight)} bits  p=${c.probability.toFixed(6)}`);
    }
    if (item.candidates.length === 0) {
      lines.push('    (no candidates)');
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The text listing of jobs, most recent first, with their item counts.
 * @param jobs - jobs and counts
 */
export function reviewJobsText(
  jobs: readonly { readonly job: TraceJob; readonly counts: ReviewCounts }[],
): string {
  if (jobs.length === 0) {
    return 'no trace jobs in this store\n';
  }
  return `${jobs
    .map(
      ({ job, counts }) =>
        `${job.id}  ${job.startedAt}  ${job.requestFile}  ${n(job.rows)} rows  ${n(counts.items)} to review (${n(counts.pending)} pending)${job.finishedAt === undefined ? '  (not finished)' : ''}`,
    )
    .join('\n')}\n`;
}

/**
 * What `review apply` prints.
 * @param summary - what finalising counted and wrote
 * @param audit - the audit log the line went to
 */
export function finaliseText(summary: FinaliseSummary, audit: string): string {
  const lines = [
    `job ${summary.jobId}: ${n(summary.rows)} rows; applied ${n(summary.accepted)} accepted and ${n(summary.rejected)} rejected; ${n(summary.undecided)} still under review`,
  ];
  if (summary.stale > 0) {
    lines.push(
      `${n(summary.stale)} decisions not applied: their row is no longer the item decided (traced again since)`,
    );
  }
  if (summary.missing > 0) {
    lines.push(`${n(summary.missing)} accepted numbers are no longer in the register: not applied`);
  }
  lines.push(
    `wrote ${summary.files.response} and ${summary.files.load}; audit line appended to ${audit}`,
  );
  return `${lines.join('\n')}\n`;
}
