import { mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMappingSpec } from '../formats/column-mapping.js';
import {
  openRequestFile,
  openRequestStream,
  type RequestSourceOptions,
  type SourceRow,
} from './request-source.js';

const GOLDEN = fileURLToPath(new URL('./request-source-golden.csv', import.meta.url));
const GOLDEN_EXPECTED = fileURLToPath(new URL('./request-source-golden.json', import.meta.url));
const HEADER = 'UNIQUE REFERENCE,NHS_NO,FAMILY_NAME,GIVEN_NAME,GENDER,DATE_OF_BIRTH,POSTCODE';

/** Reads every row of a request file given as bytes; throws when the header is refused. */
async function readAll(
  bytes: Buffer | string,
  options: RequestSourceOptions = {},
): Promise<{ rows: SourceRow[]; stats: unknown }> {
  const opened = await openRequestStream(Readable.from([Buffer.from(bytes)]), 'test.csv', options);
  if (!opened.success) {
    throw new Error(opened.issues[0]?.message);
  }
  const rows: SourceRow[] = [];
  for await (const row of opened.data.rows()) {
    rows.push(row);
  }
  return { rows, stats: opened.data.stats };
}

/** The header failure for a file, as `code: message`. */
async function refusal(
  bytes: Buffer | string,
  options: RequestSourceOptions = {},
): Promise<string> {
  const opened = await openRequestStream(Readable.from([Buffer.from(bytes)]), 'x.csv', options);
  return opened.success
    ? 'accepted'
    : `${opened.issues[0]?.code ?? ''}: ${opened.issues[0]?.message ?? ''}`;
}

function outcome(row: SourceRow): string {
  return row.result.success
    ? `${row.lineNumber} ok`
    : `${row.lineNumber} ${row.result.issues.map((i) => `${i.code} ${i.field}`).join(', ')}`;
}

describe('the golden request file', () => {
  it('gives exactly the expected result for every row', async () => {
    const opened = await openRequestFile(GOLDEN, { today: '2026-11-22' });
    expect(opened.success).toBe(true);
    if (!opened.success) {
      return;
    }
    const actual = [];
    for await (const row of opened.data.rows()) {
      actual.push({
        line: row.lineNumber,
        reference: row.row['UNIQUE REFERENCE'].trim(),
        codes: row.result.success ? [] : row.result.issues.map((i) => `${i.code} ${i.field}`),
        traces: row.result.success ? row.result.data.traces : [],
        warnings: row.result.success ? row.result.data.warnings.map((w) => w.code) : [],
      });
    }
    const expected: unknown = JSON.parse(await readFile(GOLDEN_EXPECTED, 'utf8'));
    expect(actual).toEqual(expected);
    expect(opened.data.stats).toEqual({
      dataRows: 15,
      rowErrors: 9,
      blankRows: 1,
      stoppedAtLine: null,
      bytesRead: (await readFile(GOLDEN)).length,
    });
    expect(opened.data.totalBytes).toBe(opened.data.stats.bytesRead);
    expect(actual.map((_, i) => i)).toEqual([...Array(15).keys()]);
  });
});

