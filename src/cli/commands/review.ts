import type { Command } from 'commander';
import { DEFAULT_DB } from './register-store-option.js';
import {
  apply,
  decide,
  listItems,
  listJobs,
  type ReviewApplyOptions,
  type ReviewDecideOptions,
  type ReviewListOptions,
} from './review-actions.js';

const DB_HELP = 'register and review queue: DuckDB file or postgres:// URL';
const AUDIT_HELP =
  'audit log to append to (default: nhs-trace-audit.ndjson beside the DuckDB file, or beside the response for PostgreSQL)';

const JOBS_HELP = `
Lists the trace jobs of the store, latest first: job id, start, request file, rows traced and
how many rows were sent to review (pending: not yet decided). 'nhs-trace trace' records a job
and prints its id.

Exit status: 0 listed, 2 usage error or no register at --db.

Example:
  nhs-trace review jobs --db register.duckdb
`;

const LIST_HELP = `
Lists the rows of a trace job that went to review (TRACE_OUTCOME review or multiple), in
response row order: row (the response file's data row), request line, UNIQUE REFERENCE, outcome,
decision, the reasons, then each candidate's NHS Number, match weight in bits and probability.
--json prints the full items (the request's cells as sent and each candidate's explanation:
level, m, u and weight per comparison) with their current decisions.

Exit status: 0 listed, 2 usage error, unknown job or no register at --db.

Examples:
  nhs-trace review list --job 3f2a9c0d41e8b7a6 --pending
  nhs-trace review list --job 3f2a9c0d41e8b7a6 --json --limit 20 > page1.json
`;

const DECIDE_HELP = `
Records a reviewer's decision on one row of a job: --accept one of the row's candidate NHS
Numbers (this is the person), or --reject (none of them: no match). Decisions are attributed
(--by), never overwritten: a later decision on the same row becomes the current one and the
earlier stays in the history. One line goes to the audit log (ids and verdict, no patient data;
the note stays in the store). Apply the decisions with 'nhs-trace review apply'.

Exit status: 0 recorded; 2 usage error, unknown job or row, or a number that is not one of the
row's candidates (nothing is recorded).

Examples:
  nhs-trace review decide --job 3f2a9c0d41e8b7a6 --row 6 --accept 9990000018 --by alice
  nhs-trace review decide --job 3f2a9c0d41e8b7a6 --row 7 --reject --by bob --note "different GP"
`;

const APPLY_HELP = `
Writes the job's final response and load file with the reviewers' decisions applied, without
tracing again: RESPONSE.final.csv and RESPONSE.final.load.csv beside RESPONSE.csv (atomically).
An accepted row becomes matched (code 00, or 92 for a restricted person, whose address, GP and
contact details are withheld) with the register's current demographics, confidence 100 and an
EXPLANATION starting 'confirmed by reviewer'; its load row gets status 01 and the changed fields.
A rejected row becomes no-match (98, 0000000000), load status 04. Rows not yet decided, and every
other row, are copied as the trace wrote them. The job is the one named in RESPONSE.report.json
unless --job is given. One line goes to the audit log (counts only).

Exit status: 0 written; 1 written, but some decisions could not be applied (the row was traced
again since, or the accepted person is no longer in the register); 2 usage error, unknown job,
or a file that is not the run's response or load file.

Example:
  nhs-trace review apply out/response.csv --db register.duckdb
`;

/**
 * Registers `review jobs`, `review list`, `review decide` and `review apply`: work the review
 * queue that `trace` fills, without the web app.
 * @param program - the root program
 */
export function registerReviewCommand(program: Command): void {
  const review = program
    .command('review')
    .description('Work the review queue of trace jobs: list, decide, apply the decisions');
  review
    .command('jobs')
    .description('List the trace jobs and how many of their rows wait for review')
    .option('--db <path>', DB_HELP, DEFAULT_DB)
    .option('--json', 'print the jobs as JSON')
    .addHelpText('after', JOBS_HELP)
    .action(async (options: { readonly db: string; readonly json?: boolean }) => {
      await listJobs(options);
    });
  review
    .command('list')
    .description("List a job's rows sent to review, with their candidates and decisions")
    .requiredOption('--job <id>', 'the job id (printed by trace; see review jobs)')
    .option('--pending', 'only rows with no decision yet')
    .option('--decided', 'only rows with a decision')
    .option('--offset <n>', 'skip this many rows first', '0')
    .option('--limit <n>', 'list at most this many rows')
    .option('--json', 'print full items (request cells, explanations) as JSON')
    .option('--db <path>', DB_HELP, DEFAULT_DB)
    .addHelpText('after', LIST_HELP)
    .action(async (options: ReviewListOptions) => {
      await listItems(options);
    });
  review
    .command('decide')
    .description('Record a decision on a row: accept a candidate, or reject all (no match)')
    .requiredOption('--job <id>', 'the job id')
    .requiredOption('--row <n>', "the row (as 'review list' shows it)")
    .option('--accept <nhs-number>', "the candidate's NHS Number that is this person")
    .option('--reject', 'none of the candidates is this person')
    .requiredOption('--by <name>', 'who decides (recorded with the decision)')
    .option('--note <text>', 'why (kept in the store, not in the audit log)')
    .option('--db <path>', DB_HELP, DEFAULT_DB)
    .option('--audit <file>', AUDIT_HELP)
    .addHelpText('after', DECIDE_HELP)
    .action(async (options: ReviewDecideOptions) => {
      await decide(options);
    });
  review
    .command('apply')
    .description('Write RESPONSE.final.csv and .final.load.csv with the decisions applied')
    .argument('<response>', 'the response CSV a trace wrote (trace --out)')
    .option('--job <id>', 'the job id (default: the jobId in RESPONSE.report.json)')
    .option('--db <path>', DB_HELP, DEFAULT_DB)
    .option('--audit <file>', AUDIT_HELP)
    .addHelpText('after', APPLY_HELP)
    .action(async (response: string, options: ReviewApplyOptions) => {
      await apply(response, options);
    });
}
