import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RegisterPerson } from '../../core/person.js';
import type { RegisterStats } from '../../storage/register-stats.js';
import { toFhirPatient } from '../../formats/fhir-patient.js';
import { arbRegisterPerson } from '../../formats/test-support/arbitrary-register-person.js';
import { fixturePerson, testNhsNumber as n } from '../../storage/test-support/register-people.js';
import { runCli } from '../test-support/run-cli.js';

let folder = '';
let dbs = 0;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'register-cli-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function ndjson(name: string, people: readonly RegisterPerson[]): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, people.map((p) => `${JSON.stringify(toFhirPatient(p))}\n`).join(''));
  return path;
}

const newDb = (): string => {
  dbs += 1;
  return join(folder, `register-${dbs}.duckdb`);
};

/** People whose numbers are all distinct and never superseded by another (no merges). */
const arbRegister = fc
  .uniqueArray(arbRegisterPerson, { minLength: 1, maxLength: 6, selector: (p) => p.nhsNumber })
  .map((people) => {
    const claimed = new Set<string>(people.map((p) => p.nhsNumber));
    return people.map((p) => {
      const own = [...new Set(p.supersededNhsNumbers)].filter((x) => !claimed.has(x));
      own.forEach((x) => claimed.add(x));
      return { ...p, supersededNhsNumbers: own };
    });
  });

