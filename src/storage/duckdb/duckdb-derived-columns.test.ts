import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { DERIVATION_VERSION } from '../derived-values.js';
import { upsertPeople } from '../register-store-ops.js';
import { fixturePerson, testNhsNumber as n } from '../test-support/register-people.js';
import { openDuckDbRegisterStore } from './duckdb-register-store.js';
import { SCHEMA_VERSION } from './duckdb-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'nhs-trace-derived-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function query(path: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(path);
  try {
    const conn = await instance.connect();
    return (await conn.runAndReadAll(sql)).getRowObjectsJS();
  } finally {
    instance.closeSync();
  }
}

describe('DuckDB derived matching columns', () => {
  it('stores keys, phonetic codes, postcode levels, birth parts and term frequencies', async () => {
    const path = join(dir, 'derived.duckdb');
    const store = await openDuckDbRegisterStore({ path });
    await upsertPeople(store, [
      fixturePerson(n(0)),
      fixturePerson(n(1), {
        names: [{ use: 'usual', given: ['Dr', 'Ned'], family: "O'Flanders" }],
        birthDate: '1960-03',
      }),
      fixturePerson(n(2), { addresses: [{ use: 'home', lines: ['NFA'], postalCode: 'ZZ99 3VZ' }] }),
    ]);
    await store.close();

    expect(
      await query(
        path,
        `SELECT nhs_number, family_key, family_phonetic1, given_key, given_phonetic1
         FROM person_name WHERE ord = 0 ORDER BY nhs_number`,
      ),
    ).toEqual([
      {
        nhs_number: n(0),
        family_key: 'SIMPSON',
        family_phonetic1: 'SMPSN',
        given_key: 'MARGE',
        given_phonetic1: 'MRJ',
      },
      {
        nhs_number: n(1),
        family_key: 'OFLANDERS',
        family_phonetic1: 'AFLNTRS',
        given_key: 'NED',
        given_phonetic1: 'NT',
      },
      {
        nhs_number: n(2),
        family_key: 'SIMPSON',
        family_phonetic1: 'SMPSN',
        given_key: 'MARGE',
        given_phonetic1: 'MRJ',
      },
    ]);
    expect(
      await query(
        path,
        `SELECT postcode, postcode_area, postcode_district, postcode_sector, postcode_unit
         FROM person_address WHERE nhs_number = '${n(2)}' OR (nhs_number = '${n(0)}' AND ord = 0)
         ORDER BY nhs_number`,
      ),
    ).toEqual([
      {
        postcode: 'LS1 6AE',
        postcode_area: 'LS',
        postcode_district: 'LS1',
        postcode_sector: 'LS1 6',
        postcode_unit: 'LS1 6AE',
      },
      {
        postcode: 'ZZ99 3VZ',
        postcode_area: null,
        postcode_district: null,
        postcode_sector: null,
        postcode_unit: null,
      },
    ]);
    expect(
      await query(
        path,
        `SELECT birth_year, birth_month, birth_day FROM person WHERE nhs_number = '${n(1)}'`,
      ),
    ).toEqual([{ birth_year: 1960, birth_month: 3, birth_day: null }]);
    expect(
      await query(path, 'SELECT value, n, frequency FROM tf_family_name ORDER BY value'),
    ).toEqual([
      { value: 'OFLANDERS', n: 1n, frequency: 1 / 3 },
      { value: 'SIMPSON', n: 2n, frequency: 2 / 3 },
    ]);
    expect(await query(path, 'SELECT value, n FROM tf_postcode')).toEqual([
      { value: 'LS1 6AE', n: 2n },
    ]);
    expect(await query(path, 'SELECT max(version) AS v FROM schema_version')).toEqual([
      { v: SCHEMA_VERSION },
    ]);
  });
});

describe('DuckDB derivation version', () => {
  it('re-derives every stored key when the store was made by another derivation version', async () => {
    const path = join(dir, 'stale.duckdb');
    const store = await openDuckDbRegisterStore({ path });
    await upsertPeople(store, [fixturePerson(n(0)), fixturePerson(n(1))]);
    await store.close();
    expect(await query(path, 'SELECT version FROM derivation_version')).toEqual([
      { version: DERIVATION_VERSION },
    ]);

    // As an older program would have left it: other keys, another version.
    await query(
      path,
      `UPDATE derivation_version SET version = ${String(DERIVATION_VERSION - 1)};
       UPDATE name_derivation SET key = 'STALE', phonetic1 = 'STL';
       UPDATE person_name SET family_key = 'STALE', family_phonetic1 = 'STL', given_key = 'STALE';
       UPDATE postcode_derivation SET unit = 'STALE';
       UPDATE person_address SET postcode_unit = 'STALE'`,
    );
    const stale = `SELECT
      (SELECT count(*) FROM person_name WHERE 'STALE' IN (family_key, given_key)) +
      (SELECT count(*) FROM person_address WHERE postcode_unit = 'STALE') +
      (SELECT count(*) FROM name_derivation WHERE key = 'STALE') +
      (SELECT count(*) FROM postcode_derivation WHERE unit = 'STALE') AS stale`;
    expect((await query(path, stale))[0]?.['stale']).toBeGreaterThan(0n);

    const again = await openDuckDbRegisterStore({ path });
    await upsertPeople(again, [fixturePerson(n(2))]);
    await again.close();

    expect(await query(path, 'SELECT version FROM derivation_version')).toEqual([
      { version: DERIVATION_VERSION },
    ]);
    expect(await query(path, stale)).toEqual([{ stale: 0n }]);
    expect(
      await query(
        path,
        `SELECT DISTINCT family_key FROM person_name WHERE ord = 0 ORDER BY family_key`,
      ),
    ).toEqual([{ family_key: 'SIMPSON' }]);
    expect(await query(path, 'SELECT value, n FROM tf_family_name')).toEqual([
      { value: 'SIMPSON', n: 3n },
    ]);
  });
});
