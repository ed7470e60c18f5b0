/** The DuckDB register adapter: the default, embedded store. */
export {
  DEFAULT_DUCKDB_PATH,
  DuckDbRegisterStore,
  openDuckDbRegisterStore,
  type DuckDbRegisterStoreOptions,
} from './duckdb-register-store.js';
export { SCHEMA_VERSION } from './duckdb-schema.js';
export {
  duckDbReviewStoreOn,
  openDuckDbReviewStore,
  type DuckDbReviewStoreOptions,
} from './duckdb-review-store.js';
