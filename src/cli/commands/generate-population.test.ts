import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fromFhirPatient } from '../../formats/fhir-patient.js';
import { REGISTER_CSV_COLUMNS, fromRegisterCsvRow } from '../../formats/register-csv.js';
import { runCli } from '../test-support/run-cli.js';

let folder = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'generate-population-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

const files = async (dir: string): Promise<[string, string]> => [
  await readFile(join(dir, 'register.ndjson'), 'utf8'),
  await readFile(join(dir, 'register.csv'), 'utf8'),
];

describe('nhs-trace generate population', () => {
  it('writes the same people to register.ndjson and register.csv, and says so', async () => {
    const out = join(folder, 'a');
    const result = await runCli(
      'generate',
      'population',
      '--people',
      '600',
      '--seed',
      '5',
      '--out',
      out,
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^wrote 600 people to .*register\.ndjson, register\.csv/);
    const [ndjson, csv] = await files(out);
    const lines = ndjson.trimEnd().split('\n');
    expect(lines).toHaveLength(600);
    const fromJson = lines.map((line) => fromFhirPatient(JSON.parse(line)));
    const rows = parse<Record<string, string>>(csv, { columns: true });
    expect(Object.keys(rows[0]!)).toEqual([...REGISTER_CSV_COLUMNS]);
    expect(rows.map((row) => fromRegisterCsvRow(row))).toEqual(fromJson);
    expect(fromJson.every((r) => r.success)).toBe(true);
  });

  it('writes byte-identical files for the same seed, and different ones for another', async () => {
    const args = ['generate', 'population', '--people', '300', '--out'];
    await runCli(...args, join(folder, 's1'), '--seed', '9');
    await runCli(...args, join(folder, 's2'), '--seed', '9');
    await runCli(...args, join(folder, 's3'), '--seed', '10');
    const [first, second, third] = await Promise.all(
      ['s1', 's2', 's3'].map((d) => files(join(folder, d))),
    );
    expect(second).toEqual(first);
    expect(third![0]).not.toEqual(first![0]);
    expect(third![1]).not.toEqual(first![1]);
  });

  it('prints help with exit code 0', async () => {
    const result = await runCli('generate', 'population', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--people <n>');
    expect(result.stdout).toContain('register.ndjson');
  });

  it.each([
    [['--people', '0', '--out', 'x'], '--people must be from 1'],
    [
      ['--people', 'lots', '--out', 'x'],
      "--people must be a whole number of 0 or more, not 'lots'",
    ],
    [
      ['--people', '10', '--seed', '4294967296', '--out', 'x'],
      '--seed must be from 0 to 4294967295',
    ],
    [['--people', '10'], "required option '--out <dir>' not specified"],
  ])('exits 2 on bad arguments %j', async (args, message) => {
    const result = await runCli('generate', 'population', ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('exits 2 naming the path when the output folder cannot be made', async () => {
    const blocker = join(folder, 'a-file');
    await writeFile(blocker, 'not a folder');
    const result = await runCli(
      'generate',
      'population',
      '--people',
      '5',
      '--out',
      join(blocker, 'out'),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^nhs-trace: .*a-file\/out: cannot write/);
  });
});
