import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRequestFile } from './request-source.js';
import { inMemoryBackend } from './trace-backend.js';
import { estimateBlocking, estimateLines } from './trace-estimate.js';
import { traceRegisterFrom } from './trace-register.js';
import { requestCsv, TRACE_REGISTER } from './test-support/trace-fixtures.js';

const ROWS = 40_000;
/** Ten request rows, repeated: every slice of ten rows blocks alike, so the file scales exactly. */
const PATTERN = [
  { FAMILY_NAME: 'Simpson', GIVEN_NAME: 'Homer', GENDER: '1', DATE_OF_BIRTH: '19560512' },
  { FAMILY_NAME: 'Simpson', GIVEN_NAME: 'Marge', GENDER: '2', DATE_OF_BIRTH: '19561001' },
  { FAMILY_NAME: 'Flanders', GIVEN_NAME: 'Ned', GENDER: '1', POSTCODE: 'LS2 7QQ' },
  { FAMILY_NAME: 'Jones', GIVEN_NAME: 'Oliver', GENDER: '1', DATE_OF_BIRTH: '19300101' },
  { FAMILY_NAME: 'Taylor', GIVEN_NAME: 'Amelia', GENDER: '2', DATE_OF_BIRTH: '19310202' },
  { FAMILY_NAME: 'Nobody', GIVEN_NAME: 'Zed', GENDER: '9', DATE_OF_BIRTH: '20010101' },
  { FAMILY_NAME: 'Brown', GIVEN_NAME: 'George', GENDER: '1', POSTCODE: 'LS12 2AA' },
  { FAMILY_NAME: 'Wilson', GIVEN_NAME: 'Isla', GENDER: '2', DATE_OF_BIRTH: '19330404' },
  { FAMILY_NAME: 'Evans', GIVEN_NAME: 'Harry', GENDER: '1', DATE_OF_BIRTH: '19340505' },
  { FAMILY_NAME: 'Thomas', GIVEN_NAME: 'Ava', GENDER: '2', DATE_OF_BIRTH: '19350606' },
];

let folder = '';
const path = (): string => join(folder, 'requests.csv');
const backend = inMemoryBackend(traceRegisterFrom(TRACE_REGISTER));

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trace-estimate-'));
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    'UNIQUE REFERENCE': `R${String(i).padStart(6, '0')}`,
    ...PATTERN[i % PATTERN.length],
  }));
  await writeFile(path(), requestCsv(rows));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function estimate(sample: number) {
  const opened = await openRequestFile(path(), { dateFormat: 'YYYYMMDD' });
  if (!opened.success) {
    throw new Error('cannot open');
  }
  return estimateBlocking(opened.data, backend, { dateFormat: 'YYYYMMDD', sample });
}

describe('estimateBlocking', () => {
  it('counts every row when the sample holds the whole file', async () => {
    const whole = await estimate(ROWS + 1);
    expect(whole.sampleRows).toBe(ROWS);
    expect(whole.estimatedRows).toBe(ROWS);
    expect(whole.totalPairs).toBeGreaterThan(ROWS);
    expect(estimateLines(whole)[0]).toMatch(/estimated from all 40,000 rows$/);
  });

  it('scales a sample of the first rows to the file by bytes read', async () => {
    const whole = await estimate(ROWS + 1);
    const sampled = await estimate(10_000);
    expect(sampled.sampleRows).toBe(10_000);
    // Bytes read run ahead of the rows taken by at most a read buffer, so the scale is a little low.
    expect(sampled.estimatedRows).toBeGreaterThan(0.9 * ROWS);
    expect(sampled.estimatedRows).toBeLessThanOrEqual(ROWS);
    const perRow = (e: typeof whole): number => e.totalPairs / e.estimatedRows;
    expect(perRow(sampled)).toBeCloseTo(perRow(whole), 4);
    sampled.rules.forEach((rule, i) => {
      expect(rule.pairs / sampled.estimatedRows).toBeCloseTo(
        (whole.rules[i]?.pairs ?? 0) / whole.estimatedRows,
        4,
      );
    });
    expect(estimateLines(sampled)[0]).toMatch(/the first 10,000 rows, scaled to about [\d,]+$/);
  });
});
