import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse';
import type { ParsePool } from './register-parse-pool.js';
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

/** Reads a file as UTF-8 lines, reporting bytes read as it goes. */
async function* lines(path: string, onBytes: (bytes: number) => void): AsyncGenerator<string> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  let rest = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    onBytes(chunk.length);
    const text = rest + chunk.toString('utf8');
    const parts = text.split('\n');
    rest = parts.pop() ?? '';
    yield* parts;
  }
  if (rest !== '') {
    yield rest;
  }
}

async function* rawNdjson(
  path: string,
  onBytes: (bytes: number) => void,
): AsyncGenerator<RawRecord> {
  let line = 0;
  for await (const text of lines(path, onBytes)) {
    line += 1;
    if (text.trim() !== '') {
      yield { kind: 'ndjson', line, text };
    }
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

async function* checkInline(raws: AsyncIterable<RawRecord>): AsyncGenerator<SourceRecord> {
  for await (const raw of raws) {
    yield checkRawRecord(raw);
  }
}

/**
 * Streams a register file record by record, each already checked (a FHIR Patient per NDJSON
 * line, or a register CSV row), so a bad record is a value with the reason, never an abort.
 * Blank NDJSON lines are skipped. Fails only on I/O errors (an unreadable file, a CSV with no
 * `nhs_number` header).
 * @param path - the file
 * @param format - its format, from {@link detectRegisterFormat}
 * @param onBytes - called with the size of each chunk read, for progress
 * @param pool - worker threads to check records on; checked on this thread when absent
 */
export function readRegisterFile(
  path: string,
  format: RegisterFileFormat,
  onBytes: (bytes: number) => void = () => undefined,
  pool?: ParsePool,
): AsyncGenerator<SourceRecord> {
  const raws = format === 'ndjson' ? rawNdjson(path, onBytes) : rawCsv(path, onBytes);
  return pool === undefined ? checkInline(raws) : pool.check(raws);
}
