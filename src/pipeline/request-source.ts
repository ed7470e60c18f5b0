import { open } from 'node:fs/promises';
import { fail, ok, type Result } from '../core/result.js';
import {
  resolveColumns,
  type ColumnMapping,
  type ResolvedColumns,
} from '../formats/column-mapping.js';
import type { RequestDateFormat } from '../formats/pds-mesh-request-types.js';
import { decodeHeader, formatHint, type RequestFileEncoding } from './request-source-decode.js';
import { csvRecordBatches, type CsvRecord, type CsvStop } from './request-source-records.js';
import {
  rawRowReader,
  rowReader,
  type RawRow,
  type RowReaderSettings,
  type SourceRow,
} from './request-source-row.js';
import { stopRow } from './request-source-stop.js';

export type { RawRow, RowReaderSettings, SourceRow } from './request-source-row.js';
export type { RequestFileEncoding } from './request-source-decode.js';

/** How to read a request file. */
export interface RequestSourceOptions {
  /** For a CSV that is not a PDS MESH request file: request column → the CSV's column name. */
  readonly mapping?: ColumnMapping;
  /** The layout of the date columns; default `YYYYMMDD` (PDS MESH). */
  readonly dateFormat?: RequestDateFormat;
  /** The reference day `YYYY-MM-DD`: dates of birth after it are errors. No clock is read. */
  readonly today?: string;
  /** The file's encoding; default `utf-8`. */
  readonly encoding?: RequestFileEncoding;
  /** The longest record accepted, in bytes; default 1 MiB. Bounds memory on a broken file. */
  readonly maxRecordBytes?: number;
}

/** Counts kept while a request file is read. */
export interface RequestSourceStats {
  /** Data rows yielded so far (rows with errors included). */
  dataRows: number;
  /** Rows yielded with an error. */
  rowErrors: number;
  /** Lines skipped because every cell was blank (empty lines are skipped silently by the parser). */
  blankRows: number;
  /** The line the file became unreadable on (an unclosed quote), or `null` when read to the end. */
  stoppedAtLine: number | null;
  /** Bytes of the file read so far (ahead of the rows yielded by at most a read buffer or two). */
  bytesRead: number;
}

/** A request file whose header has been read and accepted. */
export interface RequestSource {
  /** The file name (or the name given to a stream), for messages. */
  readonly name: string;
  /** The header row's column names, decoded. */
  readonly header: readonly string[];
  /** Where each PDS MESH request column is found in a row. */
  readonly columns: ResolvedColumns;
  /** The file's size in bytes, for progress; `undefined` for a stream of unknown length. */
  readonly totalBytes: number | undefined;
  /** Live counts; complete once {@link RequestSource.rows} is exhausted. */
  readonly stats: Readonly<RequestSourceStats>;
  /**
   * Streams the data rows in file order, each with its result. Single use (and only one of
   * `rows` and `batches`). Never throws for bad content (only for I/O errors); stopping early
   * (`break`) closes the file.
   */
  rows(): AsyncGenerator<SourceRow>;
  /** {@link RequestSource.rows} in batches (those of one read of the file; never empty). */
  batches(): AsyncGenerator<SourceRow[]>;
  /**
   * The data rows in batches as {@link batches} gives them, before each is checked: its record,
   * its index and whether its reference was used before (`rawRowChecker` over {@link reading}
   * makes the {@link SourceRow}). Single use, instead of `rows` or `batches`; `stats.rowErrors`
   * is not counted (the rows are checked elsewhere).
   */
  rawBatches(): AsyncGenerator<RawRow[]>;
  /** How the rows are read: what `rawRowChecker` needs. */
  readonly reading: RowReaderSettings;
  /**
   * Closes the file. Needed only when {@link RequestSource.rows} may not have been read to the
   * end or stopped early (a run that fails or returns before it reads); harmless after them, and
   * when called twice.
   */
  close(): Promise<void>;
}

