import { fc, test } from '@fast-check/vitest';
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { describe, expect } from 'vitest';
import { ROW_ERROR_CODES } from '../formats/pds-mesh-request-types.js';
import { openRequestStream, type RawRow, type SourceRow } from './request-source.js';
import { rawRowChecker } from './request-source-row.js';

const HEADER = Buffer.from(
  'UNIQUE REFERENCE,NHS_NO,FAMILY_NAME,GIVEN_NAME,GENDER,DATE_OF_BIRTH,POSTCODE\n',
);

/** Opens bytes (in the given chunks) as a request file and reads every row. */
async function readChunks(
  chunks: readonly Buffer[],
): Promise<{ opened: boolean; rows: SourceRow[]; dataRows: number }> {
  const opened = await openRequestStream(Readable.from(chunks), 'fuzz.csv', {
    today: '2026-11-22',
    maxRecordBytes: 4096,
  });
  if (!opened.success) {
    return { opened: false, rows: [], dataRows: 0 };
  }
  const rows: SourceRow[] = [];
  for await (const row of opened.data.rows()) {
    rows.push(row);
  }
  return { opened: true, rows, dataRows: opened.data.stats.dataRows };
}

/** Splits bytes into chunks at the given cut points, so records straddle chunk boundaries. */
function chunked(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    if (point > start) {
      chunks.push(bytes.subarray(start, point));
      start = point;
    }
  }
  return chunks;
}

function expectWellFormed(rows: readonly SourceRow[], totalLines: number): void {
  rows.forEach((row, i) => {
    expect(row.rowIndex).toBe(i);
    expect(row.lineNumber).toBeGreaterThanOrEqual(2);
    expect(row.lineNumber).toBeLessThanOrEqual(totalLines);
    if (i > 0) {
      expect(row.lineNumber).toBeGreaterThan(rows[i - 1]?.lineNumber ?? 0);
    }
    if (!row.result.success) {
      expect(row.result.issues.length).toBeGreaterThan(0);
      row.result.issues.forEach((issue) => {
        expect(ROW_ERROR_CODES).toContain(issue.code);
      });
    }
  });
}

const garbageLine = fc.oneof(
  fc.uint8Array({ maxLength: 60 }).map((a) => Buffer.from(a)),
  fc.string({ unit: 'grapheme', maxLength: 60 }).map((s) => Buffer.from(s)),
  fc
    .array(
      fc.constantFrom('R1', '"', '""', ',', ' ', '9434765919', '19840719', '\r', 'é', '\u0000'),
      {
        maxLength: 12,
      },
    )
    .map((parts) => Buffer.from(parts.join(''))),
);
const lineEnd = fc.constantFrom('\n', '\r\n', '\r');
const cuts = fc.array(fc.nat(), { maxLength: 6 });

describe('request source fuzzing', () => {
  test.prop([fc.array(fc.tuple(garbageLine, lineEnd), { maxLength: 30 }), cuts])(
    'garbage lines after a header never throw, and rows come in order with known codes',
    async (lines, cutPoints) => {
      const body = Buffer.concat(lines.flatMap(([line, end]) => [line, Buffer.from(end)]));
      const bytes = Buffer.concat([HEADER, body]);
      const { opened, rows, dataRows } = await readChunks(chunked(bytes, cutPoints));
      expect(opened).toBe(true);
      const breaks = bytes.toString('latin1').match(/\r\n|\r|\n/g)?.length ?? 0;
      expectWellFormed(rows, breaks + 1);
      expect(dataRows).toBe(rows.length);
    },
  );

  test.prop([
    fc.array(
      fc
        .uint8Array({ maxLength: 60 })
        .map((a) => Buffer.from(a.filter((b) => b !== 0x0a && b !== 0x0d && b !== 0x22))),
      { maxLength: 30 },
    ),
    cuts,
  ])(
    'without quotes, every non-blank line is exactly one row with its own line number',
    async (lines, cutPoints) => {
      const bytes = Buffer.concat([HEADER, ...lines.flatMap((line) => [line, Buffer.from('\n')])]);
      const { rows } = await readChunks(chunked(bytes, cutPoints));
      const expected = lines.flatMap((line, i) =>
        line
          .toString('utf8')
          .split(',')
          .every((cell) => cell.trim() === '')
          ? []
          : [i + 2],
      );
      expect(rows.map((row) => row.lineNumber)).toEqual(expected);
      for (const row of rows) {
        const line = lines[row.lineNumber - 2] ?? Buffer.alloc(0);
        const codes = row.result.success ? [] : row.result.issues.map((issue) => issue.code);
        if (isUtf8(line)) {
          expect(codes).not.toContain('01');
        }
      }
    },
  );

  test.prop([fc.uint8Array({ maxLength: 400 }), cuts])(
    'any bytes at all: opening and reading never throw',
    async (bytes, cutPoints) => {
      const { opened, rows } = await readChunks(chunked(Buffer.from(bytes), cutPoints));
      expect(opened || rows.length === 0).toBe(true);
      rows.forEach((row, i) => {
        expect(row.rowIndex).toBe(i);
      });
    },
  );

  const referenceLine = fc
    .tuple(
      fc.constantFrom('R1', 'R2', ' R1 ', 'R3', '', '"R1"'),
      fc.constantFrom('9434765919', '', 'x'),
      fc.constantFrom('SMITH', '', 'é'),
      fc.constantFrom(',1,19840719,LS1 4AB', ',1', ',1,19840719,LS1 4AB,extra', ''),
    )
    .map(([ref, number, name, rest]) => Buffer.from(`${ref},${number},${name},JO${rest}`));

  test.prop([
    fc.array(fc.tuple(fc.oneof(referenceLine, garbageLine), lineEnd), { maxLength: 30 }),
    cuts,
  ])(
    'raw rows checked apart (as a trace worker checks them) are the rows read in one',
    async (lines, cutPoints) => {
      const body = Buffer.concat(lines.flatMap(([line, end]) => [line, Buffer.from(end)]));
      const bytes = chunked(Buffer.concat([HEADER, body]), cutPoints);
      const { rows } = await readChunks(bytes);
      const opened = await openRequestStream(Readable.from(bytes), 'fuzz.csv', {
        today: '2026-11-22',
        maxRecordBytes: 4096,
      });
      expect(opened.success).toBe(true);
      if (!opened.success) {
        return;
      }
      const raw: RawRow[] = [];
      for await (const batch of opened.data.rawBatches()) {
        raw.push(...batch);
      }
      // Through a structured clone, as a worker receives them.
      const check = rawRowChecker(structuredClone(opened.data.reading));
      expect(structuredClone(raw).map(check)).toEqual(rows);
    },
  );
});
