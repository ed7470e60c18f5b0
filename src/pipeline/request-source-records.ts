import { Parser } from 'csv-parse';

/** One CSV record with the physical lines it spans (1-based, inclusive). */
export interface CsvRecord {
  readonly kind: 'record';
  /** The cells, one character per byte (decode them with `decodeCells`). */
  readonly cells: readonly string[];
  readonly startLine: number;
  readonly endLine: number;
}

/** Why reading stopped: `unclosed-quote`, `record-too-long`, or another csv-parse error. */
export type CsvStopCode = 'unclosed-quote' | 'record-too-long' | 'unreadable';

const STOP_CODES: Readonly<Record<string, CsvStopCode>> = {
  CSV_QUOTE_NOT_CLOSED: 'unclosed-quote',
  CSV_MAX_RECORD_SIZE: 'record-too-long',
};

/**
 * The point where the CSV stops being readable: a quoted field never closed, or a record longer
 * than the limit. Nothing after it can be split into records, so it ends the stream.
 */
export interface CsvStop {
  readonly kind: 'stop';
  readonly code: CsvStopCode;
  /** The line the unreadable record starts on. */
  readonly startLine: number;
}

const LINE_BREAK = /\r\n|\r|\n/g;

/** The number of line breaks inside the cells (quoted fields may hold them). */
function breaksIn(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) {
    if (cell.includes('\n') || cell.includes('\r')) {
      count += cell.match(LINE_BREAK)?.length ?? 0;
    }
  }
  return count;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Passes the chunks on without a leading UTF-8 byte order mark. It must go before the CSV parser
 * sees the bytes: left in, it stands before the first cell's opening quote, so a quoted header
 * (`"UNIQUE REFERENCE",…`, as R and many exports write) would be read with its quotes as text.
 * A mark split over several chunks is found too. Anything else, a UTF-16 mark included, is
 * passed on untouched (the header check refuses UTF-16 with its own message).
 * @param input - the file's bytes
 */
export async function* withoutUtf8Bom(
  input: AsyncIterable<Buffer | string>,
): AsyncGenerator<Buffer | string> {
  // The first bytes, held while they could still be the start of a mark; undefined once decided.
  let head: Buffer | undefined = Buffer.alloc(0);
  for await (const chunk of input) {
    if (head === undefined) {
      yield chunk;
      continue;
    }
    if (typeof chunk === 'string') {
      const atStart = head.length === 0 && chunk.startsWith('\uFEFF');
      if (head.length > 0) {
        yield head;
      }
      head = undefined;
      yield atStart ? chunk.slice(1) : chunk;
      continue;
    }
    const bytes: Buffer = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
    if (bytes.length < UTF8_BOM.length && UTF8_BOM.subarray(0, bytes.length).equals(bytes)) {
      head = bytes;
      continue;
    }
    head = undefined;
    const rest = UTF8_BOM.equals(bytes.subarray(0, UTF8_BOM.length))
      ? bytes.subarray(UTF8_BOM.length)
      : bytes;
    if (rest.length > 0) {
      yield rest;
    }
  }
  if (head !== undefined && head.length > 0) {
    yield head;
  }
}

/**
 * Splits a byte stream into CSV records with csv-parse, streaming: memory holds one input
 * chunk's records at a time, and no record may exceed `maxRecordBytes` (an unclosed quote would
 * otherwise swallow the rest of the file). Records keep their bytes (parsed as `latin1`) so the
 * caller can check the encoding cell by cell. Quotes are relaxed (a stray `"` inside a field is
 * kept as text), records may have any number of cells, empty lines are skipped, and line ends
 * may be CRLF, LF or CR; a leading UTF-8 byte order mark is dropped ({@link withoutUtf8Bom}).
 * Line numbers are counted here rather than taken from csv-parse, which counts a CRLF inside a
 * quoted field as two lines. Records come in batches, those of one read of the input (a stop,
 * when there is one, ends the last batch): per record, an async generator's step cost more than
 * the record (a heap profile of a trace put 5% of its main thread's allocation there).
 * @param input - the file's bytes
 * @param maxRecordBytes - the longest record accepted
 */
export async function* csvRecordBatches(
  input: AsyncIterable<Buffer | string>,
  maxRecordBytes: number,
): AsyncGenerator<(CsvRecord | CsvStop)[]> {
  const pending: { cells: string[]; emptyLines: number }[] = [];
  const parser = new Parser({
    encoding: 'latin1',
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: maxRecordBytes,
    on_record: (cells: string[], info) => {
      pending.push({ cells, emptyLines: info.empty_lines });
      return null;
    },
  });
  // Errors are read from `parser.errored` after each write; this keeps them from being thrown.
  parser.on('error', () => undefined);
  let endLine = 0;
  let emptyLines = 0;
  function flush(): (CsvRecord | CsvStop)[] {
    const batch: (CsvRecord | CsvStop)[] = [];
    for (const { cells, emptyLines: empty } of pending) {
      const startLine = endLine + 1 + (empty - emptyLines);
      emptyLines = empty;
      endLine = startLine + breaksIn(cells);
      batch.push({ kind: 'record', cells, startLine, endLine });
    }
    pending.length = 0;
    return batch;
  }
  const stop = (error: Error): CsvStop => ({
    kind: 'stop',
    code: STOP_CODES[(error as Error & { code?: string }).code ?? ''] ?? 'unreadable',
    startLine: endLine + 1 + (parser.info.empty_lines - emptyLines),
  });
  try {
    for await (const chunk of withoutUtf8Bom(input)) {
      parser.write(chunk);
      const batch = flush();
      if (parser.errored !== null) {
        batch.push(stop(parser.errored));
        yield batch;
        return;
      }
      if (batch.length > 0) {
        yield batch;
      }
    }
    await new Promise<void>((resolve) => {
      parser.end(() => {
        resolve();
      });
    });
    const batch = flush();
    if (parser.errored !== null) {
      batch.push(stop(parser.errored));
    }
    if (batch.length > 0) {
      yield batch;
    }
  } finally {
    parser.destroy();
  }
}
