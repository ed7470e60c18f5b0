/** The PostgreSQL register adapter: the store for server deployments. */
export {
  PostgresRegisterStore,
  openPostgresRegisterStore,
  type PostgresRegisterStoreOptions,
} from './postgres-register-store.js';
export {
  openPostgresReviewStore,
  type PostgresReviewStoreOptions,
} from './postgres-review-store.js';
export { PG_SCHEMA_VERSION } from './postgres-schema.js';
export {
  DEFAULT_PG_SCHEMA,
  isPostgresUrl,
  parsePostgresUrl,
  redactPostgresUrl,
  type PostgresLocation,
} from './postgres-url.js';
