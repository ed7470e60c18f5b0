import { createPgPool, type PgPool } from './pg-driver.js';
import { hasRegister, migratePg, validSchemaName } from './postgres-schema.js';
import { DEFAULT_PG_SCHEMA } from './postgres-url.js';

/** Where and how a PostgreSQL store opens (shared by the register and review stores). */
export interface PgStoreLocation {
  /** `postgres://user[:password]@host[:port]/database`. */
  readonly connectionString: string;
  /** Schema holding the register. Default `public`. */
  readonly schema?: string;
  /** `create` makes and migrates the schema; `existing` refuses one with no register. */
  readonly mode?: 'create' | 'existing';
  /** Most connections the pool opens at once. */
  readonly maxConnections?: number;
}

/**
 * Checks the schema name, opens a pool on it and creates and migrates the schema as needed
 * (`existing` refuses a schema with no register). The pool is ended when any step fails.
 * @param location - server, schema, mode and pool size
 * @param defaultConnections - the pool size when `location` gives none
 */
export async function openMigratedPgPool(
  location: PgStoreLocation,
  defaultConnections: number,
): Promise<PgPool> {
  const requested = location.schema ?? DEFAULT_PG_SCHEMA;
  const schema = validSchemaName(requested);
  if (schema === undefined) {
    throw new Error(`'${requested}' is not a plain lower-case schema name`);
  }
  const pool = createPgPool({
    connectionString: location.connectionString,
    schema,
    maxConnections: location.maxConnections ?? defaultConnections,
  });
  try {
    const conn = await pool.connect();
    try {
      if (location.mode === 'existing' && !(await hasRegister(conn))) {
        throw new Error(`schema '${schema}' holds no register`);
      }
      await migratePg(conn, schema);
    } finally {
      conn.release();
    }
    return pool;
  } catch (error) {
    await pool.end();
    throw error;
  }
}
