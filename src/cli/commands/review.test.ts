import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFhirPatient } from '../../formats/fhir-patient.js';
import { defaultModel, serialiseModel } from '../../matching/index.js';
import { TRACE_REGISTER, traceRequestFile } from '../../pipeline/test-support/trace-fixtures.js';
import {
  TEST_PG_URL,
  assertPostgresReachable,
  testSchemas,
} from '../../storage/postgres/test-support/test-database.js';
import type { ReviewEntry } from '../../storage/review-store.js';
import { testNhsNumber as n } from '../../storage/test-support/register-people.js';
import { runCli } from '../test-support/run-cli.js';

let folder = '';
const file = (name: string): string => join(folder, name);
const schemas = testSchemas();

type Row = Record<string, string>;
const table = async (path: string): Promise<Row[]> =>
  parse<Row>(await readFile(path, 'utf8'), { columns: true });

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'review-cli-'));
  const ndjson = TRACE_REGISTER.map((p) => `${JSON.stringify(toFhirPatient(p))}\n`).join('');
  await writeFile(file('register.ndjson'), ndjson);
  await writeFile(file('requests.csv'), traceRequestFile());
  await writeFile(file('model.json'), serialiseModel(defaultModel()));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
  await schemas.dropAll();
});

/** Imports the register into `db` and traces the request file; returns the job id. */
async function traceInto(db: string, out: string): Promise<string> {
  expect((await runCli('register', 'import', file('register.ndjson'), '--db', db)).code).toBe(0);
  const model = ['--model', file('model.json')];
  const traced = await runCli('trace', file('requests.csv'), '--out', out, '--db', db, ...model);
  expect(traced.stderr).not.toMatch(/nhs-trace:/);
  expect(traced.code).toBe(0);
  const jobId = /job ([0-9a-f]{16}): 3 rows queued for review/.exec(traced.stdout)?.[1];
  expect(jobId).toBeDefined();
  return jobId ?? '';
}

async function items(db: string, jobId: string, ...extra: string[]): Promise<ReviewEntry[]> {
  const listed = await runCli('review', 'list', '--job', jobId, '--json', '--db', db, ...extra);
  expect(listed.code).toBe(0);
  return (JSON.parse(listed.stdout) as { items: ReviewEntry[] }).items;
}

