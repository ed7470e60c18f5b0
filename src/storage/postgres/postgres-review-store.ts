import {
  SqlReviewStore,
  type ReviewSqlEngine,
  type SqlQuery,
  type SqlRow,
} from '../review-sql-store.js';
import type { ReviewStore } from '../review-store.js';
import type { PgPool, PgQueryable } from './pg-driver.js';
import { openMigratedPgPool } from './postgres-open.js';

/** Options for {@link openPostgresReviewStore}. */
export interface PostgresReviewStoreOptions {
  /** `postgres://user[:password]@host[:port]/database`. */
  readonly connectionString: string;
  /** Schema holding the register and its review tables. Default `public`. */
  readonly schema?: string;
  /** `create` makes and migrates the schema; `existing` refuses one with no register. Default `create`. */
  readonly mode?: 'create' | 'existing';
  /** Most connections the store opens at once. Default 2. */
  readonly maxConnections?: number;
}

const runOn =
  (target: PgQueryable): SqlQuery =>
  async (sql, params = []) =>
    (await target.query<SqlRow>(sql, params)).rows;

function pgEngine(pool: PgPool): ReviewSqlEngine {
  return {
    query: runOn(pool),
    transaction: async (jobIds, work) => {
      const conn = await pool.connect();
      let failed = false;
      try {
        await conn.query('BEGIN');
        // Writers of one job (a resumed run, two reviewers) take turns; other jobs go on.
        for (const id of jobIds) {
          await conn.query(`SELECT pg_advisory_xact_lock(hashtext('nhs-trace review ' || $1))`, [
            id,
          ]);
        }
        const result = await work(runOn(conn));
        await conn.query('COMMIT');
        return result;
      } catch (error) {
        await conn.query('ROLLBACK').catch(() => {
          failed = true;
        });
        throw error;
      } finally {
        conn.release(failed);
      }
    },
    close: () => pool.end(),
  };
}

/**
 * Opens the review store in a PostgreSQL schema (the register's: `--db` names both), creating
 * and migrating the schema as needed. Several processes may use it at once: writes to one job
 * take turns under an advisory lock.
 * @param options - server, schema, mode and pool size
 * @example
 * const reviews = await openPostgresReviewStore({
 *   connectionString: 'postgres://postgres@127.0.0.1:5432/nhs', schema: 'register',
 * });
 * try { console.log(await reviews.listJobs()); } finally { await reviews.close(); }
 */
export async function openPostgresReviewStore(
  options: PostgresReviewStoreOptions,
): Promise<ReviewStore> {
  const pool = await openMigratedPgPool(options, 2);
  return new SqlReviewStore(pgEngine(pool));
}
