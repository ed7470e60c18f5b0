import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli, type CliRun } from '../test-support/run-cli.js';

let folder = '';

/** Two tiny files: three people each side, written with a space after each comma. */
const LEFT = 'ref, name, born\nL1, ada, 19500101\nL2, bo, 19600202\nL3, cy, 19700303\n';
const RIGHT = 'ref, name, born\nR1, ada, 19500101\nR2, bo, 19600220\nR3, di, 19800404\n';
const SETTINGS = {
  idColumn: 'ref',
  comparisons: [
    { column: 'name', type: 'exact' },
    { column: 'born', type: 'date-yyyymmdd' },
  ],
  blocking: [{ on: ['name'] }, { on: ['born'] }],
  training: {
    uPairs: 200,
    lambdaRules: [{ on: ['name', 'born'] }],
    recall: 0.5,
    emBlocking: [{ on: ['name'] }, { on: ['born'] }],
  },
};

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'link-cli-'));
  await writeFile(join(folder, 'left.csv'), LEFT);
  await writeFile(join(folder, 'right.csv'), RIGHT);
  await writeFile(join(folder, 'settings.json'), JSON.stringify(SETTINGS));
  const missing = {
    ...SETTINGS,
    comparisons: [...SETTINGS.comparisons, { column: 'postcode', type: 'exact' }],
  };
  await writeFile(join(folder, 'missing.json'), JSON.stringify(missing));
  await writeFile(join(folder, 'broken.json'), '{ "idColumn": ');
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function run(...args: string[]): Promise<CliRun> {
  return runCli('link', ...args);
}

const file = (name: string): string => join(folder, name);

describe('nhs-trace link', () => {
  it('writes scored pairs to --out and prints a summary', async () => {
    const out = file('pairs.csv');
    const result = await run(
      file('left.csv'),
      file('right.csv'),
      '--settings',
      file('settings.json'),
      '--out',
      out,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/left .*left\.csv: 3 rows; right .*right\.csv: 3 rows/);
    expect(result.stdout).toMatch(/blocking name: 2 pairs, 2 new\nblocking born: 1 pairs, 0 new/);
    expect(result.stdout).toMatch(/written to .*pairs\.csv/);
    const lines = (await readFile(out, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('left_id,right_id,match_weight,match_probability,level_name,level_born');
    expect(lines.slice(1).sort()).toEqual([
      expect.stringMatching(/^L1,R1,[\d.]+,[\d.]+,exact,exact$/),
      expect.stringMatching(/^L2,R2,[\d.]+,[\d.]+,exact,dl-1$/),
    ]);
  });

  it('writes the pairs to standard output and the summary to standard error without --out', async () => {
    const result = await run(
      file('left.csv'),
      file('right.csv'),
      '--settings',
      file('settings.json'),
      '--threshold',
      '-100',
    );
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(
      'left_id,right_id,match_weight,match_probability,level_name,level_born',
    );
    expect(result.stdout).toContain('L2,R2,');
    expect(result.stderr).toMatch(/at match weight ≥ -100/);
  });

  it('exits 2 naming the file and the column when a settings column is missing', async () => {
    const result = await run(
      file('left.csv'),
      file('right.csv'),
      '--settings',
      file('missing.json'),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file('left.csv')}: no column 'postcode'`);
    expect(result.stderr).toContain(`${file('right.csv')}: no column 'postcode'`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [['--settings', 'broken.json'], /broken\.json: .*JSON/],
    [['--settings', 'settings.json', '--threshold', 'high'], /--threshold must be a match weight/],
  ])('exits 2 on %j', async (options, message) => {
    const args = options.map((o) => (o.endsWith('.json') ? file(o) : o));
    const result = await run(file('left.csv'), file('right.csv'), ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
