import { fc } from '@fast-check/vitest';
import { PDS_MESH_REQUEST_COLUMNS } from '../../formats/pds-mesh-columns.js';
import { testNhsNumber as n } from '../../storage/test-support/register-people.js';

/**
 * fast-check arbitraries for hostile request files (end-to-end trace fuzzing): cells that are
 * wrong in every way a council export can be, rows near the fixture register's people, rows of
 * the wrong width, blank lines, byte order marks, CRLF, and a layout that says which lines
 * become data rows and which codes their shape forces.
 */

/** A cell as bytes: text (quoted when it must be) or raw bytes that hold no CSV delimiter. */
export type Cell =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array };

const text = (arb: fc.Arbitrary<string>): fc.Arbitrary<Cell> =>
  arb.map((t) => ({ kind: 'text' as const, text: t }));

/**
 * One cell of a request row: register names and postcodes, good and bad NHS Numbers, possible and
 * impossible dates, odd gender codes, control characters, byte order marks, other scripts, any
 * text, quotes and line breaks, very long text, and bytes that are not UTF-8.
 */
export const hostileCell: fc.Arbitrary<Cell> = fc.oneof(
  {
    weight: 4,
    arbitrary: text(
      fc.constantFrom(
        '',
        ' ',
        'Simpson',
        'Homer',
        'Flanders',
        'LS1 6AE',
        'LS2 7EE',
        'ZZ99 3VZ',
        '1',
        '2',
        '9',
        '0',
      ),
    ),
  },
  {
    weight: 3,
    arbitrary: text(
      fc.constantFrom(
        n(0),
        n(1),
        n(5),
        '9434765918',
        '1234567890',
        '0000000000',
        'ABCDEFGHIJ',
        '943 476 5919',
      ),
    ),
  },
  {
    weight: 3,
    arbitrary: text(
      fc.constantFrom(
        '19560512',
        '20100301',
        '19561340',
        '00000000',
        '99999999',
        '20300101',
        '1956-05-12',
        '29/02/2001',
        '2001',
        '195605',
      ),
    ),
  },
  {
    weight: 2,
    arbitrary: text(
      fc.constantFrom(
        'X',
        '7',
        'male',
        '-1',
        'NaN',
        'null',
        'undefined',
        '\u0000',
        '\t',
        '\uFEFF',
        'é',
        '名前',
        '😀',
      ),
    ),
  },
  { weight: 2, arbitrary: text(fc.string({ unit: 'grapheme', maxLength: 30 })) },
  {
    weight: 1,
    arbitrary: text(
      fc.constantFrom('"', '""', 'a,b', 'line\nbreak', 'cr\r\nlf', ' "x" ', "O'Brien"),
    ),
  },
  { weight: 1, arbitrary: text(fc.integer({ min: 30, max: 3000 }).map((k) => 'A'.repeat(k))) },
  {
    weight: 2,
    arbitrary: fc.uint8Array({ maxLength: 24 }).map((a) => ({
      kind: 'bytes' as const,
      bytes: a.filter((b) => b !== 0x22 && b !== 0x2c && b !== 0x0a && b !== 0x0d),
    })),
  },
);

/**
 * A row that could be real (people of the fixture register, or near them), with now and then one
 * column replaced by a hostile cell: it makes the runs trace, score and match, not only refuse.
 */
const plausible: fc.Arbitrary<Partial<Record<string, Cell>>> = fc
  .record({
    'UNIQUE REFERENCE': fc.nat(40).map((i) => `R${i}`),
    NHS_NO: fc.constantFrom('', '', n(0), n(1), n(5), n(7), '9434765918'),
    FAMILY_NAME: fc.constantFrom(
      'Simpson',
      'SIMPSON',
      'Flanders',
      'Smith',
      'Krabappel',
      'Jones',
      '',
    ),
    GIVEN_NAME: fc.constantFrom('Homer', 'Rod', 'Todd', 'John', 'Edna', 'Oliver', ''),
    GENDER: fc.constantFrom('1', '2', '0', '9', ''),
    DATE_OF_BIRTH: fc.constantFrom('19560512', '20100301', '19800615', '19600720', '1956', ''),
    POSTCODE: fc.constantFrom('LS1 6AE', 'LS2 7EE', 'LS3 1AB', 'ls16ae', 'ZZ99 3VZ', ''),
    ADDRESS_LINE1: fc.constantFrom('742 Evergreen Terrace', '1 High Street', ''),
  })
  .chain((values) =>
    fc
      .option(fc.tuple(fc.constantFrom(...Object.keys(values)), hostileCell), { freq: 3 })
      .map((hostile) => {
        const cells: Partial<Record<string, Cell>> = Object.fromEntries(
          Object.entries(values).map(([column, value]) => [column, { kind: 'text', text: value }]),
        );
        if (hostile !== null) {
          cells[hostile[0]] = hostile[1];
        }
        return cells;
      }),
  );

