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
import type { CsvRecord, CsvStop } from './request-source-records.js';
import { stopRow } from './request-source-stop.js';

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

/** A record's cells decoded and placed under their columns, before the row is checked. */
interface RowShape {
  readonly row: PdsMeshRequestRow;
  readonly structural: RowError[];
  /** `UNIQUE REFERENCE`, trimmed, when it can be told apart from other rows' (`08`). */
  readonly reference: string | undefined;
}

/** What the row reader works out once per file. */
function layoutOf(settings: RowReaderSettings): RowLayout {
  return { needed: neededCells(settings.header), columns: [...settings.columns.indexes] };
}

/** The record's shape; `undefined` when every cell is blank (the row is skipped). */
function shapeOf(
  record: CsvRecord,
  settings: RowReaderSettings,
  layout: RowLayout,
): RowShape | undefined {
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
  const aligned = !structural.some((e) => e.code === '16' || e.code === '17');
  const reference = row['UNIQUE REFERENCE'].trim();
  return {
    row,
    structural,
    reference: aligned && isUsableReference(reference) ? reference : undefined,
  };
}

/** The checked row of a record's shape; `firstLine` flags its reference as used before (`08`). */
function checkedRow(
  shape: RowShape,
  at: { readonly record: CsvRecord; readonly rowIndex: number; readonly firstLine?: number },
  settings: RowReaderSettings,
): SourceRow {
  const { record, rowIndex, firstLine } = at;
  const { row, structural } = shape;
  let result: RequestRowResult =
    structural.length > 0 ? fail(...structural) : parseFullRequestRow(row, settings.context);
  if (firstLine !== undefined) {
    result = fail(duplicateError(firstLine), ...(result.success ? [] : result.issues));
  }
  return { lineNumber: record.startLine, rowIndex, row, result };
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
  const seen = firstUses();
  const layout = layoutOf(settings);
  return (record, rowIndex) => {
    const shape = shapeOf(record, settings, layout);
    return shape === undefined
      ? undefined
      : checkedRow(shape, { record, rowIndex, ...firstLineOf(seen(shape, record)) }, settings);
  };
}

/** Where each reference was first used: the line before this record's, or `undefined`. */
function firstUses(): (shape: RowShape, record: CsvRecord) => number | undefined {
  const seen = new Map<string, number>();
  return ({ reference }, record) => {
    if (reference === undefined) {
      return undefined;
    }
    const first = seen.get(reference);
    if (first === undefined) {
      seen.set(reference, record.startLine);
    }
    return first;
  };
}

/** `{ firstLine }` when there is one (optional members are left out, never `undefined`). */
const firstLineOf = (firstLine: number | undefined): { firstLine?: number } =>
  firstLine === undefined ? {} : { firstLine };

/**
 * A data row as read, before it is checked: what a trace worker is sent (cells cost little to
 * copy between threads; a checked row's objects would cost more than checking it there).
 */
export interface RawRow {
  readonly record: CsvRecord | CsvStop;
  readonly rowIndex: number;
  /** The line an earlier row used this row's `UNIQUE REFERENCE` on (`08`). */
  readonly firstLine?: number;
}

/**
 * Makes the function that splits a request file's records into {@link RawRow}s: the part of
 * {@link rowReader} that must see every row in order (blank rows, references used before).
 * @param settings - the header, where each column is, the encoding and the row context
 * @returns the raw row of a record and its index among the data rows, `undefined` for a blank
 */
export function rawRowReader(
  settings: RowReaderSettings,
): (record: CsvRecord, rowIndex: number) => RawRow | undefined {
  const seen = firstUses();
  const layout = layoutOf(settings);
  return (record, rowIndex) => {
    const shape = shapeOf(record, settings, layout);
    if (shape === undefined) {
      return undefined;
    }
    return { record, rowIndex, ...firstLineOf(seen(shape, record)) };
  };
}

/**
 * Makes the function that checks a {@link RawRow} as {@link rowReader} would have read it (on
 * a trace worker): the same row, the same errors.
 * @param settings - as the raw rows were read with
 */
export function rawRowChecker(settings: RowReaderSettings): (raw: RawRow) => SourceRow {
  const layout = layoutOf(settings);
  return ({ record, rowIndex, firstLine }) => {
    if (record.kind === 'stop') {
      return stopRow(record, rowIndex);
    }
    const shape = shapeOf(record, settings, layout);
    if (shape === undefined) {
      throw new RangeError(`line ${String(record.startLine)} is blank: it is not a data row`);
    }
    return checkedRow(shape, { record, rowIndex, ...firstLineOf(firstLine) }, settings);
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
