import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterStats } from '../../storage/register-stats.js';
import {
  TEST_PG_URL,
  assertPostgresReachable,
  testSchemas,
} from '../../storage/postgres/test-support/test-database.js';
import { runCli } from '../test-support/run-cli.js';

const schemas = testSchemas();
let folder = '';

beforeAll(async () => {
  await assertPostgresReachable();
  folder = await mkdtemp(join(tmpdir(), 'register-pg-cli-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
  await schemas.dropAll();
});

const pgDb = (schema: string): string => `${TEST_PG_URL}?schema=${schema}`;

describe('nhs-trace register --db postgres://…', () => {
  it('imports a generated register and reports the same stats and export as DuckDB', async () => {
    const generated = join(folder, 'population');
    expect(
      (await runCli('generate', 'population', '--people', '300', '--seed', '3', '--out', generated))
        .code,
    ).toBe(0);
    const file = join(generated, 'register.ndjson');
    const pg = pgDb(schemas.next());
    const duck = join(folder, 'same.duckdb');

    const loaded = await runCli('register', 'import', file, '--db', pg);
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toMatch(/register: 300 people \(300 new, 0 updated/);
    expect((await runCli('register', 'import', file, '--db', duck)).code).toBe(0);

    const stats = async (db: string): Promise<RegisterStats> =>
      JSON.parse((await runCli('register', 'stats', '--db', db, '--json')).stdout) as RegisterStats;
    const pgStats = await stats(pg);
    const duckStats = await stats(duck);
    expect(pgStats.people).toBe(300);
    expect(pgStats.supersededNumbers).toBeGreaterThan(0);
    expect(pgStats.common.familyName.length).toBeGreaterThan(0);
    expect(pgStats).toEqual(duckStats);

    const pgOut = join(folder, 'pg.ndjson');
    const duckOut = join(folder, 'duck.ndjson');
    expect((await runCli('register', 'export', '--db', pg, '--out', pgOut)).code).toBe(0);
    expect((await runCli('register', 'export', '--db', duck, '--out', duckOut)).code).toBe(0);
    const exported = await readFile(pgOut, 'utf8');
    expect(exported.trimEnd().split('\n')).toHaveLength(300);
    expect(exported).toBe(await readFile(duckOut, 'utf8'));

    const again = await runCli('register', 'import', join(generated, 'register.csv'), '--db', pg);
    expect(again.stdout).toMatch(/register: 300 people \(0 new, 300 updated/);
  });

  it('exits 2 without a stack trace or password for a bad URL, schema or server', async () => {
    const empty = await runCli('register', 'stats', '--db', pgDb(schemas.next()));
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/cannot open the register \(schema '.*' holds no register\)/);

    const badSchema = await runCli('register', 'stats', '--db', `${TEST_PG_URL}?schema=Drop;Table`);
    expect(badSchema.code).toBe(2);
    expect(badSchema.stderr).toContain('must be lower-case letters, digits and _');

    const down = await runCli(
      'register',
      'import',
      'x.ndjson',
      '--db',
      'postgres://me:s3cret@127.0.0.1:1/db',
    );
    expect(down.code).toBe(2);
    expect(down.stderr).toContain('postgres://me:***@127.0.0.1:1/db: cannot open the register');
    expect(down.stderr).not.toContain('s3cret');
    expect(down.stderr).not.toMatch(/\n\s+at /);
  });
});
