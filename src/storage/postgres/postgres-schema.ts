import type { PgConnection } from './pg-driver.js';
import { PG_REVIEW_TABLES } from './postgres-review-schema.js';

/**
 * The register schema in PostgreSQL: the same tables and derived columns as the DuckDB schema
 * (docs/register.md, "Schema"), as numbered migrations recorded in `schema_version`. Unlike
 * DuckDB, PostgreSQL maintains B-tree primary keys cheaply under bulk replace, so the tables
 * carry them; the import SQL still deduplicates every import by the claim rule. A period is kept
 * as `jsonb` (DuckDB: a `STRUCT`), so `{ start }`, `{ end }` and both read back as given.
 */

/** One schema change. Applied in order, each in its own transaction. */
export interface PgMigration {
  readonly version: number;
  readonly description: string;
  readonly statements: readonly string[];
}

const termFrequencyTable = (name: string): string =>
  `CREATE TABLE ${name} (value text PRIMARY KEY, n bigint NOT NULL, frequency double precision NOT NULL)`;

/** All migrations, oldest first. Add, never edit, once released. */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    description: 'people, names, addresses, superseded numbers, derived keys, term frequencies',
    statements: [
      `CREATE TABLE person (
        nhs_number text PRIMARY KEY,
        verification_status text NOT NULL,
        gender text NOT NULL,
        birth_date text NOT NULL,
        birth_year smallint,
        birth_month smallint,
        birth_day smallint,
        deceased_date_time text,
        gp_ods_code text,
        restricted boolean NOT NULL
      )`,
      `CREATE TABLE person_name (
        nhs_number text NOT NULL,
        ord smallint NOT NULL,
        "use" text NOT NULL,
        given text[] NOT NULL,
        family text NOT NULL,
        prefix text[],
        period jsonb,
        family_key text,
        family_phonetic1 text,
        family_phonetic2 text,
        given_key text,
        given_phonetic1 text,
        given_phonetic2 text,
        PRIMARY KEY (nhs_number, ord)
      )`,
      `CREATE TABLE person_address (
        nhs_number text NOT NULL,
        ord smallint NOT NULL,
        "use" text NOT NULL,
        lines text[] NOT NULL,
        postal_code text,
        period jsonb,
        postcode text,
        postcode_area text,
        postcode_district text,
        postcode_sector text,
        postcode_unit text,
        PRIMARY KEY (nhs_number, ord)
      )`,
      `CREATE TABLE superseded_number (
        old_nhs_number text PRIMARY KEY,
        nhs_number text NOT NULL,
        ord smallint NOT NULL
      )`,
      'CREATE INDEX superseded_target ON superseded_number (nhs_number)',
      `CREATE TABLE name_derivation (
        kind text NOT NULL,
        raw text NOT NULL,
        "key" text,
        phonetic1 text,
        phonetic2 text,
        PRIMARY KEY (kind, raw)
      )`,
      `CREATE TABLE postcode_derivation (
        raw text PRIMARY KEY,
        postcode text,
        area text,
        district text,
        sector text,
        unit text
      )`,
      termFrequencyTable('tf_family_name'),
      termFrequencyTable('tf_given_name'),
      termFrequencyTable('tf_postcode'),
    ],
  },
  {
    version: 2,
    description: 'trace jobs, review items and review decisions',
    statements: PG_REVIEW_TABLES,
  },
  {
    // DuckDB's migration 4: this adapter has no derivation-version migration (DuckDB's 3), and
    // numbers run on without gaps so a later migration is never skipped.
    version: 3,
    description: 'invalidated flag of a person (PDS REDACTED record, trace code 91)',
    statements: ['ALTER TABLE person ADD COLUMN invalidated boolean NOT NULL DEFAULT false'],
  },
];

/** The newest schema version this program knows. */
export const PG_SCHEMA_VERSION = Math.max(...PG_MIGRATIONS.map((m) => m.version));

/**
 * A schema name safe to use unquoted (lower-case letters, digits and `_`, not starting with a
 * digit, at most 63 characters), or `undefined`.
 * @param name - the proposed schema name
 */
export function validSchemaName(name: string): string | undefined {
  return /^[a-z_][a-z0-9_]{0,62}$/.test(name) ? name : undefined;
}

async function currentVersion(conn: PgConnection): Promise<number> {
  const { rows } = await conn.query<{ v: number }>(
    'SELECT coalesce(max(version), 0)::int AS v FROM schema_version',
  );
  return rows[0]?.v ?? 0;
}

/**
 * Whether the connection's schema holds a register (a `schema_version` table).
 * @param conn - a connection whose `search_path` is the register's schema
 */
export async function hasRegister(conn: PgConnection): Promise<boolean> {
  const { rows } = await conn.query<{ found: boolean }>(
    `SELECT to_regclass(quote_ident(current_schema()) || '.schema_version') IS NOT NULL AS found`,
  );
  return rows[0]?.found === true;
}

/**
 * Creates the schema if needed and brings it up to {@link PG_SCHEMA_VERSION}, one transaction
 * per migration. An advisory lock per schema makes concurrent openers wait for each other
 * rather than both migrate. Refuses a schema written by a newer version of the program.
 * @param conn - a connection whose `search_path` is the register's schema
 * @param schema - that schema's name (already validated)
 * @returns the version the schema is at
 */
export async function migratePg(conn: PgConnection, schema: string): Promise<number> {
  await conn.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  for (;;) {
    await conn.query('BEGIN');
    try {
      await conn.query(`SELECT pg_advisory_xact_lock(hashtext('nhs-trace register ' || $1))`, [
        schema,
      ]);
      await conn.query(`CREATE TABLE IF NOT EXISTS schema_version (
        version integer PRIMARY KEY, description text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now())`);
      const current = await currentVersion(conn);
      if (current > PG_SCHEMA_VERSION) {
        throw new Error(
          `the register schema is at version ${current}, newer than this program's ${PG_SCHEMA_VERSION}; upgrade nhs-trace`,
        );
      }
      const next = PG_MIGRATIONS.find((m) => m.version > current);
      if (next === undefined) {
        await conn.query('COMMIT');
        return current;
      }
      for (const statement of next.statements) {
        await conn.query(statement);
      }
      await conn.query('INSERT INTO schema_version (version, description) VALUES ($1, $2)', [
        next.version,
        next.description,
      ]);
      await conn.query('COMMIT');
    } catch (error) {
      await conn.query('ROLLBACK');
      throw error;
    }
  }
}
