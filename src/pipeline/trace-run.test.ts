import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDS_MESH_RESPONSE_COLUMNS } from '../formats/pds-mesh-columns.js';
import { parseMappingSpec } from '../formats/column-mapping.js';
import { defaultModel, parseModel } from '../matching/index.js';
import { testNhsNumber as n } from '../storage/test-support/register-people.js';
import { versionModel } from './trace-model.js';
import { inMemoryBackend } from './trace-backend.js';
import { traceRegisterFrom } from './trace-register.js';
import { runTrace, type TraceRunResult } from './trace-run.js';
import {
  EXPECTED,
  SUPERSEDED,
  TRACE_REGISTER,
  traceRequestFile,
} from './test-support/trace-fixtures.js';

let folder = '';
let result: TraceRunResult;
let header: string[] = [];
type Row = Partial<Record<string, string>>;
let rows: Row[] = [];

/** A CSV's rows keyed by its header's column names. */
const table = (text: string): { header: string[]; rows: Row[] } => {
  const [head = [], ...body] = parse(text);
  return {
    header: head,
    rows: body.map((cells) => Object.fromEntries(head.map((name, i) => [name, cells[i] ?? '']))),
  };
};

const csv = async (name: string): Promise<Row[]> =>
  table(await readFile(join(folder, name), 'utf8')).rows;

