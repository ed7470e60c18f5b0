import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RegisterPerson } from '../core/person.js';
import { PDS_MESH_REQUEST_COLUMNS } from '../formats/pds-mesh-columns.js';
import { ERROR_RATES } from '../synthetic/requests/error-rates.js';
import {
  generateRequests,
  type GeneratedRequest,
} from '../synthetic/requests/generate-requests.js';
import { RegisterPools } from '../synthetic/requests/register-pools.js';
import { createRng } from '../synthetic/rng.js';
import { testPeople } from '../synthetic/requests/test-people.js';
import { openRequestStream, type SourceRow } from './request-source.js';

async function* stream(people: readonly RegisterPerson[]): AsyncGenerator<RegisterPerson> {
  for (const person of people) {
    yield Promise.resolve(person);
  }
}

/** A request file as `generate requests` writes it, and the generator's ground truth. */
async function generated(requests: number, seed: number): Promise<GeneratedRequest[]> {
  const people = testPeople(3000);
  const rng = createRng(seed);
  const pools = new RegisterPools(rng);
  people.forEach((person) => {
    pools.observe(person);
  });
  const out: GeneratedRequest[] = [];
  for await (const r of generateRequests(stream(people), {
    requests,
    rates: ERROR_RATES,
    rng,
    pools,
  })) {
    out.push(r);
  }
  return out;
}

function csvLine(request: GeneratedRequest): string {
  return stringify([PDS_MESH_REQUEST_COLUMNS.map((c) => request.row[c])]);
}

async function readRows(text: Buffer): Promise<SourceRow[]> {
  const opened = await openRequestStream(Readable.from([text]), 'requests.csv', {
    today: '2026-11-22',
  });
  if (!opened.success) {
    throw new Error(opened.issues[0]?.message);
  }
  const rows: SourceRow[] = [];
  for await (const row of opened.data.rows()) {
    rows.push(row);
  }
  return rows;
}

/**
 * Error patterns that can leave a row too thin to trace (96): a generated row can lose its
 * given name, gender, postcode and date of birth, and never carries a bad reference or an
 * impossible date.
 */
const THINNING = new Set([
  'givenNameMissing',
  'genderMissing',
  'postcodeMissing',
  'dobMissing',
  'givenNameInitialOnly',
]);

describe('request files from the synthetic request generator', () => {
  let requests: GeneratedRequest[] = [];
  beforeAll(async () => {
    requests = await generated(4000, 21);
  });

  it('parse row for row, in order, and only rows the generator thinned out fail (with 96)', async () => {
    const file = Buffer.from(
      stringify([PDS_MESH_REQUEST_COLUMNS]) + requests.map(csvLine).join(''),
    );
    const rows = await readRows(file);
    expect(rows).toHaveLength(requests.length);
    rows.forEach((row, i) => {
      const truth = requests[i]?.truth;
      expect(row.row['UNIQUE REFERENCE']).toBe(truth?.reference);
      expect(row.lineNumber).toBe(i + 2);
      if (!row.result.success) {
        expect(row.result.issues.map((issue) => issue.code)).toEqual(['96']);
        expect(truth?.errors.some((e) => THINNING.has(e))).toBe(true);
      }
    });
    const failed = rows.filter((row) => !row.result.success).length;
    expect(failed / rows.length).toBeLessThan(0.002);
    const mistyped = rows.filter((_, i) => requests[i]?.truth.errors.includes('nhsNumberMistyped'));
    expect(mistyped.length).toBeGreaterThan(0);
    for (const row of mistyped) {
      expect(row.result.success && row.result.data.nhsNumber?.status).toBe('invalid');
    }
  });

  it('flags exactly the rows corrupted after generation, and reads the rest as before', async () => {
    const lines = requests.slice(0, 300).map(csvLine);
    const corrupt = new Map<number, string>([
      [10, lines[10]?.replace(/\n$/, ',extra\n') ?? ''], // 17
      [20, `${lines[20]?.split(',').slice(0, 5).join(',') ?? ''}\n`], // 16
      [30, lines[5] ?? ''], // 08: reference of row 5 again
      [40, lines[40]?.replace(/,[12],(\d{8}),/, ',7,$1,') ?? ''], // 12 (gender 1 or 2 → 7)
      [50, lines[50]?.replace(/,(\d{4})\d{4},/, ',$11332,') ?? ''], // 13: 32 December
    ]);
    const text = Buffer.concat([
      Buffer.from(stringify([PDS_MESH_REQUEST_COLUMNS])),
      ...lines.map((line, i) => Buffer.from(corrupt.get(i) ?? line)),
    ]);
    const before = await readRows(
      Buffer.from(stringify([PDS_MESH_REQUEST_COLUMNS]) + lines.join('')),
    );
    const rows = await readRows(text);
    const codes = new Map(
      rows.flatMap((row) =>
        row.result.success ? [] : [[row.rowIndex, row.result.issues[0]?.code]],
      ),
    );
    const cleanFailures = new Map(
      before.flatMap((row) =>
        row.result.success ? [] : [[row.rowIndex, row.result.issues[0]?.code]],
      ),
    );
    expect(Object.fromEntries(codes)).toEqual({
      ...Object.fromEntries(cleanFailures),
      10: '17',
      20: '16',
      30: '08',
      40: '12',
      50: '13',
    });
  });
});