const DEFAULT_MAX_RECORD_BYTES = 1 << 20;

/**
 * Opens a request CSV and checks its header. Fails, as a value with a clear message, when the
 * file cannot be opened or is not a request file: empty, binary, UTF-16, JSON, a header that is
 * not valid in the encoding, or a header without `UNIQUE REFERENCE` (or the mapped reference
 * column) and at least one column a trace uses. The CLI exits 2 on such a failure.
 * @param path - the request file
 * @param options - column mapping, date layout, reference day, encoding, record size limit
 */
export async function openRequestFile(
  path: string,
  options: RequestSourceOptions = {},
): Promise<Result<RequestSource>> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return fail({ code: 'unreadable', path, message: `${path}: cannot open the file (${code})` });
  }
  const stats = await handle.stat();
  if (!stats.isFile()) {
    await handle.close();
    return fail({ code: 'unreadable', path, message: `${path}: not a file` });
  }
  const input = handle.createReadStream({ highWaterMark: 1 << 16 });
  return openCountedStream(input, path, options, stats.size);
}

/**
 * As {@link openRequestFile}, for bytes from any stream (an upload, a test buffer).
 * @param input - the file's bytes
 * @param name - what to call the file in messages
 * @param options - as for {@link openRequestFile}
 */
export function openRequestStream(
  input: AsyncIterable<Buffer | string>,
  name: string,
  options: RequestSourceOptions = {},
): Promise<Result<RequestSource>> {
  return openCountedStream(input, name, options, undefined);
}

/** Passes the chunks on, adding their byte lengths to `stats.bytesRead`. */
async function* counted(
  input: AsyncIterable<Buffer | string>,
  stats: RequestSourceStats,
): AsyncGenerator<Buffer | string> {
  for await (const chunk of input) {
    stats.bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    yield chunk;
  }
}

async function openCountedStream(
  input: AsyncIterable<Buffer | string>,
  name: string,
  options: RequestSourceOptions,
  totalBytes: number | undefined,
): Promise<Result<RequestSource>> {
  const encoding = options.encoding ?? 'utf-8';
  const stats: RequestSourceStats = {
    dataRows: 0,
    rowErrors: 0,
    blankRows: 0,
    stoppedAtLine: null,
    bytesRead: 0,
  };
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const records = new RecordCursor(csvRecordBatches(counted(input, stats), maxRecordBytes));
  const failure = async (code: string, message: string): Promise<Result<never>> => {
    await records.close();
    return fail({ code, path: name, message: `${name}: ${message}` });
  };
  let first: CsvRecord | CsvStop | undefined;
  try {
    do {
      first = await records.next();
    } while (first?.kind === 'record' && first.cells.every((cell) => cell.trim() === ''));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return failure('unreadable', `cannot read the file (${code})`);
  }
  if (first === undefined) {
    return failure('empty', 'the file is empty; a request file starts with a header row');
  }
  if (first.kind === 'stop') {
    return failure(
      'not-csv',
      'the first line cannot be read as CSV (an unclosed quote, or not text)',
    );
  }
  const header = decodeHeader(first.cells, encoding);
  if (!header.success) {
    return failure(header.issues[0]?.code ?? 'not-csv', header.issues[0]?.message ?? 'unreadable');
  }
  const columns = resolveColumns(header.data, options.mapping);
  if (!columns.success) {
    const reasons = columns.issues.map((issue) => issue.message).join('; ');
    return failure(
      'not-request-file',
      `not a PDS MESH request file: ${reasons}${formatHint(header.data)}`,
    );
  }
  return ok(
    makeSource({
      name,
      header: header.data,
      columns: columns.data,
      encoding,
      options,
      records,
      stats,
      totalBytes,
    }),
  );
}

/**
 * The CSV records of a file, batch by batch ({@link csvRecordBatches}), also read one at a time
 * (the header and any blank lines before it) from the same place.
 */
