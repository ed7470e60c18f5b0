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
import { inMemoryBackend, type TraceBackend } from '../../pipeline/trace-backend.js';
import { loadTraceRegister } from '../../pipeline/trace-register.js';
import { runTrace } from '../../pipeline/trace-run.js';
import { checkOutputFolder, issuesText, readText } from './cli-files.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { parseCount } from './parse-count.js';
import { DEFAULT_DB, withRegister } from './register-store-option.js';
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
}

const HELP = `
Traces a PDS MESH request CSV (or any CSV through --map / --map-file) against the register and
writes the PDS MESH response (codes 00, 90, 92, 96, 97, 98 and row error codes) followed by
TRACE_OUTCOME, MATCH_WEIGHT, MATCH_PROBABILITY and EXPLANATION. Beside the response:
RESPONSE.unmatched.csv, .conflicts.csv, .duplicates.csv, .load.csv, .report.json and
.model.json (the model used). Every file appears atomically (written as .partial, renamed).
Without --model, a model is trained without labels on the request file and the register.
The register is loaded into memory: fine up to a few million people.

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
  const startedAt = new Date().toISOString();
  const result = await withRegister(options.db, 'existing', async (store) => {
    const load = async (): Promise<TraceBackend> => {
      process.stderr.write('loading the register into memory\n');
      const register = await loadTraceRegister(store);
      process.stderr.write(`register: ${register.people.size.toLocaleString('en-GB')} people\n`);
      return inMemoryBackend(register);
    };
    return runTrace(load, {
      requestPath: request,
      outPath: options.out,
      startedAt,
      today: startedAt.slice(0, 10),
      seed,
      progressEvery,
      onProgress: (line) => process.stderr.write(`${line}\n`),
      ...(model === undefined ? {} : { model }),
      ...(mapping === undefined ? {} : { mapping }),
      ...(dateFormat === undefined ? {} : { dateFormat: dateFormat.data }),
    });
  });
  if (!result.success) {
    throw new CliError(issuesText(result.issues), ExitCode.usage);
  }
  const audit = options.audit ?? defaultAuditPath(options.db, options.out);
  await appendAudit(audit, auditEntry(result.data.report));
  process.stdout.write(traceSummary(result.data.report, options.out, audit));
}

/**
 * Registers `trace REQUEST.csv --out RESPONSE.csv [--db PATH] [--model FILE] [--map …]
 * [--map-file FILE] [--date-format F] [--audit FILE] [--seed N] [--progress-every N]`: the batch
 * trace. Progress lines go to standard error, the summary to standard output.
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
    .option('--seed <n>', 'seed of the model training', '1')
    .option('--progress-every <n>', 'a progress line every this many rows', '10000')
    .addHelpText('after', HELP)
    .action(async (request: string, options: TraceOptions) => {
      await runCommand(request, options);
    });
}
