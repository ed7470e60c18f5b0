import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse';
import { inChunks } from './async-chunks.js';
import type { ParsePool } from './register-parse-pool.js';
import {
  checkNdjsonRun,
  keepChecked,
  wholeLineRuns,
  type CheckedRun,
  type RejectedLine,
} from './register-ndjson-lines.js';
import { checkRawRecord, type RawRecord, type SourceRecord } from './register-record-check.js';

export type { SourceRecord } from './register-record-check.js';

/**
 * A register file that cannot be read at all (as opposed to a bad record inside it): missing,
 * unreadable, or not the format it claims. The command exits 2 and the store is untouched.
 */
export class RegisterFileError extends Error {
  override name = 'RegisterFileError' as const;
  readonly file: string;

  /**
   * @param file - the file at fault
   * @param message - what is wrong, without patient data
   * @param options - the underlying cause
   */
  constructor(file: string, message: string, options?: ErrorOptions) {
    super(`${file}: ${message}`, options);
    this.file = file;
  }
}

/** The register file formats `register import` reads. */
export type RegisterFileFormat = 'ndjson' | 'csv';

/**
 * Works out a file's format: `.ndjson`, `.jsonl` and `.json` are FHIR NDJSON (Bulk Data), `.csv`
 * is the register CSV; any other name is NDJSON when its first non-blank character is `{`.
 * @param path - the file
 */
export async function detectRegisterFormat(path: string): Promise<RegisterFileFormat> {
  const ext = extname(path).toLowerCase();
  if (ext === '.ndjson' || ext === '.jsonl' || ext === '.json') {
    return 'ndjson';
  }
  if (ext === '.csv') {
    return 'csv';
  }
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').trimStart().startsWith('{')
      ? 'ndjson'
      : 'csv';
  } finally {
    await handle.close();
  }
}

async function* rawCsv(path: string, onBytes: (bytes: number) => void): AsyncGenerator<RawRecord> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  stream.on('data', (chunk) => {
    onBytes(chunk.length);
  });
  const skipped: RawRecord[] = [];
  const parser = stream.pipe(
    parse({ columns: true, info: true, bom: true, skip_records_with_error: true }),
  );
  parser.on('skip', (error: Error & { lines?: number }) => {
    const reason = error.message.replace(/^Invalid Record Length: /, '');
    skipped.push({ kind: 'unreadable', line: error.lines ?? 0, reason });
  });
  let first = true;
  for await (const entry of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    if (first && !('nhs_number' in entry.record)) {
      throw new RegisterFileError(path, 'not a register CSV: the header has no nhs_number column');
    }
    first = false;
    yield* skipped.splice(0);
    yield { kind: 'csv', line: entry.info.lines, row: entry.record };
  }
  yield* skipped.splice(0);
}

/** CSV records handed on at a time. */
const BATCH = 1_000;

/** A batch of a register file's records, checked: the valid people and the records refused. */
export interface CheckedBatch {
  /** Records in the batch (valid and refused). */
  readonly records: number;
  /** Each valid person, in file order, as `JSON.stringify` of the register person. */
  readonly docs: readonly string[];
  /** The records refused, with their line in the file (1-based; CSV: the header is 1). */
  readonly rejects: readonly RejectedLine[];
}

/** Checked CSV records as a batch. */
function csvBatch(checked: readonly SourceRecord[]): CheckedBatch {
  const batch: { records: number; docs: string[]; rejects: RejectedLine[] } = {
    records: checked.length,
    docs: [],
    rejects: [],
  };
  for (const { line, result } of checked) {
    keepChecked(batch, line, result);
  }
  return batch;
}

/** Checked NDJSON runs as batches, their lines numbered from the start of the file. */
async function* ndjsonBatches(runs: AsyncIterable<CheckedRun>): AsyncGenerator<CheckedBatch> {
  let before = 0;
  for await (const run of runs) {
    const rejects = run.rejects.map(({ line, issues }) => ({ line: before + line, issues }));
    before += run.lines;
    yield { records: run.records, docs: run.docs, rejects };
  }
}

/**
 * Streams a register file in batches of checked records (a FHIR Patient per NDJSON line, or a
 * register CSV row), so a bad record is a value with the reason, never an abort. Valid people
 * come serialised, as the stores stage them (`RegisterImport.addJson`). NDJSON comes in runs of
 * whole lines (about 1 MiB each), CSV in batches of 1,000 records, so the per-record cost of async
 * iteration is paid once per batch. Blank NDJSON lines are skipped. Fails only on I/O errors
 * (an unreadable file, a CSV with no `nhs_number` header).
 * @param path - the file
 * @param format - its format, from {@link detectRegisterFormat}
 * @param onBytes - called with the size of each chunk read, for progress
 * @param pool - worker threads to check records on; checked on this thread when absent
 */
export async function* readRegisterBatches(
  path: string,
  format: RegisterFileFormat,
  onBytes: (bytes: number) => void = () => undefined,
  pool?: ParsePool,
): AsyncGenerator<CheckedBatch> {
  if (format === 'ndjson') {
    const runs = wholeLineRuns(path, onBytes);
    yield* ndjsonBatches(
      pool === undefined ? mapAsync(runs, checkNdjsonRun) : pool.checkRuns(runs),
    );
    return;
  }
  const raws = inChunks(rawCsv(path, onBytes), BATCH);
  const checked =
    pool === undefined ? mapAsync(raws, (batch) => batch.map(checkRawRecord)) : pool.check(raws);
  yield* mapAsync(checked, csvBatch);
}

async function* mapAsync<T, R>(items: AsyncIterable<T>, f: (item: T) => R): AsyncGenerator<R> {
  for await (const item of items) {
    yield f(item);
  }
}
