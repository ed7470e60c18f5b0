import { existsSync } from 'node:fs';
import {
  DEFAULT_DUCKDB_PATH,
  openDuckDbRegisterStore,
} from '../../storage/duckdb/duckdb-register-store.js';
import type { RegisterStore } from '../../storage/register-store.js';
import { CliError, ExitCode } from '../exit-codes.js';

/** The `--db` default: the DuckDB file in the working directory. */
export const DEFAULT_DB = DEFAULT_DUCKDB_PATH;

/** The `--memory-limit` default for imports: DuckDB spills to disk beyond it. */
export const DEFAULT_MEMORY_LIMIT = '2GB';

/**
 * Opens the register named by `--db` (the composition root: the only place a command picks a
 * storage adapter). `existing` refuses a missing file rather than creating an empty register.
 * @param db - a DuckDB file path, or `:memory:`
 * @param mode - `create` for import, `existing` for export and stats
 * @param memoryLimit - DuckDB `memory_limit` (`2GB`); DuckDB's default when absent
 */
export async function openRegister(
  db: string,
  mode: 'create' | 'existing',
  memoryLimit?: string,
): Promise<RegisterStore> {
  if (/^postgres(ql)?:\/\//i.test(db)) {
    throw new CliError('a PostgreSQL register is not supported yet; give a DuckDB file path');
  }
  if (mode === 'existing' && db !== ':memory:' && !existsSync(db)) {
    throw new CliError(`${db}: no register there; load one with 'nhs-trace register import'`);
  }
  try {
    return await openDuckDbRegisterStore(
      memoryLimit === undefined ? { path: db } : { path: db, memoryLimit },
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new CliError(`${db}: cannot open the register (${reason ?? ''})`, ExitCode.usage, {
      cause: error,
    });
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
