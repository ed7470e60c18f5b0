import type { DuckDBConnection } from '@duckdb/node-api';
import {
  DERIVATION_VERSION,
  deriveFamilyName,
  deriveForename,
  derivePostcode,
} from '../derived-values.js';
import { appendText } from './duckdb-append.js';

/**
 * Fills the derivation dictionaries for the raw values an import brings that the store has not
 * seen before: each distinct family name, given-name text and postcode is normalised (and
 * phonetically coded) once in TypeScript, however many people share it. The new entries go to
 * temp tables here; the import copies them into the dictionaries inside its transaction.
 */

/**
 * Whether the stored dictionaries were made by this program's derivations. A store with
 * dictionary entries but no recorded version predates the stamp and counts as stale.
 * @param conn - an open connection
 */
export async function derivationsAreCurrent(conn: DuckDBConnection): Promise<boolean> {
  const reader = await conn.runAndReadAll(`SELECT
      (SELECT max(version) FROM derivation_version),
      (SELECT count(*) FROM (SELECT 1 FROM name_derivation UNION ALL SELECT 1 FROM postcode_derivation))`);
  const [version, entries] = reader.getRows()[0] ?? [];
  return version === null || version === undefined
    ? Number(entries ?? 0) === 0
    : Number(version) === DERIVATION_VERSION;
}

/**
 * Statements that re-key every stored name and address from freshly derived dictionaries, run
 * inside an import's transaction when the stored derivations are stale (after the new
 * dictionaries were filled, before term frequencies are refreshed), and then stamp the version.
 */
export const REKEY_SQL: readonly string[] = [
  `UPDATE person_name AS n SET family_key = f.key, family_phonetic1 = f.phonetic1,
     family_phonetic2 = f.phonetic2
   FROM name_derivation AS f WHERE f.kind = 'family' AND f.raw = n.family`,
  `UPDATE person_name AS n SET given_key = g.key, given_phonetic1 = g.phonetic1,
     given_phonetic2 = g.phonetic2
   FROM name_derivation AS g WHERE g.kind = 'given' AND g.raw = array_to_string(n.given, ' ')`,
  `UPDATE person_address AS a SET postcode = d.postcode, postcode_area = d.area,
     postcode_district = d.district, postcode_sector = d.sector, postcode_unit = d.unit
   FROM postcode_derivation AS d WHERE d.raw = a.postal_code`,
];

/** Statements that record this program's derivation version, inside an import's transaction. */
export const STAMP_SQL: readonly string[] = [
  'DELETE FROM derivation_version',
  `INSERT INTO derivation_version VALUES (${String(DERIVATION_VERSION)})`,
];

async function distinctNew(conn: DuckDBConnection, sql: string): Promise<string[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getColumns()[0]?.map(String) ?? [];
}

/**
 * Derives keys for the new raw values in `stg_name` and `stg_address` into the temp tables
 * `new_name_derivation` and `new_postcode_derivation`. With `everything`, it derives every raw
 * value, stored ones too, so the import can replace stale dictionaries whole.
 * @param conn - the import's connection, with the staging tables built
 * @param everything - derive stored values as well as new ones
 */
export async function deriveNewValues(conn: DuckDBConnection, everything = false): Promise<void> {
  const unseen = (kind: string, column: string): string =>
    everything
      ? 'TRUE'
      : `NOT EXISTS (SELECT 1 FROM name_derivation d WHERE d.kind = '${kind}' AND d.raw = ${column})`;
  const stored = (sql: string): string => (everything ? ` UNION ${sql}` : '');
  await conn.run(
    'CREATE OR REPLACE TEMP TABLE new_name_derivation AS SELECT * FROM name_derivation LIMIT 0',
  );
  await conn.run(
    'CREATE OR REPLACE TEMP TABLE new_postcode_derivation AS SELECT * FROM postcode_derivation LIMIT 0',
  );
  const families = await distinctNew(
    conn,
    `SELECT DISTINCT family FROM stg_name n WHERE ${unseen('family', 'n.family')}
     ${stored('SELECT family FROM person_name')}`,
  );
  const givens = await distinctNew(
    conn,
    `SELECT DISTINCT given_text FROM stg_name n WHERE ${unseen('given', 'n.given_text')}
     ${stored(`SELECT array_to_string(given, ' ') FROM person_name`)}`,
  );
  const names = await conn.createAppender('new_name_derivation');
  const add = (kind: string, raw: string, derive: typeof deriveFamilyName): void => {
    const d = derive(raw);
    names.appendVarchar(kind);
    names.appendVarchar(raw);
    appendText(names, d.key);
    appendText(names, d.phonetic1);
    appendText(names, d.phonetic2);
    names.endRow();
  };
  families.forEach((raw) => {
    add('family', raw, deriveFamilyName);
  });
  givens.forEach((raw) => {
    add('given', raw, deriveForename);
  });
  names.closeSync();

  const postcodes = await distinctNew(
    conn,
    `SELECT DISTINCT postalCode FROM stg_address a WHERE postalCode IS NOT NULL AND ${
      everything
        ? 'TRUE'
        : 'NOT EXISTS (SELECT 1 FROM postcode_derivation d WHERE d.raw = a.postalCode)'
    } ${stored('SELECT postal_code FROM person_address WHERE postal_code IS NOT NULL')}`,
  );
  const places = await conn.createAppender('new_postcode_derivation');
  for (const raw of postcodes) {
    const d = derivePostcode(raw);
    places.appendVarchar(raw);
    for (const value of [d.postcode, d.area, d.district, d.sector, d.unit]) {
      appendText(places, value);
    }
    places.endRow();
  }
  places.closeSync();
}
