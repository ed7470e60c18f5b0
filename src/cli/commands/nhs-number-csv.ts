import { open, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import type { Writable } from 'node:stream';
import { CsvError, parse, type CsvErrorCode, type Parser } from 'csv-parse';
import { CliError } from '../exit-codes.js';
import { LineWriter, OutputClosedError } from './nhs-number-output.js';
import { nhsNumberVerdict, type ValidationCounts } from './nhs-number-report.js';

/** What `validateCsvColumn` needs: the file, the column and where to write the lines. */
export interface CsvColumnCheck {
  /** Path of a CSV file whose first row is a header. */
  readonly file: string;
  /** Header name of the column holding NHS Numbers; undefined lists the columns in an error. */
  readonly column: string | undefined;
  /** Where the result lines go. */
  readonly out: Writable;
  /** Print only the lines for invalid rows. */
  readonly invalidOnly: boolean;
  /** Count blank cells (no number held) as skipped rather than invalid, and print nothing for them. */
  readonly skipEmpty: boolean;
}

/** Readable wording for the CSV syntax errors that can still occur with relaxed quoting. */
const CSV_ERRORS: Readonly<Partial<Record<CsvErrorCode, string>>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a closing quote is followed by other characters',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a closing quote is followed by other characters',
};

async function openCsv(file: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : `cannot open it (${code ?? 'error'})`;
    throw new CliError(`${file}: ${reason}`);
  }
  if ((await handle.stat()).isDirectory()) {
    await handle.close();
    throw new CliError(`${file}: is a folder, not a CSV file`);
  }
  return handle;
}

function findColumn(file: string, header: readonly string[], column: string | undefined): number {
  const available = header.map((name) => JSON.stringify(name)).join(', ');
  if (column === undefined) {
    throw new CliError(`--csv needs --column NAME; the columns of ${file} are: ${available}`);
  }
  const index = header.findIndex((name) => name.trim() === column.trim());
  if (index < 0) {
    throw new CliError(`${file} has no column "${column}"; its columns are: ${available}`);
  }
  return index;
}

/** A parse or read failure as a usage error; `line` is where the failing record starts. */
function csvFailure(file: string, line: number, error: unknown): CliError {
  if (error instanceof CsvError) {
    const reason = CSV_ERRORS[error.code] ?? `malformed CSV (${error.code})`;
    return new CliError(`${file}:${line}: not valid CSV: ${reason}`);
  }
  const code = (error as NodeJS.ErrnoException).code;
  return new CliError(`${file}: cannot read it (${code ?? String(error)})`);
}

/** Newlines inside quoted fields, so that line numbers stay those of the file. */
function newlinesIn(record: readonly string[]): number {
  let count = 0;
  for (const field of record) {
    for (let at = field.indexOf('\n'); at >= 0; at = field.indexOf('\n', at + 1)) {
      count += 1;
    }
  }
  return count;
}

/**
 * Calls `onRecord` for every record the parser emits, pausing the parser while a returned
 * promise is pending (that is the backpressure from the output). Settles when the parser ends,
 * fails or `onRecord` throws. Plain events, not `for await`, because an await per record costs
 * more than the parsing itself on a large file.
 */
function forEachRecord(
  parser: Parser,
  onRecord: (record: string[]) => Promise<void> | undefined,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = (error: unknown): void => {
      parser.destroy();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    parser.on('data', (record: string[]) => {
      try {
        const waiting = onRecord(record);
        if (waiting !== undefined) {
          parser.pause();
          waiting.then(() => parser.resume(), stop);
        }
      } catch (error) {
        stop(error);
      }
    });
    parser.once('end', resolve);
    parser.once('error', reject);
  });
}

/**
 * Streams a CSV file and checks one column of every row as an NHS Number, writing one line per
 * row (`line N  …`, N being the line of the file where the row starts) with backpressure, so memory stays
 * flat for any size of file. Handles a UTF-8 BOM, CRLF or LF line ends and quoted fields; blank
 * lines are skipped (except in a one-column file, where they are empty cells); a row whose field
 * count differs from the header's is reported and the run goes on. Usage and file problems (no
 * such file, no such column, no header, broken quoting) reject with a {@link CliError} naming
 * the file and, where there is one, the line; a closed output rejects with OutputClosedError.
 * @param check - the file, the column, the output and whether to print invalid rows only
 * @returns how many data rows were checked and how many were invalid
 */
export async function validateCsvColumn(check: CsvColumnCheck): Promise<ValidationCounts> {
  const handle = await openCsv(check.file);
  const parser = parse({ bom: true, relax_column_count: true, relax_quotes: true });
  pipeline(handle.createReadStream(), parser, () => {
    // Errors reach forEachRecord through the parser, which pipeline destroys with them.
  });
  const writer = new LineWriter(check.out);
  let columnIndex = -1;
  let width = 0;
  let line = 0;
  let checked = 0;
  let invalid = 0;
  let skipped = 0;
  const onRecord = (record: string[]): Promise<void> | undefined => {
    const first = line + 1;
    line += 1 + newlinesIn(record);
    // A blank line; in a one-column file it is an empty cell, reported below as 'empty'.
    if (record.length === 1 && record[0] === '' && (columnIndex < 0 || width > 1)) {
      return undefined;
    }
    if (columnIndex < 0) {
      columnIndex = findColumn(check.file, record, check.column);
      width = record.length;
      return undefined;
    }
    checked += 1;
    if (record.length !== width) {
      invalid += 1;
      const reason = `wrong-column-count: the row has ${record.length} fields, the header ${width}`;
      return writer.line(`line ${first}  invalid  ${reason}`);
    }
    const cell = record[columnIndex] ?? '';
    if (check.skipEmpty && cell.trim() === '') {
      skipped += 1;
      return undefined;
    }
    const verdict = nhsNumberVerdict(cell);
    if (verdict.valid) {
      return check.invalidOnly ? undefined : writer.line(`line ${first}  ${verdict.text}`);
    }
    invalid += 1;
    return writer.line(`line ${first}  ${verdict.text}`);
  };
  try {
    await forEachRecord(parser, onRecord);
    await writer.close();
  } catch (error) {
    writer.release();
    const passOn = error instanceof CliError || error instanceof OutputClosedError;
    throw passOn ? error : csvFailure(check.file, line + 1, error);
  }
  if (columnIndex < 0) {
    throw new CliError(
      `${check.file}: the file is empty; expected a header row naming the columns`,
    );
  }
  return { checked, invalid, skipped };
}
