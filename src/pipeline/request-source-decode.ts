import { isUtf8 } from 'node:buffer';
import { fail, ok, type Result } from '../core/result.js';

/**
 * The character encodings a request file may be in: `utf-8` (the default; PDS MESH files are
 * UTF-8) or `windows-1252`, which spreadsheet exports on Windows often are.
 */
export type RequestFileEncoding = 'utf-8' | 'windows-1252';

/** A cell decoded from the bytes read; `valid` is false when the bytes were not in the encoding. */
export interface DecodedCell {
  readonly text: string;
  readonly valid: boolean;
}

const WINDOWS_1252 = new TextDecoder('windows-1252');
/** A byte above ASCII in a cell read as `latin1`: only such cells need decoding. */
const HIGH_BYTE = /[\u0080-\u00ff]/;

/**
 * Decodes a cell the CSV parser read byte for byte (as `latin1`, one character per byte) in the
 * file's encoding. UTF-8 is checked strictly: invalid bytes make the cell `valid: false`, with
 * U+FFFD in their place. Windows-1252 maps every byte, so it is always valid.
 * @param bytes - the cell, one character per byte
 * @param encoding - the file's encoding
 */
export function decodeCell(bytes: string, encoding: RequestFileEncoding): DecodedCell {
  if (!HIGH_BYTE.test(bytes)) {
    return { text: bytes, valid: true };
  }
  const buffer = Buffer.from(bytes, 'latin1');
  if (encoding === 'windows-1252') {
    return { text: WINDOWS_1252.decode(buffer), valid: true };
  }
  return { text: buffer.toString('utf8'), valid: isUtf8(buffer) };
}

/** A record's cells decoded, and which of them held bytes that are not in the encoding. */
export interface DecodedCells {
  readonly texts: string[];
  /** Positions of cells that were not valid in the encoding; `undefined` when there are none. */
  readonly invalid: ReadonlySet<number> | undefined;
}

/**
 * Decodes each cell of a record ({@link decodeCell}); cells of plain ASCII, nearly all, are
 * kept as they are, with no object made for them.
 * @param bytes - the cells, one character per byte
 * @param encoding - the file's encoding
 */
export function decodeCells(bytes: readonly string[], encoding: RequestFileEncoding): DecodedCells {
  // An index loop over a copy: `entries()` made an iterator and a pair for every cell.
  const texts = bytes.slice();
  let invalid: Set<number> | undefined;
  for (let i = 0; i < texts.length; i += 1) {
    const cell = texts[i] ?? '';
    if (!HIGH_BYTE.test(cell)) {
      continue;
    }
    const decoded = decodeCell(cell, encoding);
    texts[i] = decoded.text;
    if (!decoded.valid) {
      invalid ??= new Set();
      invalid.add(i);
    }
  }
  return { texts, invalid };
}

const UTF8_BOM = '\u00ef\u00bb\u00bf';
const UTF16_BOMS = ['\u00ff\u00fe', '\u00fe\u00ff'];

/**
 * Checks and decodes the header record: strips a UTF-8 byte order mark, and refuses UTF-16
 * files, binary files and headers that are not in the encoding, each with a message that says
 * what the file seems to be. Header cells are never echoed (a file without a header has a
 * data row there).
 * @param bytes - the header cells, one character per byte
 * @param encoding - the file's encoding
 */
export function decodeHeader(
  bytes: readonly string[],
  encoding: RequestFileEncoding,
): Result<string[]> {
  const [first = '', ...rest] = bytes;
  if (UTF16_BOMS.some((bom) => first.startsWith(bom))) {
    return fail({
      code: 'encoding',
      path: 'header',
      message: 'the file is UTF-16 encoded; save it as a UTF-8 CSV',
    });
  }
  const cells = [first.startsWith(UTF8_BOM) ? first.slice(UTF8_BOM.length) : first, ...rest];
  if (cells.some((cell) => cell.includes('\u0000'))) {
    return fail({ code: 'not-csv', path: 'header', message: 'this is a binary file, not a CSV' });
  }
  const decoded = decodeCells(cells, encoding);
  if (decoded.invalid !== undefined) {
    return fail({
      code: 'encoding',
      path: 'header',
      message:
        'the header is not valid UTF-8 (a Windows-1252 export? re-save as UTF-8 or read it as windows-1252)',
    });
  }
  return ok(decoded.texts);
}

/**
 * A hint for a header that names no request columns: the file looks like JSON, or is one cell
 * holding another delimiter (separated by semicolons, tabs or bars, not commas); else ''.
 * @param header - the decoded header cells
 */
export function formatHint(header: readonly string[]): string {
  if (/^\s*[[{]/.test(header[0] ?? '')) {
    return ' (it looks like JSON, not a CSV)';
  }
  if (header.length !== 1) {
    return '';
  }
  const cell = header[0] ?? '';
  const found = [
    ['\t', 'tabs'],
    [';', 'semicolons'],
    ['|', 'vertical bars'],
  ].find(([delimiter = '']) => cell.includes(delimiter));
  return found === undefined ? '' : ` (it seems to be separated by ${found[1] ?? ''}, not commas)`;
}
