import { fail } from '../core/result.js';
import type { ResolvedColumns } from '../formats/column-mapping.js';
import {
  emptyRequestRow,
  type PdsMeshRequestColumn,
  type PdsMeshRequestRow,
} from '../formats/pds-mesh-columns.js';
import { parseFullRequestRow, type RequestRowResult } from '../formats/pds-mesh-request.js';
import { FIELD_LIMITS, referenceError } from '../formats/pds-mesh-request-fields.js';
import type { RequestRowContext, RowError } from '../formats/pds-mesh-request-types.js';
import {
  decodeCells,
  type DecodedCells,
  type RequestFileEncoding,
} from './request-source-decode.js';
import type { CsvRecord } from './request-source-records.js';

const REFERENCE: PdsMeshRequestColumn = 'UNIQUE REFERENCE';

/** One data row of a request file, read and checked. */
export interface SourceRow {
  /** The 1-based line the row starts on (the header is line 1 unless blank lines precede it). */
  readonly lineNumber: number;
  /** The 0-based position of the row among the file's data rows (blank lines not counted). */
  readonly rowIndex: number;
  /**
   * The cells under their PDS MESH column names, after any column mapping ('' when absent),
   * decoded (bytes that are not valid UTF-8 shown as U+FFFD). Cells of other columns are not
   * kept: nothing downstream reads them.
   */
  readonly row: PdsMeshRequestRow;
  /** The checked request, or the row's errors (`issues[0].code` is its PDS MESH code). */
  readonly result: RequestRowResult;
}

/** What a row reader needs to know about the file. */
export interface RowReaderSettings {
  readonly header: readonly string[];
  readonly columns: ResolvedColumns;
  readonly encoding: RequestFileEncoding;
  readonly context: RequestRowContext;
}

/** What the row reader works out once per file. */
interface RowLayout {
  /** Cells a row needs (`neededCells`). */
  readonly needed: number;
  /** Each mapped column and the cell it is read from, in the mapping's order. */
  readonly columns: readonly (readonly [PdsMeshRequestColumn, number])[];
}

/** Errors in the shape of the record: cells that are not in the encoding, too few or too many. */
function structuralErrors(
  decoded: DecodedCells,
  settings: RowReaderSettings,
  layout: RowLayout,
): RowError[] {
  const { texts, invalid } = decoded;
  const errors: RowError[] = [];
  const width = settings.header.length;
  let extra = false;
  for (let i = width; i < texts.length && !extra; i += 1) {
    extra = (texts[i] ?? '').trim() !== '';
  }
  if (extra) {
    errors.push({
      code: '17',
      field: 'row',
      message: `the row has ${texts.length} cells but the header has ${width} columns`,
    });
  } else if (texts.length < Math.min(layout.needed, width)) {
    errors.push({
      code: '16',
      field: 'row',
      message: `the row has ${texts.length} cells but the header has ${width} columns`,
    });
  }
  const bad =
    invalid === undefined ? undefined : layout.columns.find(([, index]) => invalid.has(index));
  if (bad !== undefined) {
    const [column] = bad;
    errors.push({
      code: '01',
      field: column,
      message: `${column} holds bytes that are not valid ${settings.encoding === 'utf-8' ? 'UTF-8' : 'text'} (save the file as UTF-8, or read it as windows-1252)`,
    });
  }
  return errors;
}

/** Cells a row needs: up to the last named column (trailing blank header cells may be left off). */
function neededCells(header: readonly string[]): number {
  return header.length - [...header].reverse().findIndex((name) => name.trim() !== '');
}

/**
 * Makes the function that turns each CSV record of a request file into a {@link SourceRow}:
 * decodes and checks the cells, maps them to PDS MESH columns, checks the row with
 * `parseRequestRow`, and flags a `UNIQUE REFERENCE` already used earlier in the file (`08`;
 * the first row keeps it). Rows whose cells are all blank give `undefined` (skipped).
 * Memory: the references seen are kept in a Map (reference → line), about 60 to 100 bytes a
 * row, so 1 million rows take some 100 MB.
 * @param settings - the header, where each column is, the encoding and the row context
 */
export function rowReader(
  settings: RowReaderSettings,
): (record: CsvRecord, rowIndex: number) => SourceRow | undefined {
  const seen = new Map<string, number>();
  const layout: RowLayout = {
    needed: neededCells(settings.header),
    columns: [...settings.columns.indexes],
  };
  return (record, rowIndex) => {
    const decoded = decodeCells(record.cells, settings.encoding);
    const cells = decoded.texts;
    if (cells.every((cell) => cell.trim() === '')) {
      return undefined;
    }
    const row = emptyRequestRow();
    for (const [column, index] of layout.columns) {
      row[column] = cells[index] ?? '';
    }
    const structural = structuralErrors(decoded, settings, layout);
    let result: RequestRowResult =
      structural.length > 0 ? fail(...structural) : parseFullRequestRow(row, settings.context);
    const aligned = !structural.some((e) => e.code === '16' || e.code === '17');
    const reference = row['UNIQUE REFERENCE'].trim();
    if (aligned && isUsableReference(reference)) {
      const first = seen.get(reference);
      if (first === undefined) {
        seen.set(reference, record.startLine);
      } else {
        result = fail(duplicateError(first), ...(result.success ? [] : result.issues));
      }
    }
    return { lineNumber: record.startLine, rowIndex, row, result };
  };
}

function isUsableReference(reference: string): boolean {
  return referenceError(reference) === undefined && reference.length <= FIELD_LIMITS[REFERENCE];
}

function duplicateError(firstLine: number): RowError {
  return {
    code: '08',
    field: REFERENCE,
    message: `UNIQUE REFERENCE was already used on line ${firstLine}; every row needs its own`,
  };
}
