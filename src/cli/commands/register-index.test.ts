import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFhirPatient } from '../../formats/fhir-patient.js';
import { TRACE_REGISTER } from '../../pipeline/test-support/trace-fixtures.js';
import { runCli } from '../test-support/run-cli.js';

let folder = '';
let db = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'register-index-'));
  db = join(folder, 'register.duckdb');
  const ndjson = TRACE_REGISTER.map((p) => `${JSON.stringify(toFhirPatient(p))}\n`).join('');
  await writeFile(join(folder, 'register.ndjson'), ndjson);
  const imported = await runCli('register', 'import', join(folder, 'register.ndjson'), '--db', db);
  expect(imported.code).toBe(0);
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('nhs-trace register index', () => {
  it('says how to give a build that runs out of memory more, with exit 2, and builds nothing', async () => {
    const starved = await runCli('register', 'index', '--db', db, '--memory-limit', '1MB');
    expect(starved.code).toBe(2);
    expect(starved.stderr).toMatch(
      /building the match index ran out of DuckDB's memory limit \(nothing was changed\); build it with 'nhs-trace register index --db FILE --memory-limit SIZE'/,
    );
    expect(starved.stderr).not.toMatch(/unexpected error|SET memory_limit/);
    expect(starved.stderr).not.toMatch(/match index built/);
  });

  it('builds the index, naming each step as it starts, then finds it current', async () => {
    const built = await runCli('register', 'index', '--db', db, '--memory-limit', '512MB');
    expect(built.code).toBe(0);
    const steps = built.stderr
      .split('\n')
      .filter((line) => / \(at \d+ s\)$/.test(line))
      .map((line) => line.replace(/^match index: (.*) \(at \d+ s\)$/, '$1'));
    expect(steps.slice(0, 4)).toEqual([
      'match records',
      'term frequencies',
      'records with their frequencies',
      'numbers',
    ]);
    expect(steps.slice(4)).toContain('blocking keys of rule nhs-number');
    expect(built.stderr).toMatch(/match index built: [\d,]+ people/);
    const again = await runCli('register', 'index', '--db', db);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/match index: [\d,]+ people \(current\)/);
    expect(again.stderr).not.toMatch(/\(at \d+ s\)/);
  });

  it('refuses a memory limit that is not a size, with exit 2', async () => {
    const result = await runCli('register', 'index', '--db', db, '--memory-limit', 'lots');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--memory-limit must be a size like 2GB or 512MB, not 'lots'/);
  });
});
