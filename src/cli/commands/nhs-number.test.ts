import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../test-support/run-cli.js';

let folder = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'nhs-number-cli-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function csvFile(name: string, content: string): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, content);
  return path;
}

describe('nhs-trace nhs-number validate NUMBER…', () => {
  it('exits 0 and prints each valid number formatted, with its range', async () => {
    const result = await runCli('nhs-number', 'validate', '9434765919', '900-000-0009');
    expect(result).toEqual({
      code: 0,
      stdout: '943 476 5919  valid    unallocated-test\n900 000 0009  valid    unallocated-test\n',
      stderr: '',
    });
  });

  it('exits 1 and gives the reason for each invalid number', async () => {
    const result = await runCli('nhs-number', 'validate', '9434765919', '9876544321', '', '12ab');
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      '943 476 5919  valid    unallocated-test',
      '"9876544321"  invalid  bad-check-digit: the check digit is 1 but Modulus 11 gives 2',
      '""            invalid  empty: no NHS Number given',
      '"12ab"        invalid  non-digit: an NHS Number has only digits (spaces and hyphens are allowed between them)',
      '',
    ]);
  });

  it('prints only invalid numbers and a count with --invalid-only', async () => {
    const result = await runCli(
      'nhs-number',
      'validate',
      '--invalid-only',
      '9434765919',
      '9000000000',
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      '"9000000000"  invalid  bad-check-digit: the check digit is 0 but Modulus 11 gives 9\n',
    );
    expect(result.stderr).toBe('2 numbers checked: 1 valid, 1 invalid\n');
  });

  it.each([
    [[], 'give one or more NHS Numbers, or --csv FILE --column NAME'],
    [['--column', 'x', '9434765919'], '--column and --skip-empty need --csv FILE'],
    [['--csv', 'a.csv', '9434765919'], 'not both'],
    [['--no-such-option'], "unknown option '--no-such-option'"],
  ])('exits 2 for the usage error %j', async (args, message) => {
    const result = await runCli('nhs-number', 'validate', ...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
  });

  it.each([[[]], [['nhs-number']], [['nhs-number', 'validate']]])(
    'prints help for %j --help and exits 0',
    async (args) => {
      const result = await runCli(...args, '--help');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: nhs-trace/);
    },
  );

  it('documents the output and exit codes in validate --help', async () => {
    const { stdout } = await runCli('nhs-number', 'validate', '--help');
    expect(stdout).toContain('--csv <file>');
    expect(stdout).toContain('Exit status: 0 all valid, 1 some invalid, 2 usage or file error.');
  });
});

