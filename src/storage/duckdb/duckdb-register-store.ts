import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { NhsNumber } from '../../core/nhs-number/nhs-number.js';
import type { RegisterPerson } from '../../core/person.js';
import type { RegisterStats, RegisterStatsOptions } from '../register-stats.js';
import type {
  RegisterImport,
  RegisterStore,
  RegisterStoreCapabilities,
} from '../register-store.js';
import {
  DEFAULT_REWRITE_FROM,
  DuckDbRegisterImport,
  type DuckDbImportTuning,
} from './duckdb-import.js';
import { personFromJson, personJsonSql } from './duckdb-read-sql.js';
import { ensureIndexes, migrate } from './duckdb-schema.js';
import { duckDbStats } from './duckdb-stats.js';

/** The register file used when no `--db` is given. */
export const DEFAULT_DUCKDB_PATH = './nhs-trace.duckdb';

/** Options for {@link openDuckDbRegisterStore}. */
export interface DuckDbRegisterStoreOptions {
  /** Database file; `:memory:` for a throw-away store. Default {@link DEFAULT_DUCKDB_PATH}. */
  readonly path?: string;
  /** DuckDB `memory_limit`, e.g. `'2GB'`; beyond it DuckDB spills to disk. Default DuckDB's (80% of RAM). */
  readonly memoryLimit?: string;
  /** DuckDB worker threads. Default DuckDB's (one per core). */
  readonly threads?: number;
  /**
   * Imports claiming at least this many NHS Numbers (and 5% of the register) rewrite whole
   * tables rather than delete rows in place, which DuckDB does slowly. Default 10,000.
   */
  readonly rewriteFrom?: number;
  /** DuckDB `temp_directory`, where it spills beyond `memoryLimit`. Default `<path>.tmp`. */
  readonly tempDirectory?: string;
  /** Called with the name and duration of each step of an import's commit (benchmarks). */
  readonly onImportPhase?: (phase: string, seconds: number) => void;
}

const GET_ONE = personJsonSql(`nhs_number = coalesce(
  (SELECT nhs_number FROM superseded_number WHERE old_nhs_number = $n), $n)`);
const EXPORT_ALL = personJsonSql('TRUE');

/**
 * Whether `value` is a size DuckDB's `memory_limit` reads: digits, an optional fraction and a
 * unit (`2GB`, `1.5GB`, `512MiB`). Checked before it is written into a `SET` statement.
 * @param value - the size as text
 */
export function isMemorySize(value: string): boolean {
  return /^\d+(\.\d+)?\s*[KMGT]i?B$/i.test(value);
}

/**
 * The register in an embedded DuckDB file: the default store. One process may write at a time
 * (DuckDB locks the file). Open it with {@link openDuckDbRegisterStore}.
 */
export class DuckDbRegisterStore implements RegisterStore {
  readonly capabilities: RegisterStoreCapabilities;
  /** The database file, or `:memory:`. */
  readonly path: string;
  readonly #instance: DuckDBInstance;
  readonly #conn: DuckDBConnection;
  readonly #tuning: DuckDbImportTuning;
  #importing = false;
  #closed = false;

