import type { Command } from 'commander';
import {
  parseDateFormatOption,
  parseMappingFile,
  parseMappingSpec,
  type ColumnMapping,
} from '../../formats/column-mapping.js';
import { parseModel } from '../../matching/index.js';
import { appendAudit, auditEntry, defaultAuditPath } from '../../pipeline/trace-audit.js';
import { versionModel, type VersionedModel } from '../../pipeline/trace-model.js';
import type { TraceBackend } from '../../pipeline/trace-backend.js';
import { openTraceBackend, parseExecution } from './trace-backend-option.js';
import { runTrace } from '../../pipeline/trace-run.js';
import { reviewQueueSink } from '../../pipeline/trace-review-queue.js';
import { checkOutputFolder, issuesText, readText } from './cli-files.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { parseCount } from './parse-count.js';
import { DEFAULT_DB } from './register-store-option.js';
import { reviewQueueLine } from './review-output.js';
import { withRegisterAndReviews } from './review-store-option.js';
import { estimateText } from '../../pipeline/trace-estimate.js';
import { traceProgressReporter } from './trace-progress.js';
import { traceSummary } from './trace-summary.js';

interface TraceOptions {
  readonly out: string;
  readonly db: string;
  readonly model?: string;
  readonly map?: string;
  readonly mapFile?: string;
  readonly dateFormat?: string;
  readonly audit?: string;
  readonly seed: string;
  readonly progressEvery: string;
  readonly chunkRows?: string;
  readonly checkpointEvery: string;
  readonly execution?: string;
  readonly cascadeOnly?: boolean;
}

const HELP = `
Traces a PDS MESH request CSV (or any CSV through --map / --map-file) against the register and
writes the PDS MESH response (codes 00, 90, 92, 96, 97, 98 and row error codes) followed by
TRACE_OUTCOME, MATCH_WEIGHT, MATCH_PROBABILITY and EXPLANATION. Beside the response:
RESPONSE.unmatched.csv, .conflicts.csv, .duplicates.csv, .load.csv, .report.json,
.report.html (the report to open in a browser) and .model.json (the model used). Every file
appears atomically (written as .partial, renamed).
Without --model, a model is trained without labels on the request file and the register.
On the embedded DuckDB register, blocking and scoring run set-based in SQL (a match index is
built in the store the first time, and again whenever the register changed); --execution memory
loads the whole register into this process instead (the path for a PostgreSQL register).

A run that is killed or stops on an error resumes when the same command is run again: every
--checkpoint-every seconds, between two chunks of --chunk-rows rows, the .partial files are
forced to disk and RESPONSE.checkpoint.json records how far they go. The resumed run cuts them back to the
checkpoint, keeps the first run's model, start time and reference day, and continues, so its
files are byte for byte those of an uninterrupted run. A changed request file or option, or a
missing .partial file, starts the run afresh; a register with another number of people is
refused (delete the checkpoint to trace again from the start).
On a terminal a progress bar shows the share of the file read, rows/s and the time left;
otherwise a progress line is written every --progress-every rows.

Each run is a job (its id is printed and written to the report as jobId); its review and
multiple rows are queued in the --db store with their candidates and explanations: work them,
and write RESPONSE.final.csv with the decisions applied, with 'nhs-trace review'.

Exit status: 0 the run completed (unmatched rows included), 2 usage error or not a request file.

Examples:
  nhs-trace trace requests.csv --out response.csv
  nhs-trace trace cases.csv --out response.csv --map reference=CaseId,family=Surname,dob=DOB --date-format DD/MM/YYYY
`;

async function loadModel(path: string | undefined): Promise<VersionedModel | undefined> {
  if (path === undefined) {
    return undefined;
  }
  const parsed = parseModel(await readText(path, 'model file'));
  if (!parsed.success) {
    throw new CliError(`${path}: not a model file: ${issuesText(parsed.issues)}`);
  }
  return versionModel(parsed.data, false);
}

async function loadMapping(options: TraceOptions): Promise<ColumnMapping | undefined> {
  if (options.map !== undefined && options.mapFile !== undefined) {
    throw new CliError('give either --map or --map-file, not both');
  }
  const parsed =
    options.map !== undefined
      ? parseMappingSpec(options.map)
      : options.mapFile !== undefined
        ? parseMappingFile(await readText(options.mapFile, 'mapping file'))
        : undefined;
  if (parsed !== undefined && !parsed.success) {
    throw new CliError(`column mapping: ${issuesText(parsed.issues)}`);
  }
  return parsed?.data;
}