describe('nhs-trace register', () => {
  it('round-trips FHIR NDJSON through the DuckDB register without loss', async () => {
    await fc.assert(
      fc.asyncProperty(arbRegister, async (people) => {
        const db = newDb();
        const file = await ndjson(`rt-${dbs}.ndjson`, people);
        expect((await runCli('register', 'import', file, '--db', db)).code).toBe(0);
        const out = join(folder, `rt-${dbs}-out.ndjson`);
        expect((await runCli('register', 'export', '--db', db, '--out', out)).code).toBe(0);
        const exported = (await readFile(out, 'utf8'))
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as unknown);
        const expected = [...people]
          .sort((a, b) => (a.nhsNumber < b.nhsNumber ? -1 : 1))
          .map((p) => JSON.parse(JSON.stringify(toFhirPatient(p))) as unknown);
        expect(exported).toEqual(expected);
      }),
      { numRuns: 6 },
    );
  });

  it('is idempotent, resolves superseded numbers, and exits 1 with a rejects file', async () => {
    const db = newDb();
    const people = [fixturePerson(n(0), { supersededNhsNumbers: [n(9)] }), fixturePerson(n(1))];
    const file = await ndjson('two.ndjson', people);
    const first = await runCli('register', 'import', file, '--db', db);
    expect(first.stdout).toContain('register: 2 people (2 new, 0 updated');
    const again = await runCli('register', 'import', file, '--db', db);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('register: 2 people (0 new, 2 updated');

    const stats = JSON.parse(
      (await runCli('register', 'stats', '--db', db, '--json')).stdout,
    ) as RegisterStats;
    expect(stats).toMatchObject({ people: 2, supersededNumbers: 1, historicNames: 2 });
    expect(stats.common.familyName).toEqual([{ value: 'Simpson', count: 2 }]);

    const withBad = join(folder, 'bad.ndjson');
    await writeFile(withBad, `${JSON.stringify(toFhirPatient(fixturePerson(n(2))))}\n{oops\n`);
    const rejects = join(folder, 'rejects.csv');
    const partial = await runCli('register', 'import', withBad, '--db', db, '--rejects', rejects);
    expect(partial.code).toBe(1);
    expect(partial.stderr).toContain(`1 records rejected; reasons in ${rejects}`);
    expect(await readFile(rejects, 'utf8')).toContain(`${withBad},2,line,invalid-json,`);

    const csv = await runCli('register', 'export', '--db', db, '--format', 'csv');
    expect(csv.stdout.split('\n')[0]).toMatch(/^nhs_number,/);
    expect(csv.stdout.trim().split('\n')).toHaveLength(4);
  });

  it('carries an invalidated record through NDJSON and CSV import and export, and counts it', async () => {
    const people = [
      fixturePerson(n(0), { invalidated: true, supersededNhsNumbers: [n(9)] }),
      fixturePerson(n(1), { restricted: true }),
    ];
    const db = newDb();
    expect(
      (await runCli('register', 'import', await ndjson('inv.ndjson', people), '--db', db)).code,
    ).toBe(0);
    const csv = join(folder, 'inv.csv');
    expect(
      (await runCli('register', 'export', '--db', db, '--format', 'csv', '--out', csv)).code,
    ).toBe(0);
    expect(await readFile(csv, 'utf8')).toMatch(/^nhs_number,.*,restricted,invalidated,/);
    const again = newDb();
    expect((await runCli('register', 'import', csv, '--db', again)).code).toBe(0);
    const out = join(folder, 'inv-out.ndjson');
    expect((await runCli('register', 'export', '--db', again, '--out', out)).code).toBe(0);
    const exported = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(exported).toEqual(
      people.map((p) => JSON.parse(JSON.stringify(toFhirPatient(p))) as unknown),
    );
    expect(exported[0]).toMatchObject({ meta: { security: [{ code: 'REDACTED' }] } });
    const stats = JSON.parse(
      (await runCli('register', 'stats', '--db', again, '--json')).stdout,
    ) as RegisterStats;
    expect(stats).toMatchObject({ people: 2, restricted: 1, invalidated: 1 });
    const report = await runCli('register', 'stats', '--db', again);
    expect(report.stdout).toMatch(/\n {2}invalidated +1\n/);
  });

  it('prints a readable stats report that names no patient', async () => {
    const db = newDb();
    await runCli(
      'register',
      'import',
      await ndjson('one.ndjson', [fixturePerson(n(3))]),
      '--db',
      db,
    );
    const report = await runCli('register', 'stats', '--db', db);
    expect(report.stdout).toContain('people                             1');
    expect(report.stdout).toMatch(/postcode\s+100\.0%/);
    expect(report.stdout).toContain('Most common family names:\n  Simpson');
  });

  it('exits 2 for a missing file, a missing register or a bad option, changing nothing', async () => {
    const db = newDb();
    const missing = await runCli('register', 'import', join(folder, 'nope.ndjson'), '--db', db);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain('nope.ndjson: cannot read the file');
    expect((await runCli('register', 'stats', '--db', join(folder, 'none.duckdb'))).code).toBe(2);
    expect((await runCli('register', 'export', '--db', db, '--format', 'xml')).code).toBe(2);
    expect((await runCli('register', 'import', 'x.ndjson', '--db', 'postgres://h/db')).code).toBe(
      2,
    );
    expect((await runCli('register', 'stats', '--db', db, '--json')).stdout).toContain(
      '"people": 0',
    );
  });

  it('says which option to raise when DuckDB runs out of memory, and keeps the register', async () => {
    const db = newDb();
    const first = await ndjson('oom-first.ndjson', [fixturePerson(n(1))]);
    expect((await runCli('register', 'import', first, '--db', db)).code).toBe(0);
    const people = Array.from({ length: 3000 }, (_, i) => fixturePerson(n(10 + i)));
    const many = await ndjson('oom-many.ndjson', people);
    const starved = await runCli('register', 'import', many, '--db', db, '--memory-limit', '1MB');
    expect(starved.code).toBe(2);
    expect(starved.stderr).toContain(
      "the import ran out of DuckDB's memory limit (1MB) and was rolled back: the register is as it was; run it again with a larger --memory-limit",
    );
    expect(starved.stderr).not.toMatch(/unexpected error|SET memory_limit/);
    expect((await runCli('register', 'stats', '--db', db, '--json')).stdout).toContain(
      '"people": 1',
    );
  });
});
