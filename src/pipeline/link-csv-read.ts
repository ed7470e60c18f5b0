import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { fail, ok, type Issue, type Result } from '../core/result.js';
import type { GenericRow } from '../matching/generic/index.js';

/** A CSV file read whole: its header and its rows by column name. */
export interface CsvTable {
  readonly path: string;
  readonly header: readonly string[];
  readonly rows: readonly GenericRow[];
}

/**
 * Reads a CSV file with a header row into memory (the linker holds both files anyway). Spaces
 * around each value and header name are trimmed, so `a, b` reads as `a` and `b` (the FEBRL files
 * put a space after each comma); a UTF-8 byte-order mark and blank lines are skipped; every row must have as many fields as the header. Fails with an
 * issue naming the file (and, from csv-parse, the line) when the file is missing or malformed.
 * @param path - the file
 */
export async function readCsvTable(path: string): Promise<Result<CsvTable>> {
  let records: string[][];
  try {
    records = parse(await readFile(path), { trim: true, skip_empty_lines: true, bom: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail({ code: 'unreadable-csv', path, message: `${path}: ${reason}` });
  }
  const [header, ...body] = records;
  if (header === undefined) {
    return fail({ code: 'empty-csv', path, message: `${path}: the file is empty (no header row)` });
  }
  const repeated = header.find((name, i) => header.indexOf(name) !== i);
  if (repeated !== undefined) {
    return fail({
      code: 'duplicate-column',
      path,
      message: `${path}: column '${repeated}' appears twice in the header`,
    });
  }
  const rows = body.map((record): GenericRow =>
    Object.fromEntries(header.map((name, i) => [name, record[i] ?? ''])),
  );
  return ok({ path, header, rows });
}

/**
 * Checks that a file has every column the settings name. One issue per missing column, each
 * naming the file and the column.
 * @param table - the file read
 * @param columns - the columns required on this side
 */
export function checkColumns(table: CsvTable, columns: readonly string[]): Issue[] {
  return columns
    .filter((column) => !table.header.includes(column))
    .map((column) => ({
      code: 'missing-column',
      path: `${table.path}:${column}`,
      message: `${table.path}: no column '${column}' (named in the settings); the header has ${table.header.join(', ')}`,
    }));
}