async function runCommand(request: string, options: TraceOptions): Promise<void> {
  checkOutputFolder(options.out);
  const model = await loadModel(options.model);
  const mapping = await loadMapping(options);
  const dateFormat =
    options.dateFormat === undefined ? undefined : parseDateFormatOption(options.dateFormat);
  if (dateFormat !== undefined && !dateFormat.success) {
    throw new CliError(issuesText(dateFormat.issues));
  }
  const seed = parseCount(options.seed, '--seed');
  const progressEvery = Math.max(1, parseCount(options.progressEvery, '--progress-every'));
  const chunkRows =
    options.chunkRows === undefined
      ? undefined
      : Math.max(1, parseCount(options.chunkRows, '--chunk-rows'));
  const checkpointSeconds = parseCount(options.checkpointEvery, '--checkpoint-every');
  const startedAt = new Date().toISOString();
  const progress = traceProgressReporter(process.stderr);
  const result = await withRegisterAndReviews(options.db, 'existing', async (store, reviews) => {
    const execution = parseExecution(options.execution, store);
    const load = (): Promise<TraceBackend> => openTraceBackend(store, execution);
    return runTrace(load, {
      requestPath: request,
      outPath: options.out,
      startedAt,
      today: startedAt.slice(0, 10),
      reviews: reviewQueueSink(reviews),
      seed,
      ...(options.cascadeOnly === true ? { cascadeOnly: true } : {}),
      ...(chunkRows === undefined ? {} : { chunkRows }),
      checkpointSeconds,
      // A bar is redrawn often; plain lines come every --progress-every rows.
      progressEvery: process.stderr.isTTY ? Math.min(progressEvery, 1000) : progressEvery,
      onProgress: (p) => {
        progress.update(p);
      },
      onNotice: (line) => process.stderr.write(`${line}\n`),
      onEstimate: (estimate) => process.stderr.write(estimateText(estimate)),
      ...(model === undefined ? {} : { model }),
      ...(mapping === undefined ? {} : { mapping }),
      ...(dateFormat === undefined ? {} : { dateFormat: dateFormat.data }),
    }).finally(() => {
      progress.stop();
    });
  });
  if (!result.success) {
    throw new CliError(issuesText(result.issues), ExitCode.usage);
  }
  const audit = options.audit ?? defaultAuditPath(options.db, options.out);
  await appendAudit(audit, auditEntry(result.data.report));
  process.stdout.write(traceSummary(result.data.report, options.out, audit));
  process.stdout.write(reviewQueueLine(result.data.jobId, result.data.report, options.db));
}

/**
 * Registers `trace REQUEST.csv --out RESPONSE.csv [--db PATH] [--model FILE] [--map …]
 * [--map-file FILE] [--date-format F] [--audit FILE] [--seed N] [--progress-every N]
 * [--chunk-rows N] [--checkpoint-every S]`: the batch trace, resumable after a kill. Progress (a bar on a terminal,
 * else lines) goes to standard error, the summary to standard output.
 * @param program - the root program
 */
export function registerTraceCommand(program: Command): void {
  program
    .command('trace')
    .description('Trace a PDS MESH request file against the register (batch)')
    .argument('<request>', 'request CSV (PDS MESH columns, or any CSV with --map)')
    .requiredOption('--out <file>', 'the response CSV; other files are written beside it')
    .option('--db <path>', 'register: DuckDB file or postgres:// URL', DEFAULT_DB)
    .option('--model <file>', 'model JSON to trace with (default: train one on this file)')
    .option('--map <spec>', 'column mapping, e.g. family=SURNAME,dob=BIRTH_DATE,reference=ID')
    .option('--map-file <file>', 'column mapping file (key=COLUMN lines, or JSON)')
    .option('--date-format <f>', 'date layout: YYYYMMDD (default), YYYY-MM-DD or DD/MM/YYYY')
    .option(
      '--audit <file>',
      'audit log to append to (default: nhs-trace-audit.ndjson beside --db)',
    )
    .option(
      '--execution <where>',
      'sql (set-based in the DuckDB store; default) or memory (register loaded in memory)',
    )
    .option(
      '--cascade-only',
      'the deterministic cascade alone (cross-check, alphanumeric): the baseline, no model',
    )
    .option('--seed <n>', 'seed of the model training', '1')
    .option('--progress-every <n>', 'a progress line every this many rows', '10000')
    .option(
      '--chunk-rows <n>',
      'rows traced together; checkpoints fall between chunks (default: 10,000)',
    )
    .option('--checkpoint-every <s>', 'seconds between checkpoints (0: after every chunk)', '10')
    .addHelpText('after', HELP)
    .action(async (request: string, options: TraceOptions) => {
      await runCommand(request, options);
    });
}
