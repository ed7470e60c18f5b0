import type { DuckDBConnection } from '@duckdb/node-api';
import { DUCKDB_REVIEW_TABLES } from './duckdb-review-schema.js';

/**
 * The register schema in DuckDB, as numbered migrations recorded in `schema_version`.
 * Tables carry no PRIMARY KEY: DuckDB's ART constraint indexes make bulk replace-by-key
 * very slow (a million-row re-import took over a minute with one), so uniqueness of NHS Numbers is
 * kept by the import SQL, which deduplicates every batch, and lookups use plain indexes
 * ({@link INDEXES}) that a large import drops inside its transaction and rebuilds after it
 * ({@link ensureIndexes}).
 */

/** Lookup indexes: by NHS Number, superseded number and dictionary key. */
export const INDEXES: readonly { readonly name: string; readonly on: string }[] = [
  { name: 'person_nhs_number', on: 'person (nhs_number)' },
  { name: 'person_name_nhs_number', on: 'person_name (nhs_number)' },
  { name: 'person_address_nhs_number', on: 'person_address (nhs_number)' },
  { name: 'superseded_old', on: 'superseded_number (old_nhs_number)' },
  { name: 'superseded_target', on: 'superseded_number (nhs_number)' },
];

/**
 * The statement that creates one lookup index.
 * @param index - an entry of {@link INDEXES}
 */
export function createIndexSql(index: (typeof INDEXES)[number]): string {
  return `CREATE INDEX IF NOT EXISTS ${index.name} ON ${index.on}`;
}

/**
 * Creates whichever lookup indexes are missing, each in its own statement. A large import
 * rewrites the register tables without them and calls this after its `COMMIT`: built inside
 * the transaction, DuckDB defers the indexes to the `COMMIT`, where they made it 8 of the 1M
 * import's 21 commit seconds and the 10,000,000-person import's memory peak (docs/register.md).
 * The store also calls it when it opens a file, so a process killed between the `COMMIT` and
 * the last index leaves a complete register that gets its indexes back the next time it is
 * opened.
 * @param conn - a read-write connection
 */
export async function ensureIndexes(conn: DuckDBConnection): Promise<void> {
  for (const index of INDEXES) {
    await conn.run(createIndexSql(index));
  }
}

