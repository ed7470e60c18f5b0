import type { NhsNumber } from '../../core/nhs-number/nhs-number.js';
import type { RegisterPerson } from '../../core/person.js';
import type { RegisterStats, RegisterStatsOptions } from '../register-stats.js';
import type {
  RegisterImport,
  RegisterStore,
  RegisterStoreCapabilities,
} from '../register-store.js';
import type { PgConnection, PgPool } from './pg-driver.js';
import { openMigratedPgPool } from './postgres-open.js';
import { PostgresRegisterImport } from './postgres-import.js';
import { EXPORT_ALL_SQL, GET_ONE_SQL } from './postgres-read-sql.js';
import { postgresStats } from './postgres-stats.js';

/** Options for {@link openPostgresRegisterStore}. */
export interface PostgresRegisterStoreOptions {
  /** `postgres://user[:password]@host[:port]/database`. */
  readonly connectionString: string;
  /** Schema holding the register (created on first use). Default `public`. */
  readonly schema?: string;
  /** `create` makes and migrates the schema; `existing` refuses one with no register. Default `create`. */
  readonly mode?: 'create' | 'existing';
  /** Most connections the store opens at once. Default 4. */
  readonly maxConnections?: number;
}

/** Rows fetched per round trip when exporting. */
const EXPORT_FETCH_ROWS = 1_000;

type DocRow = { doc: RegisterPerson };

/**
 * The register in a PostgreSQL schema, for server deployments: several processes may import
 * at once (imports stage concurrently and apply one at a time under a table lock) while others
 * read. Open it with {@link openPostgresRegisterStore}.
 */
export class PostgresRegisterStore implements RegisterStore {
  readonly capabilities: RegisterStoreCapabilities = Object.freeze({
    persistent: true,
    concurrentWriters: true,
    derivedMatchingColumns: true,
  });
  readonly #pool: PgPool;
  #importing = false;
  #closed = false;

  private constructor(pool: PgPool) {
    this.#pool = pool;
  }

  /**
   * Connects, and creates and migrates the schema as needed.
   * @param options - server, schema and mode
   */
  static async open(options: PostgresRegisterStoreOptions): Promise<PostgresRegisterStore> {
    return new PostgresRegisterStore(await openMigratedPgPool(options, 4));
  }

  /** Starts an atomic import on a connection of its own; one at a time per store object. */
  async beginImport(): Promise<RegisterImport> {
    this.#assertOpen();
    if (this.#importing) {
      throw new Error('an import is already in progress on this store');
    }
    this.#importing = true;
    let conn: PgConnection | undefined;
    try {
      conn = await this.#pool.connect();
      return await PostgresRegisterImport.start(conn, () => {
        this.#importing = false;
      });
    } catch (error) {
      conn?.release(true);
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
    const { rows } = await this.#pool.query<DocRow>(GET_ONE_SQL, [nhsNumber]);
    return rows[0]?.doc;
  }

  /** The number of current people. */
  async count(): Promise<number> {
    this.#assertOpen();
    const { rows } = await this.#pool.query<{ n: number }>('SELECT count(*)::int AS n FROM person');
    return rows[0]?.n ?? 0;
  }

  /**
   * Counts, completeness and common values, all from one snapshot.
   * @param options - top and minCount for the common values
   */
  async stats(options: RegisterStatsOptions = {}): Promise<RegisterStats> {
    this.#assertOpen();
    return this.#inSnapshot((conn) => postgresStats(conn, options));
  }

  /** Every current person, ordered by NHS Number, fetched through a cursor in one snapshot. */
  async *exportPeople(): AsyncIterable<RegisterPerson> {
    this.#assertOpen();
    const conn = await this.#pool.connect();
    let failed = false;
    try {
      await conn.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await conn.query(`DECLARE export_people NO SCROLL CURSOR FOR ${EXPORT_ALL_SQL}`);
      for (;;) {
        const { rows } = await conn.query<DocRow>(
          `FETCH FORWARD ${EXPORT_FETCH_ROWS} FROM export_people`,
        );
        for (const row of rows) {
          yield row.doc;
        }
        if (rows.length < EXPORT_FETCH_ROWS) {
          break;
        }
      }
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      // Also reached when the consumer stops early: end the read-only transaction either way.
      await conn.query('ROLLBACK').catch(() => {
        failed = true;
      });
      conn.release(failed);
    }
  }

  /** Closes every connection. */
  async close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      await this.#pool.end();
    }
  }

  async #inSnapshot<T>(work: (conn: PgConnection) => Promise<T>): Promise<T> {
    const conn = await this.#pool.connect();
    let failed = false;
    try {
      await conn.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await work(conn);
      await conn.query('COMMIT');
      return result;
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      conn.release(failed);
    }
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new Error('the register store is closed');
    }
  }
}

/**
 * Opens the PostgreSQL register, creating and migrating its schema as needed.
 * @param options - server URL, schema (default `public`), mode and pool size
 * @example
 * const store = await openPostgresRegisterStore({
 *   connectionString: 'postgres://postgres@127.0.0.1:5432/nhs', schema: 'register',
 * });
 * try { console.log(await store.count()); } finally { await store.close(); }
 */
export function openPostgresRegisterStore(
  options: PostgresRegisterStoreOptions,
): Promise<PostgresRegisterStore> {
  return PostgresRegisterStore.open(options);
}
