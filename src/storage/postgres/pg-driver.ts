import pg from 'pg';

/**
 * The small part of the `pg` driver this adapter uses, typed here so nothing else in the
 * adapter (and nothing above `storage/postgres/`) depends on the driver's full type surface.
 */

/** A result: rows as objects keyed by column name, and how many rows a statement changed. */
export interface PgResult<Row> {
  readonly rows: Row[];
  readonly rowCount: number | null;
}

/** Anything that runs a parameterised statement: the pool, or one checked-out connection. */
export interface PgQueryable {
  query<Row extends object = Record<string, unknown>>(
    text: string,
    values?: readonly unknown[],
  ): Promise<PgResult<Row>>;
}

/** One connection checked out of the pool; `release` hands it back (or discards it on error). */
export interface PgConnection extends PgQueryable {
  release(error?: Error | boolean): void;
}

/** A connection pool. */
export interface PgPool extends PgQueryable {
  connect(): Promise<PgConnection>;
  end(): Promise<void>;
}

/** What {@link createPgPool} needs. */
export interface PgPoolSettings {
  /** A libpq-style URL, `postgres://user[:password]@host[:port]/database`. */
  readonly connectionString: string;
  /** Schema every connection works in (sent as `search_path` when the connection starts). */
  readonly schema: string;
  /** Most connections the pool opens. */
  readonly maxConnections: number;
}

/**
 * Opens a pool whose every connection starts with `search_path` set to the schema (in the
 * startup packet, so no query can run before it). Errors on idle connections (a server
 * restart) are absorbed here: the pool discards the connection and the next query reports it.
 * @param settings - URL, schema and pool size
 */
export function createPgPool(settings: PgPoolSettings): PgPool {
  const pool = new pg.Pool({
    connectionString: settings.connectionString,
    options: `-c search_path=${settings.schema}`,
    max: settings.maxConnections,
    connectionTimeoutMillis: 10_000,
  });
  pool.on('error', () => {
    // An idle connection died; the pool has already removed it.
  });
  return pool;
}
