import { performance } from 'node:perf_hooks';
import { inMemoryBackend, type TraceBackend } from '../../pipeline/trace-backend.js';
import { loadTraceRegister } from '../../pipeline/trace-register.js';
import { sqlBackend } from '../../pipeline/trace-sql-backend.js';
import { TRACE_WORKER_YOUNG_MB, type TraceWorkerData } from '../../pipeline/trace-pipeline.js';
import { startWorker } from '../../storage/worker-thread.js';
import { openDuckDbMatchIndex } from '../../storage/duckdb/duckdb-match-index.js';
import { isDuckDbOutOfMemory } from '../../storage/duckdb/duckdb-errors.js';
import { DuckDbRegisterStore } from '../../storage/duckdb/duckdb-register-store.js';
import type { RegisterStore } from '../../storage/register-store.js';
import { CliError, ExitCode } from '../exit-codes.js';

/** `--execution`: where blocking and scoring run. */
export type TraceExecution = 'sql' | 'memory';

/**
 * Reads `--execution`: `sql` (set-based in the store; the default for the embedded DuckDB
 * store) or `memory` (the whole register loaded into this process; the only choice for a
 * PostgreSQL register today).
 * @param value - the option's text, or undefined for the default
 * @param store - the opened register
 */
export function parseExecution(value: string | undefined, store: RegisterStore): TraceExecution {
  const sqlCapable = store instanceof DuckDbRegisterStore;
  if (value === undefined) {
    return sqlCapable ? 'sql' : 'memory';
  }
  if (value !== 'sql' && value !== 'memory') {
    throw new CliError(`--execution must be sql or memory, not ${value}`);
  }
  if (value === 'sql' && !sqlCapable) {
    throw new CliError(
      '--execution sql needs the embedded DuckDB register; a PostgreSQL register traces in memory',
    );
  }
  return value;
}

function write(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * DuckDB's memory limit once a trace's chunks start (`DEFAULT_MEMORY_LIMIT`, 2.5GB, until then:
 * a build of the index or a model's training may need it). A chunk's queries need far less;
 * what DuckDB holds beyond that is cached blocks of the register, which the page cache holds
 * anyway. The memory given back lets the trace keep the match records in its own memory
 * (`RECORDS_IN_MEMORY_BYTES`): at 10,000,000 people 191.4 s and 6,496 MiB at peak against
 * 220.6 s and 5,937 MiB with neither change, and 196.1 s and 7,423 MiB with the records held
 * under the old limit (docs/benchmarks.md, session 15).
 */
export const TRACING_MEMORY_LIMIT = '1.5GB';

/** The backend, with DuckDB's memory limit lowered before its first chunk is traced. */
function withTracingMemory(backend: TraceBackend, store: DuckDbRegisterStore): TraceBackend {
  let lowered: Promise<void> | undefined;
  const pipeline = backend.pipeline?.bind(backend);
  return {
    ...backend,
    ...(pipeline === undefined
      ? {}
      : {
          pipeline: (settings, reading) => {
            const workers = pipeline(settings, reading);
            return {
              text: (rows) => {
                const text = workers.text(rows);
                if (text === undefined) {
                  return undefined;
                }
                // A failure is reported through the promise returned, which waits for the limit.
                text.catch(() => undefined);
                lowered ??= store.setMemoryLimit(TRACING_MEMORY_LIMIT);
                return lowered.then(() => text);
              },
              ahead: () => workers.ahead(),
              close: () => workers.close(),
            };
          },
        }),
    tracer: (settings) => {
      const tracer = backend.tracer(settings);
      return {
        trace: async (rows) => {
          lowered ??= store.setMemoryLimit(TRACING_MEMORY_LIMIT);
          await lowered;
          return tracer.trace(rows);
        },
      };
    },
  };
}

/**
 * Opens the trace backend for a register: the SQL match index (built or refreshed first when the
 * register changed since it was last built) or the register loaded into memory. Progress goes to
 * standard error as counts only.
 * @param store - the opened register
 * @param execution - `sql` or `memory`
 */
export async function openTraceBackend(
  store: RegisterStore,
  execution: TraceExecution,
): Promise<TraceBackend> {
  if (execution === 'sql' && store instanceof DuckDbRegisterStore) {
    let shown = 0;
    const started = performance.now();
    const opened = openDuckDbMatchIndex(store, {
      warmDocuments: true,
      onBuildProgress: (people) => {
        if (people - shown >= 1_000_000) {
          shown = people;
          write(`match index: ${people.toLocaleString('en-GB')} people prepared`);
        }
      },
      onBuildStep: (step) => {
        const seconds = ((performance.now() - started) / 1000).toFixed(0);
        write(`match index: ${step} (at ${seconds} s)`);
      },
    });
    // DuckDB's own advice (SET memory_limit) means nothing on the command line; the build runs
    // in one transaction, so the register and any earlier index are as they were.
    const index = await opened.catch((error: unknown) => {
      if (isDuckDbOutOfMemory(error)) {
        throw new CliError(
          "building the match index ran out of DuckDB's memory limit (nothing was changed); build it with 'nhs-trace register index --db FILE --memory-limit SIZE' and a larger SIZE",
          ExitCode.usage,
          { cause: error },
        );
      }
      throw error;
    });
    const { people, rebuilt, buildSeconds, keys } = index.status;
    write(
      rebuilt
        ? `match index built: ${people.toLocaleString('en-GB')} people, ${keys.toLocaleString('en-GB')} blocking keys in ${buildSeconds.toFixed(1)} s`
        : `match index: ${people.toLocaleString('en-GB')} people (current)`,
    );
    const workers = {
      start: (data: TraceWorkerData) =>
        startWorker(import.meta.url, 'trace-worker', data, {
          maxYoungGenerationSizeMb: TRACE_WORKER_YOUNG_MB,
        }),
    };
    return withTracingMemory(sqlBackend(index, workers), store);
  }
  write('loading the register into memory');
  const register = await loadTraceRegister(store);
  write(`register: ${register.people.size.toLocaleString('en-GB')} people`);
  return inMemoryBackend(register);
}