/** One schema change. Applied in order, each in its own transaction. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly statements: readonly string[];
}

/** All migrations, oldest first. Add, never edit, once released. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'people, names, addresses, superseded numbers, derived keys, term frequencies',
    statements: [
      `CREATE TABLE person (
        nhs_number VARCHAR NOT NULL,
        verification_status VARCHAR NOT NULL,
        gender VARCHAR NOT NULL,
        birth_date VARCHAR NOT NULL,
        birth_year SMALLINT,
        birth_month TINYINT,
        birth_day TINYINT,
        deceased_date_time VARCHAR,
        gp_ods_code VARCHAR,
        restricted BOOLEAN NOT NULL
      )`,
      `CREATE TABLE person_name (
        nhs_number VARCHAR NOT NULL,
        ord SMALLINT NOT NULL,
        "use" VARCHAR NOT NULL,
        given VARCHAR[] NOT NULL,
        family VARCHAR NOT NULL,
        prefix VARCHAR[],
        period STRUCT("start" VARCHAR, "end" VARCHAR),
        family_key VARCHAR,
        family_phonetic1 VARCHAR,
        family_phonetic2 VARCHAR,
        given_key VARCHAR,
        given_phonetic1 VARCHAR,
        given_phonetic2 VARCHAR
      )`,
      `CREATE TABLE person_address (
        nhs_number VARCHAR NOT NULL,
        ord SMALLINT NOT NULL,
        "use" VARCHAR NOT NULL,
        lines VARCHAR[] NOT NULL,
        postal_code VARCHAR,
        period STRUCT("start" VARCHAR, "end" VARCHAR),
        postcode VARCHAR,
        postcode_area VARCHAR,
        postcode_district VARCHAR,
        postcode_sector VARCHAR,
        postcode_unit VARCHAR
      )`,
      `CREATE TABLE superseded_number (
        old_nhs_number VARCHAR NOT NULL,
        nhs_number VARCHAR NOT NULL,
        ord SMALLINT NOT NULL
      )`,
      `CREATE TABLE name_derivation (
        kind VARCHAR NOT NULL,
        raw VARCHAR NOT NULL,
        "key" VARCHAR,
        phonetic1 VARCHAR,
        phonetic2 VARCHAR
      )`,
      `CREATE TABLE postcode_derivation (
        raw VARCHAR NOT NULL,
        postcode VARCHAR,
        area VARCHAR,
        district VARCHAR,
        sector VARCHAR,
        unit VARCHAR
      )`,
      `CREATE TABLE tf_family_name (value VARCHAR NOT NULL, n BIGINT NOT NULL, frequency DOUBLE NOT NULL)`,
      `CREATE TABLE tf_given_name (value VARCHAR NOT NULL, n BIGINT NOT NULL, frequency DOUBLE NOT NULL)`,
      `CREATE TABLE tf_postcode (value VARCHAR NOT NULL, n BIGINT NOT NULL, frequency DOUBLE NOT NULL)`,
      ...INDEXES.map(createIndexSql),
    ],
  },
  {
    version: 2,
    description: 'trace jobs, review items and review decisions',
    statements: DUCKDB_REVIEW_TABLES,
  },
  {
    version: 3,
    description: 'derivation version of the name and postcode dictionaries',
    statements: ['CREATE TABLE derivation_version (version INTEGER NOT NULL)'],
  },
  {
    version: 4,
    description: 'invalidated flag of a person (PDS REDACTED record, trace code 91)',
    // DuckDB adds no column with a constraint (`NOT NULL`), nor sets one on a table an index
    // depends on; the import SQL always writes true or false, and readers treat NULL as false.
    statements: ['ALTER TABLE person ADD COLUMN invalidated BOOLEAN DEFAULT false'],
  },
  {
    version: 5,
    description: 'review tables without ART indexes',
    // Re-queuing a job's review rows during a 10,000,000-person trace (100,000-row chunks,
    // DuckDB at its memory limit) failed with "Failed to delete all rows from index", a fatal
    // error that invalidates the whole database; the same DELETE ran cleanly on its own. The
    // review tables hold thousands of rows, not millions, so reading them without an index
    // costs little: the indexes go.
    statements: [
      'DROP INDEX IF EXISTS review_item_job_row',
      'DROP INDEX IF EXISTS review_decision_job_row',
    ],
  },
];

/** The newest schema version this program knows. */
export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

/**
 * Brings a database up to {@link SCHEMA_VERSION}, one transaction per migration, and refuses a
 * database written by a newer version of the program.
 * @param conn - an open connection
 * @returns the version the database is at
 */
export async function migrate(conn: DuckDBConnection): Promise<number> {
  await conn.run(`CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER NOT NULL, description VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`);
  const reader = await conn.runAndReadAll('SELECT coalesce(max(version), 0) FROM schema_version');
  const current = Number(reader.getRows()[0]?.[0] ?? 0);
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `the register database is at schema version ${current}, newer than this program's ${SCHEMA_VERSION}; upgrade nhs-trace`,
    );
  }
  for (const migration of MIGRATIONS.filter((m) => m.version > current)) {
    await conn.run('BEGIN TRANSACTION');
    try {
      for (const statement of migration.statements) {
        await conn.run(statement);
      }
      await conn.run('INSERT INTO schema_version (version, description) VALUES ($1, $2)', [
        migration.version,
        migration.description,
      ]);
      await conn.run('COMMIT');
    } catch (error) {
      await conn.run('ROLLBACK');
      throw error;
    }
  }
  return SCHEMA_VERSION;
}
