import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { deriveFamilyName, deriveForename, derivePostcode } from '../derived-values.js';

/**
 * Fills the derivation dictionaries for the raw values an import brings that the store has not
 * seen before: each distinct family name, given-name text and postcode is normalised (and
 * phonetically coded) once in TypeScript, however many people share it. The new entries go to
 * temp tables here; the import copies them into the dictionaries inside its transaction.
 */

function appendText(appender: DuckDBAppender, value: string | null): void {
  if (value === null) {
    appender.appendNull();
  } else {
    appender.appendVarchar(value);
  }
}

async function distinctNew(conn: DuckDBConnection, sql: string): Promise<string[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getColumns()[0]?.map(String) ?? [];
}

/**
 * Derives keys for the new raw values in `stg_name` and `stg_address` into the temp tables
 * `new_name_derivation` and `new_postcode_derivation`.
 * @param conn - the import's connection, with the staging tables built
 */
export async function deriveNewValues(conn: DuckDBConnection): Promise<void> {
  await conn.run(
    'CREATE OR REPLACE TEMP TABLE new_name_derivation AS SELECT * FROM name_derivation LIMIT 0',
  );
  await conn.run(
    'CREATE OR REPLACE TEMP TABLE new_postcode_derivation AS SELECT * FROM postcode_derivation LIMIT 0',
  );
  const families = await distinctNew(
    conn,
    `SELECT DISTINCT family FROM stg_name n WHERE NOT EXISTS
       (SELECT 1 FROM name_derivation d WHERE d.kind = 'family' AND d.raw = n.family)`,
  );
  const givens = await distinctNew(
    conn,
    `SELECT DISTINCT given_text FROM stg_name n WHERE NOT EXISTS
       (SELECT 1 FROM name_derivation d WHERE d.kind = 'given' AND d.raw = n.given_text)`,
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
    `SELECT DISTINCT postalCode FROM stg_address a WHERE postalCode IS NOT NULL AND NOT EXISTS
       (SELECT 1 FROM postcode_derivation d WHERE d.raw = a.postalCode)`,
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
