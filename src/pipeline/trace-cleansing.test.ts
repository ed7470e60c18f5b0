import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOAD_COLUMNS, readFirstHolders } from './trace-cleansing.js';

let folder = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trace-cleansing-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('readFirstHolders', () => {
  it('rebuilds the first holder of each matched number from the load file, up to a length', async () => {
    const header = stringify([LOAD_COLUMNS]);
    const rows = stringify([
      ['R1', 'L1', '9990000018', '01', ''],
      ['R2', 'L2', '', '04', ''],
      ['R3, "quoted"', 'L\n3', '9990000026', '01', 'address'],
      ['R4', 'L4', '9990000018', '01', ''],
    ]);
    const later = stringify([['R5', 'L5', '9990000034', '01', '']]);
    const path = join(folder, 'load.csv.partial');
    await writeFile(path, header + rows + later);
    const holders = await readFirstHolders(path, Buffer.byteLength(header + rows));
    expect([...holders]).toEqual([
      ['9990000018', { reference: 'R1', local: 'L1' }],
      ['9990000026', { reference: 'R3, "quoted"', local: 'L\n3' }],
    ]);
    expect(await readFirstHolders(path, 0)).toEqual(new Map());
  });
});
