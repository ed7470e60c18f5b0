import { existsSync } from 'node:fs';
import {
  DEFAULT_DUCKDB_PATH,
  isMemorySize,
  openDuckDbRegisterStore,
} from '../../storage/duckdb/duckdb-register-store.js';
import { openPostgresRegisterStore } from '../../storage/postgres/postgres-register-store.js';
import {
  isPostgresUrl,
  parsePostgresUrl,
  redactPostgresUrl,
} from '../../storage/postgres/postgres-url.js';
import type { RegisterStore } from '../../storage/register-store.js';
import { CliError, ExitCode } from '../exit-codes.js';

/** The `--db` default: the DuckDB file in the working directory. */
export const DEFAULT_DB = DEFAULT_DUCKDB_PATH;

/**
 * DuckDB's memory limit for every command on the embedded register (`register import
 * --memory-limit` overrides it): DuckDB spills to disk beyond it. The process peaks
 * about 1.6 GiB above it while DuckDB commits a large import, so 2.5GB keeps a
 * 10,000,000-person import under 4 GiB (3.92 GiB measured; docs/benchmarks.md).
 */
export const DEFAULT_MEMORY_LIMIT = '2.5GB';

/**
 * Checks a `--memory-limit` value: a size such as `2GB`, `2.5GB` or `512MB`.
 * @param value - the option's text
 * @returns the value
 */
export function checkMemoryLimit(value: string): string {
  if (!isMemorySize(value)) {
    throw new CliError(`--memory-limit must be a size like 2GB or 512MB, not '${value}'`);
  }
  return value;
}

/** Set to `1` to print how long each step of an import's commit takes (used by the benchmark). */
export const PHASES_ENV = 'NHS_TRACE_IMPORT_PHASES';

/** MiB, rounded. */
const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);

function writePhase(phase: string, seconds: number): void {
  // The process's memory after each step, split into the JavaScript heap and the rest (DuckDB
  // lives in the rest), to show which side a large import's peak comes from.
  const { rss, heapTotal, heapUsed } = process.memoryUsage();
  process.stderr.write(
    `phase: ${phase} ${seconds.toFixed(2)} s (rss ${mib(rss)} MiB, JS heap ${mib(heapUsed)} of ${mib(heapTotal)} MiB)\n`,
  );
}

function openFailure(db: string, error: unknown): CliError {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new CliError(`${db}: cannot open the register (${reason ?? ''})`, ExitCode.usage, {
    cause: error,
  });
}

/**
 * Opens a PostgreSQL register. `existing` refuses a schema that holds no register. The URL is
 * shown in messages with its password replaced by `***`.
 * @param db - `postgres://user[:password]@host[:port]/database[?schema=name]`
 * @param mode - see {@link openRegister}
 */
async function openPostgresRegister(
  db: string,
  mode: 'create' | 'existing',
): Promise<RegisterStore> {
  const shown = redactPostgresUrl(db);
  const location = parsePostgresUrl(db);
  if (!location.success) {
    throw new CliError(`${shown}: ${location.issues.map((i) => i.message).join('; ')}`);
  }
  try {
    return await openPostgresRegisterStore({ ...location.data, mode });
  } catch (error) {
    throw openFailure(shown, error);
  }
}

/**
 * Opens the register named by `--db` (the composition root: the only place a command picks a
 * storage adapter). `existing` refuses a missing file (or an empty PostgreSQL schema) rather
 * than creating an empty register.
 * @param db - a DuckDB file path, `:memory:`, or a `postgres://…` URL
 * @param mode - `create` for import, `existing` for export and stats
 * @param memoryLimit - DuckDB `memory_limit` (`2GB`); {@link DEFAULT_MEMORY_LIMIT} when absent, for
 *   every command (DuckDB's own default, 80% of the machine's memory, let a 1,000,000-person
 *   match index build peak at 5.3 GiB); unused by PostgreSQL
 */
export async function openRegister(
  db: string,
  mode: 'create' | 'existing',
  memoryLimit?: string,
): Promise<RegisterStore> {
  if (isPostgresUrl(db)) {
    return openPostgresRegister(db, mode);
  }
  if (mode === 'existing' && db !== ':memory:' && !existsSync(db)) {
    throw new CliError(`${db}: no register there; load one with 'nhs-trace register import'`);
  }
  try {
    return await openDuckDbRegisterStore({
      path: db,
      memoryLimit: memoryLimit ?? DEFAULT_MEMORY_LIMIT,
      ...(process.env[PHASES_ENV] === '1' ? { onImportPhase: writePhase } : {}),
    });
  } catch (error) {
    throw openFailure(db, error);
  }
}

/**
 * Opens the register, runs `work` with it, and always closes it.
 * @param db - `--db`
 * @param mode - see {@link openRegister}
 * @param work - what to do with the store
 * @param memoryLimit - see {@link openRegister}
 */
export async function withRegister<T>(
  db: string,
  mode: 'create' | 'existing',
  work: (store: RegisterStore) => Promise<T>,
  memoryLimit?: string,
): Promise<T> {
  const store = await openRegister(db, mode, memoryLimit);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
