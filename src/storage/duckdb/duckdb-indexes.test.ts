import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { allPeople, upsertPeople } from '../register-store-ops.js';
import { fixturePerson, testNhsNumber as n } from '../test-support/register-people.js';
import { openDuckDbRegisterStore } from './duckdb-register-store.js';
import { INDEXES } from './duckdb-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'nhs-trace-indexes-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs SQL on a closed register file directly, returning the rows. */
async function onFile(path: string, sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(path);
  try {
    const conn = await instance.connect();
    return (await conn.runAndReadAll(sql)).getRowsJS();
  } finally {
    instance.closeSync();
  }
}

const indexNames = async (path: string): Promise<string[]> =>
  (await onFile(path, 'SELECT index_name FROM duckdb_indexes() ORDER BY index_name')).map((row) =>
    String(row[0]),
  );

const expected = INDEXES.map((index) => index.name).sort();

describe('DuckDB register lookup indexes', () => {
  it('are there after an import that rewrites the tables (built after its COMMIT)', async () => {
    const path = join(dir, 'rewritten.duckdb');
    const store = await openDuckDbRegisterStore({ path, rewriteFrom: 0 });
    try {
      await upsertPeople(store, [fixturePerson(n(0)), fixturePerson(n(1))]);
      await upsertPeople(store, [fixturePerson(n(1)), fixturePerson(n(2))]);
      expect((await allPeople(store)).map((p) => p.nhsNumber)).toEqual([n(0), n(1), n(2)]);
    } finally {
      await store.close();
    }
    expect(await indexNames(path)).toEqual(expected);
  });

  it('come back when a register that lost them (a kill after the COMMIT) is opened', async () => {
    const path = join(dir, 'killed.duckdb');
    const store = await openDuckDbRegisterStore({ path });
    try {
      await upsertPeople(store, [fixturePerson(n(0))]);
    } finally {
      await store.close();
    }
    await onFile(path, 'DROP INDEX person_nhs_number; DROP INDEX superseded_old');
    expect(await indexNames(path)).toHaveLength(expected.length - 2);
    const reopened = await openDuckDbRegisterStore({ path });
    try {
      expect((await reopened.getByNhsNumber(n(0)))?.nhsNumber).toBe(n(0));
    } finally {
      await reopened.close();
    }
    expect(await indexNames(path)).toEqual(expected);
  });
});