/** One line of the file: its cells, how many it should have, how it ends, what precedes it. */
export interface LineValue {
  /** Cells in order (repeated to the width), or cells by column name (others blank). */
  readonly cells:
    { readonly list: readonly Cell[] } | { readonly named: Partial<Record<string, Cell>> };
  readonly widthDelta: number;
  readonly end: string;
  readonly blankBefore: string;
}

/** A line of a request file: hostile or plausible cells, mostly of the header's width. */
export const requestLine: fc.Arbitrary<LineValue> = fc.record({
  cells: fc.oneof(
    fc.array(hostileCell, { minLength: 1, maxLength: 30 }).map((list) => ({ list })),
    plausible.map((named) => ({ named })),
  ),
  widthDelta: fc.oneof(
    { weight: 6, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.integer({ min: -5, max: 3 }) },
  ),
  end: fc.constantFrom('\n', '\r\n'),
  blankBefore: fc.constantFrom('', '', '', '\n', '\r\n', ' \n', ',,,\n'),
});

/** The headers fuzzed files get: every PDS MESH request column, or the ones a council sends. */
export const FUZZ_HEADERS: readonly (readonly string[])[] = [
  PDS_MESH_REQUEST_COLUMNS,
  [
    'UNIQUE REFERENCE',
    'NHS_NO',
    'FAMILY_NAME',
    'GIVEN_NAME',
    'GENDER',
    'DATE_OF_BIRTH',
    'POSTCODE',
  ],
];

const quote = (t: string): string => (/[",\r\n]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t);
const decoder = new TextDecoder('utf-8');
const cellText = (c: Cell): string => (c.kind === 'text' ? c.text : decoder.decode(c.bytes));
const cellBytes = (c: Cell): Buffer =>
  c.kind === 'text' ? Buffer.from(quote(c.text)) : Buffer.from(c.bytes);

/** A request file laid out by {@link buildRequestFile}. */
export interface BuiltFile {
  readonly bytes: Buffer;
  /** For each data row, in order: the code its shape forces (`16`, `17`), or undefined. */
  readonly rows: readonly (string | undefined)[];
}

/** How the header line is written: after a UTF-8 byte order mark or not; names quoted or not. */
export interface HeaderStyle {
  readonly bom: boolean;
  readonly quoted: boolean;
}

/**
 * Lays out a request file and works out which lines become data rows (lines whose cells are not
 * all blank) and the code each one's shape forces (`17` too many cells, `16` too few).
 * @param header - the column names
 * @param style - byte order mark, quoted names
 * @param lines - the lines after the header
 */
export function buildRequestFile(
  header: readonly string[],
  style: HeaderStyle,
  lines: readonly LineValue[],
): BuiltFile {
  const parts: Buffer[] = [
    Buffer.from(style.bom ? '\uFEFF' : ''),
    Buffer.from(`${header.map((h) => (style.quoted ? `"${h}"` : quote(h))).join(',')}\r\n`),
  ];
  const rows: (string | undefined)[] = [];
  for (const l of lines) {
    const width = Math.max(1, header.length + l.widthDelta);
    const given = l.cells;
    const cells = Array.from({ length: width }, (_, i): Cell => {
      const found =
        'list' in given ? given.list[i % given.list.length] : given.named[header[i] ?? ''];
      return found ?? { kind: 'text', text: '' };
    });
    if (l.widthDelta > 0) {
      cells.fill({ kind: 'text', text: 'extra' }, header.length);
    }
    parts.push(Buffer.from(l.blankBefore));
    parts.push(
      Buffer.concat(
        cells.flatMap((c, i) => (i === 0 ? [cellBytes(c)] : [Buffer.from(','), cellBytes(c)])),
      ),
    );
    parts.push(Buffer.from(l.end));
    if (cells.every((c) => cellText(c).trim() === '')) {
      continue;
    }
    rows.push(width > header.length ? '17' : width < header.length ? '16' : undefined);
  }
  return { bytes: Buffer.concat(parts), rows };
}
