import type { Command } from 'commander';
import { DuckDbRegisterStore } from '../../storage/duckdb/duckdb-register-store.js';
import { CliError } from '../exit-codes.js';
import { checkMemoryLimit, DEFAULT_MEMORY_LIMIT, withRegister } from './register-store-option.js';
import { openTraceBackend } from './trace-backend-option.js';

/** Options of `register index`, as commander gives them. */
interface IndexOptions {
  readonly db: string;
  readonly memoryLimit: string;
}

const HELP = `
Builds (or checks) the match index of the embedded DuckDB register: every person's match record,
blocking keys and term frequencies, kept in the register file for the set-based trace. 'trace'
builds it on first use and whenever the register changed; run this after an import to pay that
cost up front. Exit status 0, or 2 for a PostgreSQL register (it traces in memory).

Examples:
  nhs-trace register index --db register.duckdb
  nhs-trace register index --db register.duckdb --memory-limit 4GB
`;

async function runIndex(options: IndexOptions): Promise<void> {
  const memoryLimit = checkMemoryLimit(options.memoryLimit);
  await withRegister(
    options.db,
    'existing',
    async (store) => {
      if (!(store instanceof DuckDbRegisterStore)) {
        throw new CliError('the match index is built in the embedded DuckDB register only');
      }
      const backend = await openTraceBackend(store, 'sql');
      await backend.close();
    },
    memoryLimit,
  );
}

/**
 * Adds `register index [--db PATH]`: builds or refreshes the SQL match index.
 * @param register - the `register` command
 * @param dbOption - the shared `--db` option
 */
export function registerIndexCommand(
  register: Command,
  dbOption: readonly [string, string, string],
): void {
  register
    .command('index')
    .description('Build the match index the set-based trace uses (DuckDB register)')
    .option(...dbOption)
    .option(
      '--memory-limit <size>',
      'DuckDB memory limit while building (it spills to disk beyond it)',
      DEFAULT_MEMORY_LIMIT,
    )
    .addHelpText('after', HELP)
    .action(async (options: IndexOptions) => {
      await runIndex(options);
    });
}