describe('CSV details', () => {
  it('strips a BOM, reads CRLF and quoted fields, and counts lines through quoted line breaks', async () => {
    const file = `\uFEFF${HEADER}\r\nR1,,"Smith, Jr",Jo,1,19840719,\r\n\r\nR2,,"Jo\r\nnes",Al,2,19840719,\r\nR3,,Brown,Al,2,19840719,LS1 4AP\r\n`;
    const { rows } = await readAll(file);
    expect(rows.map(outcome)).toEqual(['2 ok', '4 13 FAMILY_NAME', '6 ok']);
    expect(rows[0]?.row['UNIQUE REFERENCE']).toBe('R1');
    expect(rows[0]?.row.FAMILY_NAME).toBe('Smith, Jr');
    expect(rows.map((r) => r.rowIndex)).toEqual([0, 1, 2]);
  });

  it('reads files with CR line ends and no final line end', async () => {
    const { rows } = await readAll(`${HEADER}\rR1,,Smith,Jo,1,19840719,\rR2,,Brown,Al,2,19840719,`);
    expect(rows.map(outcome)).toEqual(['2 ok', '3 ok']);
  });

  it('reports bytes that are not UTF-8 as 01 on the column, unless the column is not used', async () => {
    const bad = Buffer.concat([
      Buffer.from(`${HEADER},NOTES\nR1,,Gr`),
      Buffer.from([0xe9]),
      Buffer.from('en,Jo,1,19840719,,\nR2,,Green,Jo,1,19840719,,caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    const { rows } = await readAll(bad);
    expect(rows.map(outcome)).toEqual(['2 01 FAMILY_NAME', '3 ok']);
    expect(rows[0]?.row.FAMILY_NAME).toBe('Gr\uFFFDen');
    const latin = await readAll(bad, { encoding: 'windows-1252' });
    expect(latin.rows.map(outcome)).toEqual(['2 ok', '3 ok']);
    expect(latin.rows[0]?.row.FAMILY_NAME).toBe('Gréen');
  });

  it('keeps multi-byte UTF-8 split across chunks intact', async () => {
    const bytes = Buffer.from(`${HEADER}\nR1,,Zoë-Kociński,Jo,1,19840719,\n`);
    const split = bytes.indexOf(Buffer.from('ë')) + 1;
    const chunks = [bytes.subarray(0, split), bytes.subarray(split)];
    const opened = await openRequestStream(Readable.from(chunks), 'split.csv');
    const rows: SourceRow[] = [];
    if (opened.success) {
      for await (const row of opened.data.rows()) {
        rows.push(row);
      }
    }
    expect(rows.map(outcome)).toEqual(['2 ok']);
    expect(rows[0]?.row.FAMILY_NAME).toBe('Zoë-Kociński');
  });

  it('skips empty lines and rows of blank cells, and counts the blank rows', async () => {
    const { rows, stats } = await readAll(
      `\n${HEADER}\n\n , ,\n,,,,,,\nR1,,Smith,Jo,1,19840719,\n`,
    );
    expect(rows.map(outcome)).toEqual(['6 ok']);
    expect(stats).toMatchObject({ dataRows: 1, blankRows: 2 });
  });

  it('ends with a 01 row where an unclosed quote makes the rest unreadable', async () => {
    const { rows, stats } = await readAll(
      `${HEADER}\nR1,,Smith,Jo,1,19840719,\n\nR2,,"Smith,Jo,1,19840719,\nR3,,Brown,Al,2,19840719,\n`,
    );
    expect(rows.map(outcome)).toEqual(['2 ok', '4 01 row']);
    expect(rows[1]?.result.success === false && rows[1].result.issues[0]?.message).toContain(
      'from line 4',
    );
    expect(stats).toMatchObject({ dataRows: 2, rowErrors: 1, stoppedAtLine: 4 });
  });

  it('bounds memory: a record over the size limit stops the read with 01', async () => {
    const { rows, stats } = await readAll(
      `${HEADER}\nR1,,Smith,Jo,1,19840719,\nR2,,${'x'.repeat(5000)},Jo,1,19840719,\n`,
      { maxRecordBytes: 1000 },
    );
    expect(rows.map(outcome)).toEqual(['2 ok', '3 01 row']);
    expect(stats).toMatchObject({ stoppedAtLine: 3 });
  });

  it('closes the input when the reader stops early', async () => {
    const input = Readable.from(
      (function* () {
        yield Buffer.from(`${HEADER}\n`);
        for (let i = 0; i < 10_000; i += 1) {
          yield Buffer.from(`R${i},,Smith,Jo,1,19840719,\n`);
        }
      })(),
    );
    const opened = await openRequestStream(input, 'big.csv');
    let seen = 0;
    if (opened.success) {
      for await (const row of opened.data.rows()) {
        seen += row.rowIndex >= 0 ? 1 : 0;
        if (seen === 3) {
          break;
        }
      }
    }
    expect(seen).toBe(3);
    expect(input.destroyed).toBe(true);
  });

  it('closes the file on close(), whether its rows were read or not', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'request-close-'));
    const path = join(dir, 'requests.csv');
    await writeFile(path, `${HEADER}\nR1,,Smith,Jo,1,19840719,\nR2,,Jones,Al,2,19900101,\n`);
    // Counts this file's descriptors only: other tests in the process open and close their own.
    const openFiles = async (): Promise<number> => {
      const targets = await Promise.all(
        (await readdir('/proc/self/fd')).map((fd) =>
          readlink(join('/proc/self/fd', fd)).catch(() => ''),
        ),
      );
      return targets.filter((target) => target === path).length;
    };
    expect(await openFiles()).toBe(0);
    const unread = await openRequestFile(path);
    const partly = await openRequestFile(path);
    expect(await openFiles()).toBe(2);
    if (!unread.success || !partly.success) {
      throw new Error('refused');
    }
    const rows = partly.data.rows();
    expect((await rows.next()).value).toMatchObject({ rowIndex: 0 });
    await unread.data.close();
    await partly.data.close();
    await unread.data.close();
    expect(await openFiles()).toBe(0);
    expect((await rows.next()).done).toBe(true);
    await rm(dir, { recursive: true });
  });
});

