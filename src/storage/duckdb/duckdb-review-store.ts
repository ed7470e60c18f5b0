import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import {
  SqlReviewStore,
  type ReviewSqlEngine,
  type SqlQuery,
  type SqlRow,
} from '../review-sql-store.js';
import type { ReviewStore } from '../review-store.js';
import { migrate } from './duckdb-schema.js';

/**
 * The review store in the register's DuckDB file. DuckDB lets one process open a file once: two
 * instances of one file in one process do not see each other's writes and lose them on close. So
 * beside an open register, open the review store on a further connection of the register's own
 * instance ({@link duckDbReviewStoreOn} with `DuckDbRegisterStore.connect()`); open it alone
 * ({@link openDuckDbReviewStore}) only when the register is not open in this process.
 */

/** Statements of one connection run one at a time, so a transaction is never interleaved. */
function duckDbEngine(conn: DuckDBConnection, release: () => void): ReviewSqlEngine {
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = tail.then(work, work);
    tail = next.catch(() => undefined);
    return next;
  };
  const run: SqlQuery = async (sql, params = []) => {
    const reader = await conn.runAndReadAll(sql, [...params]);
    const rows: readonly SqlRow[] = reader.getRowObjectsJS();
    return rows;
  };
  return {
    query: (sql, params) => exclusive(() => run(sql, params)),
    transaction: (_jobIds, work) =>
      exclusive(async () => {
        await conn.run('BEGIN TRANSACTION');
        try {
          const result = await work(run);
          await conn.run('COMMIT');
          return result;
        } catch (error) {
          await conn.run('ROLLBACK');
          throw error;
        }
      }),
    close: () =>
      exclusive(() => {
        release();
        return Promise.resolve();
      }),
  };
}

/**
 * The review store on a connection to a migrated database (the register's, from
 * `DuckDbRegisterStore.connect()`). Closing the store closes this connection only; close it
 * before the register.
 * @param conn - a connection of the instance that holds the register file
 */
export async function duckDbReviewStoreOn(conn: DuckDBConnection): Promise<ReviewStore> {
  await migrate(conn);
  return new SqlReviewStore(
    duckDbEngine(conn, () => {
      conn.closeSync();
    }),
  );
}

/** Options for {@link openDuckDbReviewStore}. */
export interface DuckDbReviewStoreOptions {
  /** Database file; `:memory:` for a throw-away store. */
  readonly path: string;
}

/**
 * Opens (creating and migrating as needed) a DuckDB file for the review store alone. Never while
 * the same file is open as a register in this process (see the module comment).
 * @param options - the file
 * @example
 * const reviews = await openDuckDbReviewStore({ path: 'nhs-trace.duckdb' });
 * try { console.log(await reviews.listJobs()); } finally { await reviews.close(); }
 */
export async function openDuckDbReviewStore(
  options: DuckDbReviewStoreOptions,
): Promise<ReviewStore> {
  const instance = await DuckDBInstance.create(options.path);
  try {
    const conn = await instance.connect();
    await migrate(conn);
    return new SqlReviewStore(
      duckDbEngine(conn, () => {
        conn.closeSync();
        instance.closeSync();
      }),
    );
  } catch (error) {
    instance.closeSync();
    throw error;
  }
}