const row = (reference: string, index = 0): Row => {
  const found = rows.filter((r) => r['UNIQUE REFERENCE'] === reference)[index];
  if (found === undefined) {
    throw new Error(`no response row ${reference}`);
  }
  return found;
};

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trace-run-'));
  await writeFile(join(folder, 'requests.csv'), traceRequestFile());
  const run = await runTrace(
    () => Promise.resolve(inMemoryBackend(traceRegisterFrom(TRACE_REGISTER))),
    {
      requestPath: join(folder, 'requests.csv'),
      outPath: join(folder, 'response.csv'),
      model: versionModel(defaultModel(), false),
      startedAt: '2026-01-01T00:00:00.000Z',
      today: '2026-01-01',
    },
  );
  if (!run.success) {
    throw new Error(run.issues[0]?.message);
  }
  result = run.data;
  const text = await readFile(join(folder, 'response.csv'), 'utf8');
  ({ header, rows } = table(text));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('runTrace golden round trip', () => {
  it('writes the PDS MESH response columns in order, then ours', () => {
    expect(header).toEqual([
      ...PDS_MESH_RESPONSE_COLUMNS,
      'TRACE_OUTCOME',
      'MATCH_WEIGHT',
      'MATCH_PROBABILITY',
      'EXPLANATION',
    ]);
  });

  it('answers every row, in file order, with the expected code and outcome', () => {
    const got = Object.fromEntries(
      Object.keys(EXPECTED).map((ref) => {
        const r = row(ref);
        return [ref, [r['ERROR/SUCCESS_CODE'], r['TRACE_OUTCOME']]];
      }),
    );
    expect(got).toEqual(EXPECTED);
    expect(row('CROSS', 1)['ERROR/SUCCESS_CODE']).toBe('08');
    expect(rows.find((r) => r['UNIQUE REFERENCE'] === '')?.['ERROR/SUCCESS_CODE']).toBe('10');
    expect(rows).toHaveLength(Object.keys(EXPECTED).length + 2);
  });

  it('returns the current number and demographics of matched people', () => {
    expect(row('CROSS')).toMatchObject({
      MATCHED_NHS_NO: n(0),
      MATCHED_ALGORITHM_INDICATOR: '1',
      MATCHED_CONFIDENCE_PERCENTAGE: '100',
      FAMILY_NAME: 'Simpson',
      DATE_OF_BIRTH: '19560512',
      POSTCODE: 'LS1 6AE',
      ADDRESS_LINE1: '742 Evergreen Terrace',
      LOCAL_PATIENT_ID: 'L1',
    });
    expect(row('ALPHA')['MATCHED_ALGORITHM_INDICATOR']).toBe('3');
    expect(row('SUPERSEDED')).toMatchObject({ REQ_NHS_NUMBER: SUPERSEDED, MATCHED_NHS_NO: n(3) });
    expect(row('DECEASED')['DATE_OF_DEATH']).toBe('20200101');
    expect(Number(row('CROSS')['MATCH_WEIGHT'])).toBeGreaterThan(10);
    expect(row('CROSS')['EXPLANATION']).toMatch(/nhs-number=exact\+\d/);
  });

  it('withholds a restricted person’s address, postcode, GP and contact details', () => {
    const r = row('RESTRICTED');
    expect(r).toMatchObject({
      MATCHED_NHS_NO: n(4),
      SENSITIVITY_FLAG: 'R',
      FAMILY_NAME: 'Krabappel',
    });
    const withheld = [
      'ADDRESS_LINE1',
      'ADDRESS_LINE2',
      'POSTCODE',
      'GP_PRACTICE_CODE',
      'TELEPHONE_NUMBER',
    ];
    expect(withheld.map((c) => r[c])).toEqual(withheld.map(() => ''));
  });

  it('answers a row that lands on an invalidated record 91, with 0000000000 and no demographics', async () => {
    const r = row('INVALIDATED');
    expect(r).toMatchObject({
      REQ_NHS_NUMBER: n(9),
      LOCAL_PATIENT_ID: 'L9',
      MATCHED_NHS_NO: '0000000000',
      MATCHED_ALGORITHM_INDICATOR: '0',
      MATCHED_CONFIDENCE_PERCENTAGE: '',
      MATCH_WEIGHT: '',
      MATCH_PROBABILITY: '',
      EXPLANATION: 'landed on an invalidated record; its details are withheld',
    });
    const demographics = [
      'FAMILY_NAME',
      'GIVEN_NAME',
      'GENDER',
      'DATE_OF_BIRTH',
      'ADDRESS_LINE1',
      'POSTCODE',
      'GP_PRACTICE_CODE',
      'SENSITIVITY_FLAG',
    ];
    expect(demographics.map((c) => r[c])).toEqual(demographics.map(() => ''));
    const unmatched = await csv('response.unmatched.csv');
    expect(unmatched.find((u) => u['UNIQUE REFERENCE'] === 'INVALIDATED')).toMatchObject({
      TRACE_OUTCOME: 'no-match',
      'ERROR/SUCCESS_CODE': '91',
      REASON: 'invalidated-record',
    });
    const load = await csv('response.load.csv');
    expect(load.find((l) => l['UNIQUE REFERENCE'] === 'INVALIDATED')).toMatchObject({
      NHS_NUMBER: '',
      NHS_NUMBER_STATUS_INDICATOR: '04',
      CHANGED_FIELDS: '',
    });
    const conflicts = await csv('response.conflicts.csv');
    expect(conflicts.filter((c) => c['UNIQUE REFERENCE'] === 'INVALIDATED')).toEqual([]);
    expect(result.report.codes.find((c) => c.code === '91')).toMatchObject({
      count: 1,
      label: 'Matched an invalidated record (demographics withheld)',
    });
  });

  it('gives review, multiple and no-match rows no NHS Number', () => {
    for (const r of rows.filter((x) => ['review', 'multiple'].includes(x['TRACE_OUTCOME'] ?? ''))) {
      expect(r['MATCHED_NHS_NO']).toBe('9999999999');
      expect(r['FAMILY_NAME']).toBe('');
    }
    expect(row('NOBODY')['MATCHED_NHS_NO']).toBe('0000000000');
    expect(row('THIN')['MATCHED_NHS_NO']).toBe('');
  });

  it('reports a supplied number whose date of birth disagrees as a conflict, not a match', async () => {
    const conflicts = await csv('response.conflicts.csv');
    expect(conflicts.find((c) => c['UNIQUE REFERENCE'] === 'CONFLICT')).toMatchObject({
      NHS_NUMBER: n(6),
      CONFLICT: 'supplied-number-birth-date-differs',
      LOCAL_VALUE: '19700101',
      REGISTER_VALUE: '19650401',
    });
    const kinds = conflicts.map((c) => `${c['UNIQUE REFERENCE'] ?? ''}:${c['CONFLICT'] ?? ''}`);
    expect(kinds).toEqual(
      expect.arrayContaining(['SUPERSEDED:superseded-number', 'DECEASED:date-of-death']),
    );
    expect(kinds.filter((k) => k.startsWith('RESTRICTED:'))).toEqual([]);
  });

  it('writes the unmatched, duplicates and load files', async () => {
    const unmatched = await csv('response.unmatched.csv');
    expect(unmatched.map((u) => u['UNIQUE REFERENCE'])).toContain('NOBODY');
    expect(unmatched.find((u) => u['UNIQUE REFERENCE'] === 'TWIN')?.['REASON']).toMatch(
      /possible-twin/,
    );
    const duplicates = await csv('response.duplicates.csv');
    expect(duplicates).toEqual([
      {
        NHS_NUMBER: n(0),
        'UNIQUE REFERENCE': 'ALPHA',
        LOCAL_PATIENT_ID: 'L2',
        FIRST_REFERENCE: 'CROSS',
        FIRST_LOCAL_PATIENT_ID: 'L1',
      },
    ]);
    const load = await csv('response.load.csv');
    const status = Object.fromEntries(
      load
        .map((l): [string, string] => [
          l['UNIQUE REFERENCE'] ?? '',
          l['NHS_NUMBER_STATUS_INDICATOR'] ?? '',
        ])
        .reverse(),
    );
    expect(status).toMatchObject({
      CROSS: '01',
      CONFLICT: '05',
      TWIN: '05',
      NOBODY: '04',
      GENDERX: '03',
    });
    expect(load.find((l) => l['UNIQUE REFERENCE'] === 'CONFLICT')?.['NHS_NUMBER']).toBe('');
  });

  it('saves the model used and a report whose counts add up', async () => {
    const saved = parseModel(await readFile(join(folder, 'response.model.json'), 'utf8'));
    expect(saved.success).toBe(true);
    const report = JSON.parse(
      await readFile(join(folder, 'response.report.json'), 'utf8'),
    ) as typeof result.report;
    expect(report.rows).toBe(rows.length);
    const sum = Object.values(report.outcomes).reduce((s, o) => s + o.count, 0);
    expect(sum).toBe(rows.length);
    expect(report.outcomes.matched.count).toBe(5);
    expect(report.coverage.after.count).toBe(5);
    expect(report.coverage.before.count).toBe(
      rows.filter((r) => r['REQ_NHS_NUMBER'] !== '' && r['ERROR/SUCCESS_CODE'] !== '08').length,
    );
    expect(report.codes.map((c) => c.code)).toEqual([...report.codes.map((c) => c.code)].sort());
    expect(result.report.model.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('reads any CSV through a column mapping and date format', async () => {
    const mapping = parseMappingSpec(
      'reference=Case,family=Surname,given=First,gender=Sex,dob=Born',
    );
    if (!mapping.success) {
      throw new Error(mapping.issues[0]?.message);
    }
    const cases = join(folder, 'cases');
    await mkdir(cases);
    await writeFile(
      join(cases, 'cases.csv'),
      'Case,Surname,First,Sex,Born\nC1,Simpson,Homer,M,12/05/1956\n',
    );
    const mapped = await runTrace(
      () => Promise.resolve(inMemoryBackend(traceRegisterFrom(TRACE_REGISTER))),
      {
        requestPath: join(cases, 'cases.csv'),
        outPath: join(cases, 'out.csv'),
        model: versionModel(defaultModel(), false),
        mapping: mapping.data,
        dateFormat: 'DD/MM/YYYY',
        startedAt: '2026-01-01T00:00:00.000Z',
      },
    );
    expect(mapped.success && mapped.data.report.outcomes.matched.count).toBe(1);
    const [traced] = table(await readFile(join(cases, 'out.csv'), 'utf8')).rows;
    expect(traced).toMatchObject({ 'UNIQUE REFERENCE': 'C1', MATCHED_NHS_NO: n(0) });
  });

  it('leaves no .partial files behind', async () => {
    const names = await readdir(folder);
    expect(names.filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(names.filter((f) => f.startsWith('response'))).toHaveLength(8);
  });
});