describe('files that are not request files', () => {
  it.each([
    ['empty', '', 'empty: x.csv: the file is empty'],
    ['blank lines only', '\n \n\r\n', 'empty:'],
    [
      'JSON',
      '{"resourceType": "Patient"}\n',
      'not-request-file: x.csv: not a PDS MESH request file',
    ],
    [
      'binary',
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x2c, 0x0a]),
      'not-csv: x.csv: this is a binary file',
    ],
    [
      'UTF-16',
      Buffer.from('\uFEFFUNIQUE REFERENCE,NHS_NO\n', 'utf16le'),
      'encoding: x.csv: the file is UTF-16',
    ],
    [
      'bad UTF-8 header',
      Buffer.from([0x55, 0xff, 0x2c, 0x4e, 0x0a]),
      'encoding: x.csv: the header is not valid UTF-8',
    ],
    [
      'unrelated columns',
      'id,colour,size\n1,red,9\n',
      'not-request-file: x.csv: not a PDS MESH request file',
    ],
    [
      'reference only',
      'UNIQUE REFERENCE,NOTES\nR1,x\n',
      'not-request-file: x.csv: not a PDS MESH request file: the header has none of the columns',
    ],
    [
      'semicolons',
      'UNIQUE REFERENCE;NHS_NO\nR1;9434765919\n',
      'not-request-file: x.csv: not a PDS MESH request file: the header has no UNIQUE REFERENCE column',
    ],
    ['a header-less data file', 'R1,9434765919,Smith\n', 'not-request-file:'],
    ['an unclosed quote in the header', '"UNIQUE REFERENCE,NHS_NO\n', 'not-csv:'],
  ])('%s', async (_, bytes, expected) => {
    expect(await refusal(bytes)).toContain(expected);
  });

  it('suggests the delimiter, and never echoes header cells', async () => {
    expect(await refusal('UNIQUE REFERENCE;NHS_NO\n')).toContain('separated by semicolons');
    expect(await refusal('{"resourceType": "Patient"}\n')).toContain(
      '(it looks like JSON, not a CSV)',
    );
    expect(await refusal('[id],UNIQUE REFERENCE,NHS_NO\nR1,9434765919\n')).toBe('accepted');
    expect(await refusal('R1,9434765919,Smith\n')).not.toMatch(/9434765919|Smith/);
  });

  it('refuses a missing file and a folder', async () => {
    const missing = await openRequestFile('/nonexistent/requests.csv');
    expect(!missing.success && missing.issues[0]?.message).toContain(
      'cannot open the file (ENOENT)',
    );
    const folder = await openRequestFile(fileURLToPath(new URL('.', import.meta.url)));
    expect(!folder.success && folder.issues[0]?.message).toContain('not a file');
  });

  it('refuses a mapping that names a column the file lacks', async () => {
    const mapping = parseMappingSpec('reference=Case ID,family=Surname');
    expect(mapping.success).toBe(true);
    if (mapping.success) {
      expect(await refusal('Case ID,Last Name\nC1,Smith\n', { mapping: mapping.data })).toContain(
        'column "Surname" (mapped to FAMILY_NAME) is not in the header',
      );
    }
  });
});

describe('other CSVs through a column mapping', () => {
  it('reads a council export with its own column names, date layout and gender letters', async () => {
    const mapping = parseMappingSpec(
      'reference=Case ID,family=Surname,given=Forename,dob=Birth Date,gender=Sex,postcode=Post Code',
    );
    if (!mapping.success) {
      throw new Error('mapping');
    }
    const file =
      'Case ID,Forename,Surname,Sex,Birth Date,Post Code,Worker\nC1,Jo,Smith,F,19/07/1984,LS1 4AP,AB\nC2,Al,Brown,X,01/02/1990,,AB\n';
    const { rows } = await readAll(file, { mapping: mapping.data, dateFormat: 'DD/MM/YYYY' });
    expect(rows.map(outcome)).toEqual(['2 ok', '3 12 GENDER']);
    const first = rows[0]?.result;
    expect(first?.success === true && first.data.birthDate?.iso).toBe('1984-07-19');
    expect(first?.success === true && first.data.gender).toBe('female');
    expect(rows[0]?.row['UNIQUE REFERENCE']).toBe('C1');
  });
});