describe('nhs-trace review (DuckDB)', () => {
  it('lists, decides and applies the decisions of a traced job, with audit lines', async () => {
    const db = file('register.duckdb');
    const audit = file('nhs-trace-audit.ndjson');
    const out = file('response.csv');
    const jobId = await traceInto(db, out);

    const jobs = await runCli('review', 'jobs', '--db', db);
    expect(jobs.code).toBe(0);
    expect(jobs.stdout).toContain(`${jobId}  `);
    expect(jobs.stdout).toMatch(/3 to review \(3 pending\)/);

    const listed = await runCli('review', 'list', '--job', jobId, '--db', db);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/3 items, 3 pending, 0 decided/);
    expect(listed.stdout).toMatch(/row \d+ {2}line \d+ {2}TWIN {2}review {2}pending/);
    expect(listed.stdout).toContain(n(1));
    expect(listed.stdout).not.toMatch(/Rodd|Flanders|20100301/);

    const all = await items(db, jobId);
    const row = (ref: string): string =>
      String(all.find((e) => e.item.reference === ref)?.item.row);
    expect(all.find((e) => e.item.reference === 'TWIN')?.item.request.GIVEN_NAME).toBe('Rodd');

    const accepted = await runCli(
      'review',
      'decide',
      '--job',
      jobId,
      '--row',
      row('TWIN'),
      '--accept',
      n(1).replace(/^(\d{3})(\d{3})/, '$1 $2 '),
      '--by',
      'alice',
      '--db',
      db,
    );
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(/accepted \d{10} by alice/);
    const rejected = await runCli(
      'review',
      'decide',
      '--job',
      jobId,
      '--row',
      row('SMITH'),
      '--reject',
      '--by',
      'bob',
      '--note',
      'neither John Smith',
      '--db',
      db,
    );
    expect(rejected.code).toBe(0);

    expect((await items(db, jobId, '--pending')).map((e) => e.item.reference)).toEqual([
      'CONFLICT',
    ]);
    const decided = await items(db, jobId, '--decided');
    expect(decided.map((e) => [e.item.reference, e.decision?.verdict])).toEqual([
      ['TWIN', 'accept'],
      ['SMITH', 'reject'],
    ]);
    expect(decided[1]?.decision?.note).toBe('neither John Smith');

    const applied = await runCli('review', 'apply', out, '--db', db);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/applied 1 accepted and 1 rejected; 1 still under review/);
    const final = await table(file('response.final.csv'));
    expect(final.find((r) => r['UNIQUE REFERENCE'] === 'TWIN')).toMatchObject({
      TRACE_OUTCOME: 'matched',
      MATCHED_NHS_NO: n(1),
      'ERROR/SUCCESS_CODE': '00',
    });
    expect(final.find((r) => r['UNIQUE REFERENCE'] === 'SMITH')?.['ERROR/SUCCESS_CODE']).toBe('98');
    const load = await table(file('response.final.load.csv'));
    expect(
      load.find((r) => r['UNIQUE REFERENCE'] === 'TWIN')?.['NHS_NUMBER_STATUS_INDICATOR'],
    ).toBe('01');

    const lines = (await readFile(audit, 'utf8')).trim().split('\n');
    const events = lines.map((l) => (JSON.parse(l) as { event: string }).event);
    expect(events.slice(-3)).toEqual(['review-decision', 'review-decision', 'review-finalise']);
    const tail = lines.slice(-3).join('\n');
    expect(tail).toContain(jobId);
    expect(tail).not.toMatch(/Rodd|Flanders|Smith|99900|neither/);
  });

  it('refuses bad decisions with exit 2 and records nothing', async () => {
    const db = file('refuse.duckdb');
    const jobId = await traceInto(db, file('refuse.csv'));
    const twin = (await items(db, jobId)).find((e) => e.item.reference === 'TWIN')?.item.row;
    const decide = (...args: string[]) =>
      runCli('review', 'decide', '--job', jobId, '--by', 'eve', '--db', db, ...args);
    const stranger = await decide('--row', String(twin), '--accept', n(6));
    expect(stranger.code).toBe(2);
    expect(stranger.stderr).toMatch(/is not a candidate of row/);
    const noRow = await decide('--row', '999', '--reject');
    expect(noRow.code).toBe(2);
    expect(noRow.stderr).toMatch(/no review item at row 999/);
    expect((await decide('--row', String(twin))).code).toBe(2);
    expect((await decide('--row', String(twin), '--reject', '--accept', n(1))).code).toBe(2);
    expect((await decide('--row', 'x', '--reject')).code).toBe(2);
    const unknownJob = await runCli('review', 'list', '--job', 'nope', '--db', db);
    expect(unknownJob.code).toBe(2);
    expect(unknownJob.stderr).toMatch(/job nope is not in this store/);
    expect(await items(db, jobId, '--decided')).toEqual([]);
    const noRegister = await runCli('review', 'jobs', '--db', file('absent.duckdb'));
    expect(noRegister.code).toBe(2);
    const notResponse = await runCli(
      'review',
      'apply',
      file('requests.csv'),
      '--job',
      jobId,
      '--db',
      db,
    );
    expect(notResponse.code).toBe(2);
    expect(notResponse.stderr).toMatch(/requests\.csv: line 1: not a response file/);
  });
});

describe('nhs-trace review (PostgreSQL)', () => {
  it('keeps the queue in the register’s schema and applies decisions from it', async () => {
    await assertPostgresReachable();
    const db = `${TEST_PG_URL}?schema=${schemas.next()}`;
    const out = file('pg-response.csv');
    const jobId = await traceInto(db, out);
    const twin = (await items(db, jobId)).find((e) => e.item.reference === 'TWIN')?.item.row;
    const audit = file('pg-audit.ndjson');
    const decided = await runCli(
      'review',
      'decide',
      '--job',
      jobId,
      '--row',
      String(twin),
      '--accept',
      n(2),
      '--by',
      'frank',
      '--db',
      db,
      '--audit',
      audit,
    );
    expect(decided.code).toBe(0);
    const applied = await runCli('review', 'apply', out, '--db', db, '--audit', audit);
    expect(applied.code).toBe(0);
    const final = await table(file('pg-response.final.csv'));
    expect(final.find((r) => r['UNIQUE REFERENCE'] === 'TWIN')?.['MATCHED_NHS_NO']).toBe(n(2));
  });
});
