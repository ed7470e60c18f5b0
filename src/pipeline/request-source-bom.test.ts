import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openRequestStream, type SourceRow } from './request-source.js';
import { withoutUtf8Bom } from './request-source-records.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Opens the bytes, in chunks of `size` bytes, and reads every row. */
async function read(bytes: Buffer, size = bytes.length) {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += Math.max(size, 1)) {
    chunks.push(bytes.subarray(at, at + size));
  }
  const opened = await openRequestStream(Readable.from(chunks), 'bom.csv', { today: '2026-01-01' });
  if (!opened.success) {
    return { opened };
  }
  const rows: SourceRow[] = [];
  for await (const row of opened.data.rows()) {
    rows.push(row);
  }
  return { opened, rows };
}

// Regression, found while fuzzing the trace end to end (trace-fuzz.test.ts now writes such
// headers too). A UTF-8 byte order mark before a quoted header ("UNIQUE REFERENCE",…, as R's write.csv and many exports write)
// stood before the opening quote, so the quotes were read as text and the file was refused as
// "not a PDS MESH request file".
describe('a request file that starts with a UTF-8 byte order mark', () => {
  const quoted = Buffer.concat([
    BOM,
    Buffer.from('"UNIQUE REFERENCE","NHS_NO","FAMILY_NAME","DATE_OF_BIRTH"\r\n'),
    Buffer.from('"R1","9434765919","Simpson","19560512"\r\n'),
  ]);

  it.each([1, 2, 3, 4, 64])('is read with a quoted header, in chunks of %i bytes', async (size) => {
    const { opened, rows } = await read(quoted, size);
    expect(opened.success && opened.data.header).toEqual([
      'UNIQUE REFERENCE',
      'NHS_NO',
      'FAMILY_NAME',
      'DATE_OF_BIRTH',
    ]);
    expect(rows?.map((r) => [r.lineNumber, r.row['UNIQUE REFERENCE'], r.result.success])).toEqual([
      [2, 'R1', true],
    ]);
  });

  it('holding nothing else is empty', async () => {
    const { opened } = await read(BOM);
    expect(opened.success ? '' : opened.issues[0]?.code).toBe('empty');
  });

  it('is dropped only at the start of the file', async () => {
    const chunks: (Buffer | string)[] = [];
    const input = [Buffer.from([0xef]), Buffer.from([0xbb, 0xbf, 0x41]), BOM, '\uFEFFB'];
    for await (const chunk of withoutUtf8Bom(Readable.from(input, { objectMode: true }))) {
      chunks.push(chunk);
    }
    expect(Buffer.concat(chunks.map((c) => Buffer.from(c)))).toEqual(
      Buffer.concat([Buffer.from('A'), BOM, Buffer.from('\uFEFFB')]),
    );
  });

  it('leaves other first bytes alone, and UTF-16 is still refused', async () => {
    const partial: Buffer[] = [];
    for await (const chunk of withoutUtf8Bom(Readable.from([Buffer.from([0xef, 0xbb, 0x41])]))) {
      partial.push(Buffer.from(chunk));
    }
    expect(Buffer.concat(partial)).toEqual(Buffer.from([0xef, 0xbb, 0x41]));
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('UNIQUE REFERENCE\n', 'utf16le'),
    ]);
    const { opened } = await read(utf16);
    expect(opened.success ? '' : opened.issues[0]?.message).toMatch(/UTF-16/);
  });
});
