import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterPerson } from '../../core/person.js';
import { toFhirPatient } from '../../formats/fhir-patient.js';
import { defaultModel, serialiseModel } from '../../matching/index.js';
import { requestCsv } from '../../pipeline/test-support/trace-fixtures.js';
import type { TraceReport } from '../../pipeline/trace-report.js';
import { fixturePerson, testNhsNumber } from '../../storage/test-support/register-people.js';
import { runCli } from '../test-support/run-cli.js';

/**
 * The pair-count estimate `trace` and `model train` print before a run. The register holds 450
 * people born on 1 January 1950 (the stand-in PDS gives an unknown date) whose given names start
 * with J, more than the key cap of 400, so the `dob-given-initial` key of a request born that day
 * with a J name is skipped and must be warned about; everyone else is spread out.
 */

const PLACEHOLDER = 450;
const GIVENS = ['John', 'James', 'Jack', 'Joseph', 'Jacob', 'Jane', 'Julia', 'Joan'];
const FAMILIES = ['Okafor', 'Lindqvist', 'Brennan', 'Mahmood', 'Kowalski', 'Nakamura', 'Dubois'];

function person(i: number, birthDate: string, given: string): RegisterPerson {
  return fixturePerson(testNhsNumber(i), {
    names: [{ use: 'usual', given: [given], family: FAMILIES[i % FAMILIES.length] ?? 'Lee' }],
    gender: i % 2 === 0 ? 'male' : 'female',
    birthDate,
    addresses: [
      {
        use: 'home',
        lines: [`${String(i + 1)} Mill Lane`, 'Leeds'],
        postalCode: `LS${String(1 + (i % 25))} ${String(i % 9)}AB`,
      },
    ],
  });
}

const REGISTER = [
  ...Array.from({ length: PLACEHOLDER }, (_, i) =>
    person(i, '1950-01-01', GIVENS[i % GIVENS.length] ?? 'John'),
  ),
  ...Array.from({ length: 300 }, (_, i) =>
    person(
      PLACEHOLDER + i,
      `${String(1940 + (i % 50))}-0${String(1 + (i % 9))}-1${String(i % 9)}`,
      'Mary',
    ),
  ),
];

let folder = '';
const file = (name: string): string => join(folder, name);

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trace-estimate-'));
  const ndjson = REGISTER.map((p) => `${JSON.stringify(toFhirPatient(p))}\n`).join('');
  await writeFile(file('register.ndjson'), ndjson);
  await writeFile(file('default-model.json'), serialiseModel(defaultModel()));
  await writeFile(
    file('requests.csv'),
    requestCsv([
      {
        'UNIQUE REFERENCE': 'R1',
        FAMILY_NAME: 'Okafor',
        GIVEN_NAME: 'Jim',
        GENDER: '1',
        DATE_OF_BIRTH: '19500101',
        POSTCODE: 'LS1 0AB',
      },
      {
        'UNIQUE REFERENCE': 'R2',
        FAMILY_NAME: 'Brennan',
        GIVEN_NAME: 'Mary',
        GENDER: '2',
        DATE_OF_BIRTH: '19410212',
      },
      {
        'UNIQUE REFERENCE': 'R3',
        FAMILY_NAME: 'Brennan',
        GIVEN_NAME: 'Mary',
        GENDER: '1',
        DATE_OF_BIRTH: '19400110',
        POSTCODE: 'LS1 0AB',
      },
    ]),
  );
  const imported = await runCli(
    'register',
    'import',
    file('register.ndjson'),
    '--db',
    file('register.duckdb'),
  );
  expect(imported.code).toBe(0);
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const WARNING =
  /warning: rule dob-given-initial: 1 key\(s\) hold more than 400 register records \(largest 450\), with a 1 January date of birth/;

async function trace(execution: string): Promise<{ stderr: string; report: TraceReport }> {
  const out = file(execution);
  await mkdir(out, { recursive: true });
  const run = await runCli(
    'trace',
    file('requests.csv'),
    '--out',
    join(out, 'response.csv'),
    '--db',
    file('register.duckdb'),
    '--execution',
    execution,
    '--model',
    file('default-model.json'),
  );
  expect(run.code).toBe(0);
  const report = JSON.parse(
    await readFile(join(out, 'response.report.json'), 'utf8'),
  ) as TraceReport;
  return { stderr: run.stderr, report };
}

describe('the pair-count estimate before a run', () => {
  it('trace prints it with a placeholder-date warning, and the report and page hold it', async () => {
    const { stderr, report } = await trace('sql');
    expect(stderr).toMatch(
      /blocking: about [\d,]+ pairs to score \([\d.]+ a row\) over 8 rules, estimated from all 3 rows/,
    );
    expect(stderr).toMatch(WARNING);
    expect(
      report.blocking?.warnings.map((w) => [w.code, w.rule, w.keys, w.largestKeyCount]),
    ).toEqual([['placeholder-date', 'dob-given-initial', 1, PLACEHOLDER]]);
    const rule = report.blocking?.rules.find((r) => r.rule === 'dob-given-initial');
    expect(rule).toMatchObject({ cappedKeys: 1, cappedPairs: PLACEHOLDER });
    const html = await readFile(file('sql/response.report.html'), 'utf8');
    expect(html).toContain('<section id="blocking">');
    expect(html).toMatch(/1 key\(s\) hold more than 400 register records \(largest 450\)/);
  });

  it('gives the same estimate in memory as in SQL', async () => {
    const sql = await trace('sql');
    const memory = await trace('memory');
    expect(memory.report.blocking).toEqual(sql.report.blocking);
    expect(memory.report.blocking?.totalPairs).toBeGreaterThan(0);
  });

  it('is left out for the cascade alone, which blocks nothing', async () => {
    await mkdir(file('cascade'), { recursive: true });
    const run = await runCli(
      'trace',
      file('requests.csv'),
      '--out',
      file('cascade/response.csv'),
      '--db',
      file('register.duckdb'),
      '--cascade-only',
    );
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/blocking:/);
    const report = JSON.parse(
      await readFile(file('cascade/response.report.json'), 'utf8'),
    ) as TraceReport;
    expect(report.blocking).toBeUndefined();
  });

  it('model train prints it before training', async () => {
    const run = await runCli(
      'model',
      'train',
      '--requests',
      file('requests.csv'),
      '--db',
      file('register.duckdb'),
      '--out',
      file('model.json'),
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/blocking: about [\d,]+ pairs to score/);
    expect(run.stderr).toMatch(WARNING);
  });
});
