import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { defaultImportWorkers, importRegisterFiles } from '../../pipeline/register-import.js';
import { rejectsCsvFile } from '../../pipeline/register-rejects.js';
import {
  EXPORT_FORMATS,
  exportRegister,
  type ExportFormat,
} from '../../pipeline/register-export.js';
import { RegisterFileError } from '../../pipeline/register-source.js';
import { isDuckDbOutOfMemory } from '../../storage/duckdb/duckdb-errors.js';
import { formatRegisterStats } from '../../pipeline/register-stats-report.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { parseCount } from './parse-count.js';
import { registerIndexCommand } from './register-index.js';
import { progressReporter } from './register-progress.js';
import {
  checkMemoryLimit,
  DEFAULT_DB,
  DEFAULT_MEMORY_LIMIT,
  withRegister,
} from './register-store-option.js';

interface ImportOptions {
  readonly db: string;
  readonly rejects: string;
  readonly memoryLimit: string;
  readonly workers?: string;
}

interface ExportOptions {
  readonly db: string;
  readonly format?: string;
  readonly out?: string;
}

interface StatsOptions {
  readonly db: string;
  readonly json?: boolean;
  readonly top: string;
  readonly minCount: string;
}

const n = (value: number): string => value.toLocaleString('en-GB');

const IMPORT_HELP = `
Reads FHIR R4 Patient NDJSON (Bulk Data: one resource per line; .ndjson, .jsonl, .json) or the
register CSV (.csv); other names are sniffed. All files load as ONE atomic import: re-importing
updates people by NHS Number (no duplicates), superseded numbers resolve to the current record,
and a run killed half-way leaves the register as it was. Bad records go to the rejects file
(file, line, field, code, reason) and the rest still loads.

Exit status: 0 all loaded, 1 some records rejected, 2 usage or file error (nothing loaded).

Examples:
  nhs-trace register import out/register.ndjson
  nhs-trace register import a.csv b.ndjson --db register.duckdb --rejects bad.csv
`;

async function runImport(files: readonly string[], options: ImportOptions): Promise<void> {
  const rejects = rejectsCsvFile(options.rejects);
  const progress = progressReporter(process.stderr);
  checkMemoryLimit(options.memoryLimit);
  const workers =
    options.workers === undefined
      ? defaultImportWorkers()
      : parseCount(options.workers, '--workers');
  const result = await withRegister(
    options.db,
    'create',
    async (store) => {
      try {
        return await importRegisterFiles({
          files,
          store,
          rejects,
          workers,
          onProgress: (p) => {
            progress.update(p);
          },
        });
      } catch (error) {
        if (error instanceof RegisterFileError) {
          throw new CliError(error.message, ExitCode.usage);
        }
        if (isDuckDbOutOfMemory(error)) {
          throw new CliError(
            `the import ran out of DuckDB's memory limit (${options.memoryLimit}) and was rolled back: the register is as it was; run it again with a larger --memory-limit`,
            ExitCode.usage,
            { cause: error },
          );
        }
        throw error;
      } finally {
        progress.stop();
        await rejects.close();
      }
    },
    options.memoryLimit,
  );
  const s = result.summary;
  process.stdout.write(
    `read ${n(result.records)} records from ${n(files.length)} file(s): ` +
      `${n(result.records - result.rejected)} loaded, ${n(result.rejected)} rejected\n` +
      `register: ${n(s.people)} people (${n(s.inserted)} new, ${n(s.updated)} updated, ` +
      `${n(s.merged)} merged into a superseding record)\n`,
  );
  if (result.rejected > 0) {
    process.stderr.write(`${n(result.rejected)} records rejected; reasons in ${rejects.path}\n`);
  }
  process.exitCode = result.rejected > 0 ? ExitCode.someInvalid : ExitCode.ok;
}

function exportFormat(options: ExportOptions): ExportFormat {
  const format = options.format ?? (options.out?.toLowerCase().endsWith('.csv') ? 'csv' : 'ndjson');
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new CliError(`--format must be ndjson or csv, not '${format}'`);
  }
  return format as ExportFormat;
}

async function runExport(options: ExportOptions): Promise<void> {
  const format = exportFormat(options);
  const count = await withRegister(options.db, 'existing', async (store) => {
    if (options.out === undefined) {
      return exportRegister(store, format, process.stdout).catch((error: unknown) => {
        // A reader that stops early (`| head`) is not an error.
        if (error instanceof Error && 'code' in error && error.code === 'EPIPE') {
          return -1;
        }
        throw error;
      });
    }
    const out = createWriteStream(options.out);
    const opened = once(out, 'open');
    await opened.catch((error: unknown) => {
      throw new CliError(`${options.out ?? ''}: cannot write the file`, ExitCode.usage, {
        cause: error,
      });
    });
    const written = await exportRegister(store, format, out);
    out.end();
    await once(out, 'finish');
    return written;
  });
  if (count >= 0) {
    process.stderr.write(`exported ${n(count)} people as ${format}\n`);
  }
}

async function runStats(options: StatsOptions): Promise<void> {
  const top = parseCount(options.top, '--top');
  const minCount = parseCount(options.minCount, '--min-count');
  const stats = await withRegister(options.db, 'existing', (store) =>
    store.stats({ top, minCount }),
  );
  process.stdout.write(
    options.json === true ? `${JSON.stringify(stats, null, 2)}\n` : formatRegisterStats(stats),
  );
}

/**
 * Adds `register` with `import`, `export` and `stats`: loads FHIR NDJSON or register CSV into the
 * register store atomically, writes it back out, and summarises its data quality.
 * @param program - the root `nhs-trace` command
 */
export function registerRegisterCommand(program: Command): void {
  const register = program
    .command('register')
    .description('Load, export and inspect the demographics register traced against');
  const dbOption = [
    '--db <path>',
    `register database: a DuckDB file (created on first import) or postgres://user@host:port/db[?schema=name]`,
    DEFAULT_DB,
  ] as const;
  register
    .command('import')
    .description('Load FHIR Patient NDJSON or register CSV files in one atomic import')
    .argument('<files...>', 'files to import (.ndjson, .jsonl, .json or .csv)')
    .option(...dbOption)
    .option('--rejects <file>', 'where rejected records are listed (CSV)', 'register-rejects.csv')
    .option(
      '--memory-limit <size>',
      'memory the database engine may use before spilling to disk',
      DEFAULT_MEMORY_LIMIT,
    )
    .option(
      '--workers <n>',
      'threads that parse and check records (0: the main thread; default one per core, up to 4)',
    )
    .addHelpText('after', IMPORT_HELP)
    .action(async (files: string[], options: ImportOptions) => {
      await runImport(files, options);
    });
  register
    .command('export')
    .description('Write every current person as FHIR NDJSON or register CSV')
    .option(...dbOption)
    .option('--format <format>', 'ndjson or csv (default: from --out, else ndjson)')
    .option('--out <file>', 'file to write (default: stdout)')
    .action(async (options: ExportOptions) => {
      await runExport(options);
    });
  register
    .command('stats')
    .description('Counts, completeness of each field and the most common values')
    .option(...dbOption)
    .option('--json', 'print JSON instead of a text report')
    .option('--top <n>', 'common values listed per field', '10')
    .option('--min-count <n>', 'leave out values held by fewer people than this', '1')
    .action(async (options: StatsOptions) => {
      await runStats(options);
    });
  registerIndexCommand(register, dbOption);
}