describe('nhs-trace nhs-number validate --csv FILE --column NAME', () => {
  it('exits 0 for a file of valid numbers, one line per row with its line number', async () => {
    const file = await csvFile('valid.csv', 'id,nhs\n1,9434765919\n2,"900 000 0017"\n');
    const result = await runCli('nhs-number', 'validate', '--csv', file, '--column', 'nhs');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'line 2  943 476 5919  valid    unallocated-test\nline 3  900 000 0017  valid    unallocated-test\n',
    );
    expect(result.stderr).toBe(`${file}: 2 rows checked: 2 valid, 0 invalid\n`);
  });

  it('handles BOM, CRLF, empty cells, blank lines, short rows and quoted newlines', async () => {
    const file = await csvFile(
      'messy.csv',
      '\uFEFFid,NHS_NUMBER,note\r\n' +
        '1,943 476 5919,a\r\n' +
        '2,,b\r\n' +
        '\r\n' +
        '3,9876544321\r\n' +
        '4,9000000025,"two\r\nlines"\r\n' +
        '5,9000000033,c',
    );
    const result = await runCli('nhs-number', 'validate', '--csv', file, '--column', 'NHS_NUMBER');
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      'line 2  943 476 5919  valid    unallocated-test',
      'line 3  ""            invalid  empty: no NHS Number given',
      'line 5  invalid  wrong-column-count: the row has 2 fields, the header 3',
      'line 6  900 000 0025  valid    unallocated-test',
      'line 8  900 000 0033  valid    unallocated-test',
      '',
    ]);
    expect(result.stderr).toBe(`${file}: 5 rows checked: 3 valid, 2 invalid\n`);
  });

  it('reports blank lines as empty cells in a one-column file', async () => {
    const file = await csvFile('one-column.csv', 'nhs\n9434765919\n\n9000000009\n');
    const result = await runCli('nhs-number', 'validate', '--csv', file, '--column', 'nhs');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('line 3  ""            invalid  empty');
    expect(result.stdout).toContain('line 4  900 000 0009  valid');
  });

  it('prints only invalid rows with --invalid-only', async () => {
    const file = await csvFile('some.csv', 'nhs\n9434765919\n9000000015\n9111231130\n');
    const result = await runCli(
      'nhs-number',
      'validate',
      '--csv',
      file,
      '--column',
      'nhs',
      '--invalid-only',
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      'line 3  "9000000015"  invalid  bad-check-digit: the check digit is 5 but Modulus 11 gives 7\n',
    );
    expect(result.stderr).toBe(`${file}: 3 rows checked: 2 valid, 1 invalid\n`);
  });

  it('with --skip-empty counts blank cells apart and exits 0 when every number held is valid', async () => {
    const file = await csvFile('blanks.csv', 'ref,nhs\nA,9434765919\nB,\nC,  \nD,9111231130\n');
    const args = ['nhs-number', 'validate', '--csv', file, '--column', 'nhs'];
    const result = await runCli(...args, '--skip-empty');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').filter((l) => l !== '')).toHaveLength(2);
    expect(result.stderr).toBe(`${file}: 4 rows checked: 2 valid, 0 invalid, 2 blank (skipped)\n`);
    // Without it, a blank cell is an invalid ('empty') number.
    expect((await runCli(...args)).code).toBe(1);
  });

  it('exits 2 naming the file when it does not exist', async () => {
    const missing = join(folder, 'missing.csv');
    const result = await runCli('nhs-number', 'validate', '--csv', missing, '--column', 'nhs');
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `nhs-trace: ${missing}: no such file\n`,
    });
  });

  it('exits 2 for a folder', async () => {
    const result = await runCli('nhs-number', 'validate', '--csv', folder, '--column', 'nhs');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`nhs-trace: ${folder}: is a folder, not a CSV file\n`);
  });

  it('exits 2 naming the file and column and listing the columns there are', async () => {
    const file = await csvFile('columns.csv', 'id,nhs_no,postcode\n1,9434765919,LS1 4AP\n');
    const result = await runCli('nhs-number', 'validate', '--csv', file, '--column', 'NHS_NUMBER');
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `nhs-trace: ${file} has no column "NHS_NUMBER"; its columns are: "id", "nhs_no", "postcode"\n`,
    });
  });

  it('exits 2 listing the columns when --column is missing', async () => {
    const file = await csvFile('no-column.csv', 'id,nhs_no\n1,9434765919\n');
    const result = await runCli('nhs-number', 'validate', '--csv', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--csv needs --column NAME; the columns of ${file} are: "id"`);
  });

  it('exits 2 for an empty file', async () => {
    const file = await csvFile('empty.csv', '');
    const result = await runCli('nhs-number', 'validate', '--csv', file, '--column', 'nhs');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}: the file is empty`);
  });

  it('exits 2 naming the line for a quote that is never closed', async () => {
    const file = await csvFile('broken.csv', 'id,nhs\n1,9434765919\n2,"9000000009\n3,9000000017\n');
    const result = await runCli('nhs-number', 'validate', '--csv', file, '--column', 'nhs');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `nhs-trace: ${file}:3: not valid CSV: a quoted field is never closed\n`,
    );
  });
});
