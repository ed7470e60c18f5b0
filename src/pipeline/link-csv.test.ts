import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseLinkSettings, type LinkSettings } from '../matching/generic/index.js';
import { accuracyAt, bestF1, febrlEntity } from './link-csv-evaluate.js';
import { readCsvTable } from './link-csv-read.js';
import { linkCsvFiles, type ScoredPair } from './link-csv.js';

/** Hand-made people; the right file has the same people with typos, blanks and swaps, plus strangers. */
const LEFT = `id, first, last, dob, town
a1, olivia, hartley, 19810214, leeds
a2, george, okafor, 19750630, york
a3, amelia, brennan, 19920111, hull
a4, harry, sandhu, 19680905, bradford
a5, isla, whitcombe, 20010322, ripon
a6, jack, fenwick, 19590717, selby
a7, freya, castellano, 19880404, whitby
a8, noah, pemberton, 19700101, goole
a9, mia, thackeray, 19951230, otley
a10, leo, abernathy, 19830808, ilkley
`;
const RIGHT = `id, first, last, dob, town
b1, olivia, hartly, 19810214, leeds
b2, george, okafor, 19750603, york
b3, amelia, , 19920111, hull
b4, sandhu, harry, 19680905, bradford
b5, isla, whitcombe, 20010322, harrogate
b6, jak, fenwick, 19590717, selby
b7, freya, castellano, , whitby
b8, noah, pemberton, 19700101, goole
b9, mya, thackeray, 19951230, otley
b10, leo, abernathy, 19830808, ilkley
x1, olivia, brennan, 19640229, hull
x2, harry, okafor, 19990909, leeds
x3, tom, fenwick, 19451111, selby
`;

const SETTINGS = {
  idColumn: 'id',
  comparisons: [
    { column: 'first', type: 'jaro-winkler', tf: true },
    { column: 'last', type: 'jaro-winkler', tf: true },
    { column: 'dob', type: 'date-yyyymmdd' },
    { column: 'town', type: 'exact' },
  ],
  blocking: [
    { on: ['first'] },
    { on: ['last'] },
    { on: ['dob'] },
    { on: [{ left: 'first', right: 'last' }] },
  ],
  training: {
    uPairs: 5000,
    lambdaRules: [{ on: ['first', 'last', 'dob'] }],
    recall: 0.5,
    emBlocking: [{ on: ['dob'] }, { on: ['town'] }],
  },
};

function settings(json: unknown): LinkSettings {
  const parsed = parseLinkSettings(json);
  if (!parsed.success) {
    throw new Error(parsed.issues.map((i) => i.message).join('; '));
  }
  return parsed.data;
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'link-csv-'));
  await writeFile(join(dir, 'left.csv'), LEFT);
  await writeFile(join(dir, 'right.csv'), RIGHT);
});

describe('linkCsvFiles on a hand-made pair of files', () => {
  it('links every person to their own record above weight 0 and no stranger', async () => {
    // a4/b4 have given and family names swapped: a candidate (blocked first = last) but the
    // generic comparisons have no columns-reversed level, so both names weigh as disagreeing.
    const out = join(dir, 'pairs.csv');
    const result = await linkCsvFiles({
      leftPath: join(dir, 'left.csv'),
      rightPath: join(dir, 'right.csv'),
      settings: settings(SETTINGS),
      out,
    });
    expect(result.success).toBe(true);
    const rows = parse<Record<string, string>>(await readFile(out, 'utf8'), { columns: true });
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'left_id',
      'right_id',
      'match_weight',
      'match_probability',
      'level_first',
      'level_last',
      'level_dob',
      'level_town',
    ]);
    const linked = rows.map((r) => `${r['left_id']}-${r['right_id']}`).sort();
    expect(linked).toEqual(
      ['a1-b1', 'a10-b10', 'a2-b2', 'a3-b3', 'a5-b5', 'a6-b6', 'a7-b7', 'a8-b8', 'a9-b9'].sort(),
    );
    const weights = rows.map((r) => Number(r['match_weight']));
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    const a3 = rows.find((r) => r['left_id'] === 'a3');
    expect(a3?.['level_last']).toBe('null');
    const scored = result.success ? result.data.run.scored : [];
    expect(scored.length).toBeGreaterThan(rows.length);
    expect(scored.find((p) => p.left === 3 && p.right === 3)?.weight).toBeLessThan(0);
  });

  it('names the file and the column when a column in the settings is missing', async () => {
    const bad = {
      ...SETTINGS,
      comparisons: [...SETTINGS.comparisons, { column: 'nhs', type: 'exact' }],
    };
    const result = await linkCsvFiles({
      leftPath: join(dir, 'left.csv'),
      rightPath: join(dir, 'right.csv'),
      settings: settings(bad),
    });
    expect(result.success).toBe(false);
    const messages = result.success ? [] : result.issues.map((i) => i.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/left\.csv: no column 'nhs'/);
    expect(messages[1]).toMatch(/right\.csv: no column 'nhs'/);
  });

  it('reports a missing input file', async () => {
    const result = await linkCsvFiles({
      leftPath: join(dir, 'absent.csv'),
      rightPath: join(dir, 'right.csv'),
      settings: settings(SETTINGS),
    });
    expect(result.success ? '' : result.issues[0]?.message).toMatch(/absent\.csv: .*ENOENT/);
  });
});

describe('readCsvTable', () => {
  it.each([
    ['short.csv', 'id, a\nx, 1\ny\n', /short\.csv: .*line 3/],
    ['empty.csv', '', /empty\.csv: the file is empty/],
    ['twice.csv', 'id, a, a\nx, 1, 2\n', /twice\.csv: column 'a' appears twice/],
  ])('rejects %s, naming the file', async (name, text, message) => {
    await writeFile(join(dir, name), text);
    const table = await readCsvTable(join(dir, name));
    expect(table.success ? '' : table.issues[0]?.message).toMatch(message);
  });
  it('trims the space after each comma, in the header and the values', async () => {
    const table = await readCsvTable(join(dir, 'left.csv'));
    expect(table.success && table.data.header).toEqual(['id', 'first', 'last', 'dob', 'town']);
    expect(table.success && table.data.rows[0]).toEqual({
      id: 'a1',
      first: 'olivia',
      last: 'hartley',
      dob: '19810214',
      town: 'leeds',
    });
  });
});

describe('accuracy helpers', () => {
  const pair = (left: number, right: number, weight: number): ScoredPair => ({
    left,
    right,
    weight,
    probability: 0.5,
    levels: [],
  });
  const scored = [pair(0, 0, 9), pair(1, 1, 3), pair(1, 2, 1), pair(2, 2, -2), pair(3, 0, -5)];
  const isTrue = (p: ScoredPair): boolean => p.left === p.right;
  it('counts TP, FP and FN at a threshold, blocking misses included', () => {
    expect(accuracyAt(scored, isTrue, 4, 0)).toMatchObject({
      truePositives: 2,
      falsePositives: 1,
      falseNegatives: 2,
      precision: 2 / 3,
      recall: 0.5,
    });
  });
  it('finds the best-F1 threshold on the labels', () => {
    expect(bestF1(scored, isTrue, 3)).toMatchObject({
      threshold: -2,
      truePositives: 3,
      falsePositives: 1,
    });
  });
  it('reads FEBRL entities', () => {
    expect(febrlEntity('rec-1070-org')).toBe('rec-1070');
    expect(febrlEntity('rec-1070-dup-0')).toBe('rec-1070');
    expect(febrlEntity('other')).toBe('other');
  });
});