class RecordCursor {
  readonly #batches: AsyncGenerator<(CsvRecord | CsvStop)[]>;
  #batch: readonly (CsvRecord | CsvStop)[] = [];
  #at = 0;

  constructor(batches: AsyncGenerator<(CsvRecord | CsvStop)[]>) {
    this.#batches = batches;
  }

  /** The next record; `undefined` at the end. */
  async next(): Promise<CsvRecord | CsvStop | undefined> {
    while (this.#at >= this.#batch.length) {
      const next = await this.#batches.next();
      if (next.done === true) {
        return undefined;
      }
      this.#batch = next.value;
      this.#at = 0;
    }
    const record = this.#batch[this.#at];
    this.#at += 1;
    return record;
  }

  /** The records not yet read, in batches: first the rest of the current batch. */
  async *batches(): AsyncGenerator<readonly (CsvRecord | CsvStop)[]> {
    if (this.#at < this.#batch.length) {
      const rest = this.#batch.slice(this.#at);
      this.#at = this.#batch.length;
      yield rest;
    }
    for (;;) {
      const next = await this.#batches.next();
      if (next.done === true) {
        return;
      }
      yield next.value;
    }
  }

  /** Stops reading and closes the file (harmless when called again). */
  async close(): Promise<void> {
    await this.#batches.return(undefined);
  }
}

interface SourceParts {
  readonly name: string;
  readonly header: readonly string[];
  readonly columns: ResolvedColumns;
  readonly encoding: RequestFileEncoding;
  readonly options: RequestSourceOptions;
  readonly records: RecordCursor;
  readonly stats: RequestSourceStats;
  readonly totalBytes: number | undefined;
}

function makeSource(parts: SourceParts): RequestSource {
  const { options } = parts;
  const context = {
    dateFormat: options.dateFormat ?? 'YYYYMMDD',
    genderCodes: options.mapping === undefined ? ('pds' as const) : ('any' as const),
    ...(options.today === undefined ? {} : { today: options.today }),
  };
  const reading: RowReaderSettings = {
    header: parts.header,
    columns: parts.columns,
    encoding: parts.encoding,
    context,
  };
  const { stats } = parts;
  /** Every data row of the file made by `read`, in batches; `undefined` from `read` for a blank. */
  async function* readBatches<T>(
    read: (record: CsvRecord | CsvStop, rowIndex: number) => T | undefined,
    counted: (row: T) => void,
  ): AsyncGenerator<T[]> {
    try {
      for await (const records of parts.records.batches()) {
        const batch: T[] = [];
        for (const record of records) {
          const row = read(record, stats.dataRows);
          if (record.kind === 'stop') {
            stats.stoppedAtLine = record.startLine;
          }
          if (row === undefined) {
            stats.blankRows += 1;
            continue;
          }
          stats.dataRows += 1;
          counted(row);
          batch.push(row);
        }
        if (batch.length > 0) {
          yield batch;
        }
      }
    } finally {
      await parts.records.close();
    }
  }
  const checked = rowReader(reading);
  const raw = rawRowReader(reading);
  const batches = (): AsyncGenerator<SourceRow[]> =>
    readBatches(
      (record, rowIndex) =>
        record.kind === 'stop' ? stopRow(record, rowIndex) : checked(record, rowIndex),
      (row) => {
        stats.rowErrors += row.result.success ? 0 : 1;
      },
    );
  const rawBatches = (): AsyncGenerator<RawRow[]> =>
    readBatches(
      (record, rowIndex) => (record.kind === 'stop' ? { record, rowIndex } : raw(record, rowIndex)),
      () => undefined,
    );
  async function* rows(): AsyncGenerator<SourceRow> {
    for await (const batch of batches()) {
      yield* batch;
    }
  }
  const close = async (): Promise<void> => {
    await parts.records.close();
  };
  const { name, header, columns, totalBytes } = parts;
  return { name, header, columns, totalBytes, stats, rows, batches, rawBatches, reading, close };
}
