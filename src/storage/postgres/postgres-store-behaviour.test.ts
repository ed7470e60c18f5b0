import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterPerson } from '../../core/person.js';
import { MemoryRegisterStore } from '../memory/memory-register-store.js';
import { allPeople, upsertPeople } from '../register-store-ops.js';
import type { RegisterStore } from '../register-store.js';
import { fixturePerson, testNhsNumber as n } from '../test-support/register-people.js';
import {
  openPostgresRegisterStore,
  type PostgresRegisterStoreOptions,
} from './postgres-register-store.js';
import { PG_MIGRATIONS } from './postgres-schema.js';
import { TEST_PG_URL, assertPostgresReachable, testSchemas } from './test-support/test-database.js';

const schemas = testSchemas();
const opened: RegisterStore[] = [];
beforeAll(async () => {
  await assertPostgresReachable();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await schemas.dropAll();
});

async function open(
  schema: string,
  options: Partial<PostgresRegisterStoreOptions> = {},
): Promise<RegisterStore> {
  const store = await openPostgresRegisterStore({
    connectionString: TEST_PG_URL,
    schema,
    ...options,
  });
  opened.push(store);
  return store;
}

async function sql(schema: string, text: string): Promise<void> {
  const client = new pg.Client({
    connectionString: TEST_PG_URL,
    options: `-c search_path=${schema}`,
  });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** People sharing one name and postcode: each import below brings its own dictionary values. */
const family = (
  nums: readonly number[],
  name: string,
  postalCode: string,
  extra: Partial<RegisterPerson> = {},
): RegisterPerson[] =>
  nums.map((i) =>
    fixturePerson(n(i), {
      names: [{ use: 'usual', given: [`${name}y`], family: name }],
      addresses: [{ use: 'home', lines: [`${String(i)} ${name} Road`], postalCode }],
      ...extra,
    }),
  );

describe('PostgreSQL register store', () => {
  it('applies concurrent imports from two processes one after the other, never mixed', async () => {
    const schema = schemas.next();
    const [a, b] = [await open(schema), await open(schema)];
    const fromA = family([0, 1, 2, 3, 4, 5], 'Ayes', 'LS1 6AE');
    const fromB = [
      ...family([4, 5, 6, 7], 'Bees', 'M1 1AE'),
      ...family([8], 'Bees', 'M1 1AE', { supersededNhsNumbers: [n(0), n(1)] }),
    ];
    // Hold the register still until both imports are waiting to apply, so they truly overlap.
    const blocker = new pg.Client({ connectionString: TEST_PG_URL });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`LOCK TABLE ${schema}.person IN EXCLUSIVE MODE`);
      const sessions = [await a.beginImport(), await b.beginImport()] as const;
      await sessions[0].add(fromA);
      await sessions[1].add(fromB);
      const commits = Promise.all(sessions.map((s) => s.commit()));
      commits.catch(() => undefined); // awaited below; not unhandled while we poll
      for (let waiting = 0, tries = 0; waiting < 2 && tries < 500; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        const { rows } = await blocker.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted
             AND relation = to_regclass($1)`,
          [`${schema}.person`],
        );
        waiting = rows[0]?.n ?? 0;
      }
      await blocker.query('COMMIT');
      await commits;
    } finally {
      await blocker.end();
    }
    const serial = async (first: RegisterPerson[], second: RegisterPerson[]) => {
      const reference = new MemoryRegisterStore();
      await upsertPeople(reference, first);
      await upsertPeople(reference, second);
      return allPeople(reference);
    };
    expect([await serial(fromA, fromB), await serial(fromB, fromA)]).toContainEqual(
      await allPeople(a),
    );
  });

  it('leaves the register as it was when a commit fails, and imports again afterwards', async () => {
    const store = await open(schemas.next());
    await upsertPeople(store, [fixturePerson(n(0))]);
    const broken = { ...fixturePerson(n(1)), restricted: 'perhaps' } as unknown as RegisterPerson;
    await expect(
      upsertPeople(store, [fixturePerson(n(0), { gender: 'male' }), broken]),
    ).rejects.toThrow(/boolean/);
    expect(await allPeople(store)).toEqual([fixturePerson(n(0))]);
    await upsertPeople(store, [fixturePerson(n(2))]);
    expect(await store.count()).toBe(2);
  });

  it('refuses a value PostgreSQL cannot store (U+0000) by record number, storing nothing', async () => {
    const store = await open(schemas.next());
    const literal = fixturePerson(n(0), { gpOdsCode: '\\u0000' }); // a backslash, not a NUL
    const nul = fixturePerson(n(1), {
      names: [{ use: 'usual', given: ['Ma\u0000'], family: 'X' }],
    });
    await expect(upsertPeople(store, [literal, nul])).rejects.toThrow(
      'record 2 of this import holds a NUL character',
    );
    expect(await store.count()).toBe(0);
    await upsertPeople(store, [literal]);
    expect(await store.getByNhsNumber(n(0))).toEqual(literal);
  });

  it('hands the connection back when an export is abandoned part-way', async () => {
    const store = await open(schemas.next(), { maxConnections: 1 });
    await upsertPeople(
      store,
      [0, 1, 2].map((i) => fixturePerson(n(i))),
    );
    for await (const person of store.exportPeople()) {
      expect(person.nhsNumber).toBe(n(0));
      break;
    }
    expect(await store.count()).toBe(3);
  });

  it('refuses a schema with no register in existing mode, and creates nothing there', async () => {
    const schema = schemas.next();
    await expect(open(schema, { mode: 'existing' })).rejects.toThrow(
      `schema '${schema}' holds no register`,
    );
    await expect(open(schema, { mode: 'existing' })).rejects.toThrow('holds no register');
  });

  it('migrates a version 2 register: its people stay, not invalidated, and the flag is held', async () => {
    const schema = schemas.next();
    await sql(schema, `CREATE SCHEMA ${schema}`);
    const older = PG_MIGRATIONS.filter((m) => m.version <= 2);
    await sql(
      schema,
      [
        `CREATE TABLE schema_version (version integer PRIMARY KEY, description text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now())`,
        ...older.flatMap((m) => m.statements),
        ...older.map((m) => `INSERT INTO schema_version VALUES (${String(m.version)}, 'old')`),
        `INSERT INTO person VALUES ('${n(0)}', '01', 'female', '1956', 1956, NULL, NULL, NULL,
           NULL, false)`,
      ].join(';\n'),
    );
    const store = await open(schema);
    const [old] = await allPeople(store);
    expect(old).toMatchObject({ nhsNumber: n(0), restricted: false });
    expect(old !== undefined && 'invalidated' in old).toBe(false);
    const invalid = fixturePerson(n(1), { invalidated: true });
    await upsertPeople(store, [invalid]);
    expect(await store.getByNhsNumber(n(1))).toEqual(invalid);
    expect((await store.stats()).invalidated).toBe(1);
  });

  it('refuses a register written by a newer program', async () => {
    const schema = schemas.next();
    await open(schema);
    await sql(schema, `INSERT INTO schema_version (version, description) VALUES (99, 'future')`);
    await expect(open(schema)).rejects.toThrow(/version 99, newer than this program's \d+/);
  });
});
