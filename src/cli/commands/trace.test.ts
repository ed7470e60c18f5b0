import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFhirPatient } from '../../formats/fhir-patient.js';
import { defaultModel, serialiseModel } from '../../matching/index.js';
import { TRACE_REGISTER, traceRequestFile } from '../../pipeline/test-support/trace-fixtures.js';
import { runCli } from '../test-support/run-cli.js';

let folder = '';
let db = '';

const file = (name: string): string => join(folder, name);

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trace-cli-'));
  db = file('register.duckdb');
  const ndjson = TRACE_REGISTER.map((p) => `${JSON.stringify(toFhirPatient(p))}\n`).join('');
  await writeFile(file('register.ndjson'), ndjson);
  await writeFile(file('requests.csv'), traceRequestFile());
  const imported = await runCli('register', 'import', file('register.ndjson'), '--db', db);
  expect(imported.code).toBe(0);
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('nhs-trace trace', () => {
  it('trains a model when none is given, writes every file and appends an audit line', async () => {
    await rm(file('out'), { recursive: true, force: true });
    await mkdir(file('out'));
    const args = ['trace', file('requests.csv'), '--out', file('out/response.csv'), '--db', db];
    const result = await runCli(...args, '--progress-every', '5');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/traced 5 rows/);
    expect(result.stdout).toMatch(/trained on this file/);
    expect(result.stdout).toMatch(/HTML report: .*response\.report\.html\n/);
    const names = (await readdir(file('out'))).sort();
    expect(names).toEqual(
      [
        'response.conflicts.csv',
        'response.csv',
        'response.duplicates.csv',
        'response.load.csv',
        'response.model.json',
        'response.report.html',
        'response.report.json',
        'response.unmatched.csv',
      ].sort(),
    );
    const audit = (await readFile(file('nhs-trace-audit.ndjson'), 'utf8')).trim().split('\n');
    const entry = JSON.parse(audit.at(-1) ?? '{}') as Record<string, unknown>;
    expect(entry).toMatchObject({ event: 'trace', input: 'requests.csv', rows: 20 });
    expect(JSON.stringify(entry)).not.toMatch(/Simpson|Krabappel|999000/);
    const rows = parse(await readFile(file('out/response.csv'), 'utf8'), { columns: true });
    expect(rows).toHaveLength(20);
  });

  it('traces with a given model and records its version', async () => {
    await writeFile(file('model.json'), serialiseModel(defaultModel()));
    const audit = file('audit.ndjson');
    const result = await runCli(
      'trace',
      file('requests.csv'),
      '--out',
      file('given.csv'),
      '--db',
      db,
      '--model',
      file('model.json'),
      '--audit',
      audit,
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(await readFile(file('given.report.json'), 'utf8')) as {
      model: { trained: boolean; version: string };
    };
    expect(report.model.trained).toBe(false);
    expect(await readFile(audit, 'utf8')).toContain(report.model.version);
  });

  it('refuses a file that is not a request file with exit 2 and a clear message', async () => {
    await writeFile(file('patients.json'), '{"resourceType":"Patient"}\n');
    const result = await runCli('trace', file('patients.json'), '--out', file('x.csv'), '--db', db);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/patients\.json/);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect((await readdir(folder)).filter((f) => f.startsWith('x.'))).toEqual([]);
  });

  it('refuses, with exit 2, files that a live run is writing, and leaves its lock alone', async () => {
    await mkdir(file('locked'), { recursive: true });
    const lock = file('locked/response.csv.lock');
    const held = JSON.stringify({ pid: process.pid, host: hostname(), startedAt: 'earlier' });
    await writeFile(lock, held);
    const args = ['trace', file('requests.csv'), '--out', file('locked/response.csv')];
    const result = await runCli(...args, '--db', db);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/another trace run \(process \d+, started earlier\) is writing/);
    expect(await readdir(file('locked'))).toEqual(['response.csv.lock']);
    expect(await readFile(lock, 'utf8')).toBe(held);
  });

  it('exits 2 on wrong arguments', async () => {
    const noOut = await runCli('trace', file('requests.csv'), '--db', db);
    expect(noOut.code).toBe(2);
    const noFolder = await runCli(
      'trace',
      file('requests.csv'),
      '--out',
      file('nope/r.csv'),
      '--db',
      db,
    );
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toMatch(/does not exist/);
    const badModel = await runCli(
      'trace',
      file('requests.csv'),
      '--out',
      file('m.csv'),
      '--db',
      db,
      '--model',
      file('requests.csv'),
    );
    expect(badModel.code).toBe(2);
    expect(badModel.stderr).toMatch(/not a model file/);
    const badDate = await runCli(
      'trace',
      file('requests.csv'),
      '--out',
      file('d.csv'),
      '--db',
      db,
      '--date-format',
      'MM/DD',
    );
    expect(badDate.code).toBe(2);
  });
});
