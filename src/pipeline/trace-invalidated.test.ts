import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterPerson } from '../core/person.js';
import { emptyRequestRow, PDS_MESH_REQUEST_COLUMNS } from '../formats/pds-mesh-columns.js';
import type { PdsMeshRequestColumn } from '../formats/pds-mesh-columns.js';
import { defaultModel } from '../matching/index.js';
import type { DuckDbRegisterStore } from '../storage/duckdb/duckdb-register-store.js';
import type { MatchIndex } from '../storage/match-index.js';
import { indexedMemoryRegister } from '../storage/test-support/memory-index.js';
import { testNhsNumber as n } from '../storage/test-support/register-people.js';
import type { SourceRow } from './request-source.js';
import { readSourceRows } from './test-support/source-rows.js';
import { allAnswers, inMemoryBackend } from './trace-backend.js';
import type { RowTrace } from './trace-decide.js';
import { traceRegisterFrom } from './trace-register.js';
import { sqlBackend } from './trace-sql-backend.js';
import { TRACE_REGISTER, traceRequestFile } from './test-support/trace-fixtures.js';

/**
 * Code 91 by both executions (in memory and set-based SQL over the match index, whose person
 * JSON must carry the flag), by the cascade and by the probabilistic step, against the fixture
 * register's invalidated record of Robert Terwilliger (n(9)).
 */

const settings = { model: defaultModel(), dateFormat: 'YYYYMMDD' as const };
const TERWILLIGER = n(9);

type Cells = Partial<Record<PdsMeshRequestColumn, string>>;
const ROWS: readonly Cells[] = [
  // Cross-check: his number and date of birth.
  { 'UNIQUE REFERENCE': 'CROSS', NHS_NO: TERWILLIGER, DATE_OF_BIRTH: '19620314' },
  // No number, a misspelt family name: no exact trace, only the probabilistic step finds him.
  {
    'UNIQUE REFERENCE': 'FUZZY',
    FAMILY_NAME: 'Terwiliger',
    GIVEN_NAME: 'Robert',
    GENDER: '1',
    DATE_OF_BIRTH: '19620314',
    ADDRESS_LINE1: '3 Sideshow Close',
    POSTCODE: 'LS9 5EE',
  },
  // His number with another date of birth: his date is never compared or written anywhere.
  {
    'UNIQUE REFERENCE': 'OTHERDOB',
    NHS_NO: TERWILLIGER,
    DATE_OF_BIRTH: '19700101',
    FAMILY_NAME: 'Terwilliger',
  },
];

function sourceRows(csv: Buffer | string): Promise<SourceRow[]> {
  return readSourceRows(csv, { today: '2026-01-01' });
}

const requestCsv = (rows: readonly Cells[]): string =>
  stringify([
    [...PDS_MESH_REQUEST_COLUMNS],
    ...rows.map((cells) =>
      PDS_MESH_REQUEST_COLUMNS.map((c) => ({ ...emptyRequestRow(), ...cells })[c]),
    ),
  ]);

const valid: RegisterPerson[] = TRACE_REGISTER.map((p) => {
  const copy = { ...p };
  delete copy.invalidated;
  return copy;
});

let store: DuckDbRegisterStore;
let index: MatchIndex;

beforeAll(async () => {
  ({ store, index } = await indexedMemoryRegister(TRACE_REGISTER));
}, 60_000);

afterAll(async () => {
  await index.close();
  await store.close();
});

const byReference = (traces: readonly RowTrace[], rows: readonly SourceRow[]) =>
  new Map(traces.map((t, i) => [rows[i]?.row['UNIQUE REFERENCE'] ?? '', t]));

describe('a trace that lands on an invalidated record', () => {
  it('would match him by cross-check and by the probabilistic step were he valid', async () => {
    const rows = await sourceRows(requestCsv(ROWS));
    const traces = allAnswers(
      await inMemoryBackend(traceRegisterFrom(valid)).tracer(settings).trace(rows),
    );
    const got = byReference(traces, rows);
    expect(got.get('CROSS')?.answer).toMatchObject({ code: '00', algorithmIndicator: '1' });
    expect(got.get('FUZZY')?.answer).toMatchObject({ code: '00', algorithmIndicator: '4' });
    expect(got.get('OTHERDOB')?.answer).toMatchObject({ code: '97', outcome: 'review' });
    expect(got.get('OTHERDOB')?.conflicts[0]).toMatchObject({ register: '19620314' });
  });

  it('answers 91, 0000000000 and no demographics, the same in memory and in SQL', async () => {
    const rows = await sourceRows(requestCsv(ROWS));
    const memory = allAnswers(
      await inMemoryBackend(traceRegisterFrom(TRACE_REGISTER)).tracer(settings).trace(rows),
    );
    const sql = allAnswers(await sqlBackend(index).tracer(settings).trace(rows));
    expect(sql).toEqual(memory);
    const got = byReference(memory, rows);
    for (const reference of ['CROSS', 'FUZZY']) {
      const traced = got.get(reference);
      expect(traced?.answer).toEqual({
        code: '91',
        outcome: 'no-match',
        matchedNhsNumber: '0000000000',
        algorithmIndicator: '0',
        confidence: '',
        explanation: 'landed on an invalidated record; its details are withheld',
      });
      expect(traced?.reasons).toEqual(['invalidated-record']);
      expect(traced?.conflicts).toEqual([]);
    }
    const other = got.get('OTHERDOB');
    expect(other?.answer.code).not.toBe('91');
    expect(JSON.stringify([other?.answer, other?.conflicts])).not.toContain('19620314');
  });

  it('answers every row of the golden request file the same in memory and in SQL', async () => {
    const rows = await sourceRows(traceRequestFile());
    const memory = allAnswers(
      await inMemoryBackend(traceRegisterFrom(TRACE_REGISTER)).tracer(settings).trace(rows),
    );
    const sql = allAnswers(await sqlBackend(index).tracer(settings).trace(rows));
    expect(sql).toEqual(memory);
    expect(byReference(memory, rows).get('INVALIDATED')?.answer.code).toBe('91');
  });
});
