import { DuckDbRegisterStore } from '../../storage/duckdb/duckdb-register-store.js';
import { duckDbReviewStoreOn } from '../../storage/duckdb/duckdb-review-store.js';
import { openPostgresReviewStore } from '../../storage/postgres/postgres-review-store.js';
import {
  isPostgresUrl,
  parsePostgresUrl,
  redactPostgresUrl,
} from '../../storage/postgres/postgres-url.js';
import type { RegisterStore } from '../../storage/register-store.js';
import type { ReviewStore } from '../../storage/review-store.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { openRegister } from './register-store-option.js';

/**
 * Opens the review store beside an open register, from the same `--db`: on the register's own
 * DuckDB instance (DuckDB allows one open instance of a file per process), or on the same
 * PostgreSQL schema through a pool of its own.
 * @param db - `--db`
 * @param register - the register opened from it
 */
async function openReviews(db: string, register: RegisterStore): Promise<ReviewStore> {
  try {
    if (isPostgresUrl(db)) {
      const location = parsePostgresUrl(db);
      if (!location.success) {
        throw new Error(location.issues.map((i) => i.message).join('; '));
      }
      return await openPostgresReviewStore({ ...location.data, mode: 'existing' });
    }
    if (register instanceof DuckDbRegisterStore) {
      return await duckDbReviewStoreOn(await register.connect());
    }
    throw new Error('this register engine keeps no review queue');
  } catch (error) {
    const shown = isPostgresUrl(db) ? redactPostgresUrl(db) : db;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new CliError(`${shown}: cannot open the review queue (${reason ?? ''})`, ExitCode.usage, {
      cause: error,
    });
  }
}

/**
 * Opens the register and its review store from one `--db`, runs `work` with both, and always
 * closes them (the review store first).
 * @param db - a DuckDB file path, `:memory:`, or a `postgres://…` URL
 * @param mode - `existing` refuses a missing register (see `openRegister`)
 * @param work - what to do with the stores
 */
export async function withRegisterAndReviews<T>(
  db: string,
  mode: 'create' | 'existing',
  work: (register: RegisterStore, reviews: ReviewStore) => Promise<T>,
): Promise<T> {
  const register = await openRegister(db, mode);
  try {
    const reviews = await openReviews(db, register);
    try {
      return await work(register, reviews);
    } finally {
      await reviews.close();
    }
  } finally {
    await register.close();
  }
}