  private constructor(
    instance: DuckDBInstance,
    conn: DuckDBConnection,
    options: DuckDbRegisterStoreOptions,
  ) {
    this.#instance = instance;
    this.#conn = conn;
    this.#tuning = {
      rewriteFrom: options.rewriteFrom ?? DEFAULT_REWRITE_FROM,
      ...(options.onImportPhase === undefined ? {} : { onPhase: options.onImportPhase }),
    };
    this.path = options.path ?? DEFAULT_DUCKDB_PATH;
    const persistent = this.path !== ':memory:';
    this.capabilities = Object.freeze({
      persistent,
      concurrentWriters: false,
      derivedMatchingColumns: true,
    });
  }

  /**
   * Opens (creating if needed) a database and migrates it to the current schema.
   * @param options - path and engine settings
   */
  static async open(options: DuckDbRegisterStoreOptions = {}): Promise<DuckDbRegisterStore> {
    const path = options.path ?? DEFAULT_DUCKDB_PATH;
    const settings: Record<string, string> = {};
    if (options.memoryLimit !== undefined) {
      settings['memory_limit'] = options.memoryLimit;
    }
    if (options.threads !== undefined) {
      settings['threads'] = String(options.threads);
    }
    if (options.tempDirectory !== undefined) {
      settings['temp_directory'] = options.tempDirectory;
    }
    const instance = await DuckDBInstance.create(path, settings);
    try {
      const conn = await instance.connect();
      await migrate(conn);
      await ensureIndexes(conn);
      return new DuckDbRegisterStore(instance, conn, options);
    } catch (error) {
      instance.closeSync();
      throw error;
    }
  }

  /** Starts an atomic import; one at a time per store. */
  async beginImport(): Promise<RegisterImport> {
    this.#assertOpen();
    if (this.#importing) {
      throw new Error('an import is already in progress on this store');
    }
    this.#importing = true;
    try {
      return await DuckDbRegisterImport.start(this.#conn, this.#tuning, () => {
        this.#importing = false;
      });
    } catch (error) {
      this.#importing = false;
      throw error;
    }
  }

  /**
   * The current record for a number, following a superseded number to its record.
   * @param nhsNumber - a current or superseded NHS Number
   */
  async getByNhsNumber(nhsNumber: NhsNumber): Promise<RegisterPerson | undefined> {
    this.#assertOpen();
    const reader = await this.#conn.runAndReadAll(GET_ONE, { n: nhsNumber });
    const doc = reader.getRows()[0]?.[0];
    return typeof doc === 'string' ? personFromJson(doc) : undefined;
  }

  /**
   * Changes DuckDB's memory limit while the store is open (for work that needs less than the
   * work before it did); DuckDB frees cached blocks down to it.
   * @param limit - a size {@link isMemorySize} accepts, such as `'1.5GB'`
   */
  async setMemoryLimit(limit: string): Promise<void> {
    this.#assertOpen();
    if (!isMemorySize(limit)) {
      throw new RangeError(`not a DuckDB memory size: ${limit}`);
    }
    await this.#conn.run(`SET memory_limit = '${limit}'`);
  }

  /** The number of current people. */
  async count(): Promise<number> {
    this.#assertOpen();
    const reader = await this.#conn.runAndReadAll('SELECT count(*) FROM person');
    return Number(reader.getRows()[0]?.[0] ?? 0);
  }

  /**
   * Counts, completeness and common values.
   * @param options - top and minCount for the common values
   */
  stats(options: RegisterStatsOptions = {}): Promise<RegisterStats> {
    this.#assertOpen();
    return duckDbStats(this.#conn, options);
  }

  /** Every current person, ordered by NHS Number, streamed chunk by chunk. */
  async *exportPeople(): AsyncIterable<RegisterPerson> {
    this.#assertOpen();
    const result = await this.#conn.stream(EXPORT_ALL);
    for await (const rows of result.yieldRows()) {
      for (const [doc] of rows) {
        yield personFromJson(String(doc));
      }
    }
  }

  /**
   * A further connection to the same database, for work beside the register (the match index
   * of the SQL trace). The caller closes it before closing the store.
   */
  connect(): Promise<DuckDBConnection> {
    this.#assertOpen();
    return this.#instance.connect();
  }

  /** Closes the connection and the database file. */
  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#conn.closeSync();
      this.#instance.closeSync();
    }
    return Promise.resolve();
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new Error('the register store is closed');
    }
  }
}

/**
 * Opens the DuckDB register (creating and migrating the file as needed).
 * @param options - path (default `./nhs-trace.duckdb`) and engine settings
 * @example
 * const store = await openDuckDbRegisterStore({ path: 'register.duckdb' });
 * try { console.log(await store.count()); } finally { await store.close(); }
 */
export function openDuckDbRegisterStore(
  options: DuckDbRegisterStoreOptions = {},
): Promise<DuckDbRegisterStore> {
  return DuckDbRegisterStore.open(options);
}
