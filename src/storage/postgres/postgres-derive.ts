import {
  deriveFamilyName,
  deriveForename,
  derivePostcode,
  type DerivedName,
} from '../derived-values.js';
import {
  INSERT_NAME_DERIVATION,
  INSERT_POSTCODE_DERIVATION,
  NEW_RAW_VALUES_SQL,
} from './postgres-import-sql.js';
import type { PgQueryable } from './pg-driver.js';

/** Dictionary rows sent per statement (each is a handful of short strings). */
const ROWS_PER_STATEMENT = 10_000;

/** New dictionary entries, column by column, ready to send as `unnest` arrays. */
export interface NewDerivations {
  /** `name_derivation` columns: kind, raw, key, phonetic1, phonetic2. */
  readonly names: readonly (readonly (string | null)[])[];
  /** `postcode_derivation` columns: raw, postcode, area, district, sector, unit. */
  readonly postcodes: readonly (readonly (string | null)[])[];
}

async function rawValues(db: PgQueryable, sql: string): Promise<string[]> {
  const { rows } = await db.query<{ raw: string }>(sql);
  return rows.map((r) => r.raw);
}

function nameColumns(
  kind: string,
  raws: readonly string[],
  derive: (raw: string) => DerivedName,
): (string | null)[][] {
  const derived = raws.map(derive);
  return [
    raws.map(() => kind),
    [...raws],
    derived.map((d) => d.key),
    derived.map((d) => d.phonetic1),
    derived.map((d) => d.phonetic2),
  ];
}

/**
 * Derives keys for the raw values in `stg_name` and `stg_address` that the dictionaries do not
 * hold yet: each distinct family name, forename text and postcode is normalised (and
 * phonetically coded) once in TypeScript, however many people share it.
 * @param db - the import's connection, with the staging tables built
 */
export async function deriveNewValues(db: PgQueryable): Promise<NewDerivations> {
  const family = nameColumns(
    'family',
    await rawValues(db, NEW_RAW_VALUES_SQL.family),
    deriveFamilyName,
  );
  const given = nameColumns('given', await rawValues(db, NEW_RAW_VALUES_SQL.given), deriveForename);
  const raws = await rawValues(db, NEW_RAW_VALUES_SQL.postcode);
  const places = raws.map(derivePostcode);
  return {
    names: family.map((column, i) => [...column, ...(given[i] ?? [])]),
    postcodes: [
      raws,
      places.map((p) => p.postcode),
      places.map((p) => p.area),
      places.map((p) => p.district),
      places.map((p) => p.sector),
      places.map((p) => p.unit),
    ],
  };
}

async function insertColumns(
  db: PgQueryable,
  sql: string,
  columns: readonly (readonly (string | null)[])[],
): Promise<void> {
  const rows = columns[0]?.length ?? 0;
  for (let from = 0; from < rows; from += ROWS_PER_STATEMENT) {
    await db.query(
      sql,
      columns.map((column) => column.slice(from, from + ROWS_PER_STATEMENT)),
    );
  }
}

/**
 * Adds the new entries to the dictionaries (inside the import's transaction). An entry another
 * import added meanwhile is left as it is: the same raw value always derives the same keys.
 * @param db - the import's connection, inside its transaction
 * @param derivations - from {@link deriveNewValues}
 */
export async function storeDerivations(
  db: PgQueryable,
  derivations: NewDerivations,
): Promise<void> {
  await insertColumns(db, INSERT_NAME_DERIVATION, derivations.names);
  await insertColumns(db, INSERT_POSTCODE_DERIVATION, derivations.postcodes);
}
