import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertPeople } from '../register-store-ops.js';
import { fixturePerson, testNhsNumber as n } from '../test-support/register-people.js';
import { openPostgresRegisterStore } from './postgres-register-store.js';
import { PG_SCHEMA_VERSION } from './postgres-schema.js';
import { TEST_PG_URL, assertPostgresReachable, testSchemas } from './test-support/test-database.js';

const schemas = testSchemas();
beforeAll(async () => {
  await assertPostgresReachable();
});
afterAll(async () => {
  await schemas.dropAll();
});

async function query(schema: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({
    connectionString: TEST_PG_URL,
    options: `-c search_path=${schema}`,
  });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('PostgreSQL derived matching columns', () => {
  it('stores keys, phonetic codes, postcode levels, birth parts and term frequencies', async () => {
    const schema = schemas.next();
    const store = await openPostgresRegisterStore({ connectionString: TEST_PG_URL, schema });
    await upsertPeople(store, [
      fixturePerson(n(0)),
      fixturePerson(n(1), {
        names: [{ use: 'usual', given: ['Dr', 'Ned'], family: "O'Flanders" }],
        birthDate: '1960-03',
      }),
      fixturePerson(n(2), { addresses: [{ use: 'home', lines: ['NFA'], postalCode: 'ZZ99 3VZ' }] }),
    ]);
    // A second import sees the dictionary entries already there and adds only new ones.
    await upsertPeople(store, [fixturePerson(n(3), { birthDate: '1971' })]);
    await store.close();

    const simpson = {
      family_key: 'SIMPSON',
      family_phonetic1: 'SMPSN',
      given_key: 'MARGE',
      given_phonetic1: 'MRJ',
    };
    expect(
      await query(
        schema,
        `SELECT nhs_number, family_key, family_phonetic1, given_key, given_phonetic1
         FROM person_name WHERE ord = 0 ORDER BY nhs_number`,
      ),
    ).toEqual([
      { nhs_number: n(0), ...simpson },
      {
        nhs_number: n(1),
        family_key: 'OFLANDERS',
        family_phonetic1: 'AFLNTRS',
        given_key: 'NED',
        given_phonetic1: 'NT',
      },
      { nhs_number: n(2), ...simpson },
      { nhs_number: n(3), ...simpson },
    ]);
    expect(
      await query(
        schema,
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
        schema,
        'SELECT nhs_number, birth_year, birth_month, birth_day FROM person ORDER BY nhs_number',
      ),
    ).toEqual([
      { nhs_number: n(0), birth_year: 1956, birth_month: 10, birth_day: 1 },
      { nhs_number: n(1), birth_year: 1960, birth_month: 3, birth_day: null },
      { nhs_number: n(2), birth_year: 1956, birth_month: 10, birth_day: 1 },
      { nhs_number: n(3), birth_year: 1971, birth_month: null, birth_day: null },
    ]);
    expect(
      await query(schema, 'SELECT value, n::int, frequency FROM tf_family_name ORDER BY value'),
    ).toEqual([
      { value: 'OFLANDERS', n: 1, frequency: 1 / 4 },
      { value: 'SIMPSON', n: 3, frequency: 3 / 4 },
    ]);
    expect(await query(schema, 'SELECT value, n::int FROM tf_postcode')).toEqual([
      { value: 'LS1 6AE', n: 3 },
    ]);
    expect(
      await query(schema, `SELECT count(*)::int AS n FROM name_derivation WHERE kind = 'family'`),
    ).toEqual([{ n: 3 }]);
    expect(await query(schema, 'SELECT max(version) AS v FROM schema_version')).toEqual([
      { v: PG_SCHEMA_VERSION },
    ]);
  });
});
