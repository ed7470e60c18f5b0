import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { allPeople, upsertPeople } from '../register-store-ops.js';
import { fixturePerson, testNhsNumber as n } from '../test-support/register-people.js';
import { openDuckDbRegisterStore } from './duckdb-register-store.js';
import { MIGRATIONS, SCHEMA_VERSION } from './duckdb-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'nhs-trace-invalidated-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A register file as a program at schema version 3 left it, holding one person. */
async function version3Register(path: string): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  try {
    const conn = await instance.connect();
    await conn.run(`CREATE TABLE schema_version (version INTEGER NOT NULL,
      description VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`);
    for (const migration of MIGRATIONS.filter((m) => m.version <= 3)) {
      for (const statement of migration.statements) {
        await conn.run(statement);
      }
      await conn.run('INSERT INTO schema_version (version, description) VALUES ($1, $2)', [
        migration.version,
        migration.description,
      ]);
    }
    await conn.run(`INSERT INTO person VALUES
      ('${n(0)}', '01', 'female', '1956-10-01', 1956, 10, 1, NULL, 'B86001', false)`);
    await conn.run(`INSERT INTO person_name VALUES ('${n(0)}', 0, 'usual', ['Marge'], 'Simpson',
      NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
  } finally {
    instance.closeSync();
  }
}

describe('DuckDB schema migrations 4 (invalidated flag) and 5 (review tables unindexed)', () => {
  it('adds the flag to a version 3 register: stored people stay, not invalidated', async () => {
    const path = join(dir, 'v3.duckdb');
    await version3Register(path);
    const store = await openDuckDbRegisterStore({ path });
    try {
      expect(SCHEMA_VERSION).toBe(5);
      const [old] = await allPeople(store);
      expect(old).toMatchObject({ nhsNumber: n(0), restricted: false });
      expect(old !== undefined && 'invalidated' in old).toBe(false);
      const invalid = fixturePerson(n(1), { invalidated: true });
      await upsertPeople(store, [invalid]);
      expect(await store.getByNhsNumber(n(1))).toEqual(invalid);
      expect((await store.stats()).invalidated).toBe(1);
    } finally {
      await store.close();
    }
    const instance = await DuckDBInstance.create(path);
    try {
      const conn = await instance.connect();
      const rows = await conn.runAndReadAll(
        `SELECT (SELECT max(version) FROM schema_version),
                (SELECT count(*) FROM duckdb_indexes() WHERE index_name = 'person_nhs_number'),
                (SELECT is_nullable FROM information_schema.columns
                 WHERE table_name = 'person' AND column_name = 'invalidated'),
                (SELECT count(*) FROM duckdb_indexes() WHERE table_name LIKE 'review_%')`,
      );
      expect(rows.getRowsJS()).toEqual([[5, 1n, 'YES', 0n]]);
    } finally {
      instance.closeSync();
    }
  });
});
