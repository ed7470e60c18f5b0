import { fail, ok, type Result } from '../../core/result.js';
import { validSchemaName } from './postgres-schema.js';

/** Where a PostgreSQL register lives: the server and database, and the schema within it. */
export interface PostgresLocation {
  /** The URL to connect with, without the `schema` parameter. */
  readonly connectionString: string;
  /** The schema holding the register's tables. */
  readonly schema: string;
}

/** The schema used when the URL names none. */
export const DEFAULT_PG_SCHEMA = 'public';

/**
 * Whether a `--db` value names a PostgreSQL server rather than a DuckDB file.
 * @param db - the `--db` value
 */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/**
 * Splits a register URL, `postgres://user[:password]@host[:port]/database[?schema=name]`, into
 * the connection string and the schema (default `public`). Other parameters (`sslmode`,
 * `application_name`) go to the driver unchanged.
 * @param db - the URL
 * @returns the location, or an issue naming what is wrong (never echoing a password)
 */
export function parsePostgresUrl(db: string): Result<PostgresLocation> {
  let url: URL;
  try {
    url = new URL(db);
  } catch {
    return fail({ code: 'invalid-url', message: 'not a valid postgres:// URL' });
  }
  if (!isPostgresUrl(db) || url.hostname === '') {
    return fail({
      code: 'invalid-url',
      message: 'expected postgres://user@host:port/database[?schema=name]',
    });
  }
  const requested = url.searchParams.get('schema') ?? DEFAULT_PG_SCHEMA;
  const schema = validSchemaName(requested);
  if (schema === undefined) {
    return fail({
      code: 'invalid-schema',
      path: 'schema',
      message: `schema '${requested}' must be lower-case letters, digits and _ (at most 63)`,
    });
  }
  url.searchParams.delete('schema');
  return ok({ connectionString: url.toString(), schema });
}

/**
 * The URL with any password replaced by `***`, for messages and logs.
 * @param db - a `postgres://` URL
 */
export function redactPostgresUrl(db: string): string {
  try {
    const url = new URL(db);
    if (url.password !== '') {
      url.password = '***';
    }
    return url.toString();
  } catch {
    return db.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  }
}
