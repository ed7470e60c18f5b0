import { isAscii } from 'node:buffer';
import { open } from 'node:fs/promises';
import type { RegisterPerson } from '../core/person.js';
import type { Issue, Result } from '../core/result.js';
import { checkNdjson } from './register-record-check.js';

/** Bytes read from a file at a time. */
const READ_BYTES = 1 << 20;

const NEWLINE = 0x0a;

/**
 * Reads a file in runs of whole lines, as bytes: each run ends just after a newline (the last
 * may end at the end of the file without one). Lines are cut on the newline byte, which never
 * occurs inside a UTF-8 sequence, so a character is never split between two runs: decoding each
 * read on its own garbled any character that straddled two reads. Each run has a buffer of its
 * own (not from Node's shared pool), so it can be transferred to a worker thread. A line longer
 * than a read is carried into the next until its newline comes.
 * @param path - the file
 * @param onBytes - called with the size of each read, for progress
 * @param readBytes - bytes read at a time (1 MiB)
 */
export async function* wholeLineRuns(
  path: string,
  onBytes: (bytes: number) => void,
  readBytes = READ_BYTES,
): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    let rest = Buffer.alloc(0);
    for (;;) {
      const buffer = Buffer.allocUnsafeSlow(rest.length + readBytes);
      rest.copy(buffer);
      const { bytesRead } = await handle.read(buffer, rest.length, readBytes, null);
      onBytes(bytesRead);
      const end = rest.length + bytesRead;
      if (bytesRead === 0) {
        if (end > 0) {
          yield buffer.subarray(0, end);
        }
        return;
      }
      const cut = buffer.subarray(0, end).lastIndexOf(NEWLINE) + 1;
      rest = cut === 0 ? buffer.subarray(0, end) : Buffer.from(buffer.subarray(cut, end));
      if (cut > 0) {
        yield buffer.subarray(0, cut);
      }
    }
  } finally {
    await handle.close();
  }
}

/**
 * Decodes one line of UTF-8 bytes. A line of plain ASCII, the usual case, is copied as Latin-1,
 * which gives the same string for far less work, and a one-byte string that parses faster than
 * the two-byte string UTF-8 decoding makes of a run holding one accented letter anywhere.
 * @param buffer - the bytes
 * @param start - where the line starts
 * @param end - where it ends (its newline, or the end of the bytes)
 */
export function decodeLine(buffer: Buffer, start: number, end: number): string {
  return isAscii(buffer.subarray(start, end))
    ? buffer.toString('latin1', start, end)
    : buffer.toString('utf8', start, end);
}

/** A bad record of a run: its line (1-based within the run) and what is wrong with it. */
export interface RejectedLine {
  readonly line: number;
  readonly issues: readonly Issue[];
}

/**
 * Files one checked record: a valid person serialised as the stores stage it, a refused one
 * with its line and issues.
 * @param into - where valid people and refused records go
 * @param line - the record's line
 * @param result - the check's result
 */
export function keepChecked(
  into: { readonly docs: string[]; readonly rejects: RejectedLine[] },
  line: number,
  result: Result<RegisterPerson>,
): void {
  if (result.success) {
    into.docs.push(JSON.stringify(result.data));
  } else {
    into.rejects.push({ line, issues: result.issues });
  }
}

/** A run of NDJSON lines, checked. Plain data, so it can be sent between threads. */
export interface CheckedRun {
  /** Lines in the run, blank ones included (to number the next run's lines). */
  readonly lines: number;
  /** Records (lines that are not blank). */
  readonly records: number;
  /** Each valid person, in file order, as `JSON.stringify` of the register person. */
  readonly docs: string[];
  /** The records refused, with their lines within the run. */
  readonly rejects: RejectedLine[];
}

/**
 * Checks a run of whole NDJSON lines (from {@link wholeLineRuns}): each line that is not blank
 * is a FHIR Patient, checked as `register import` checks it. Valid people come back serialised,
 * as the stores stage them, so they cross from a worker thread as strings and are never parsed
 * again on the main thread.
 * @param bytes - whole lines of UTF-8 text
 */
export function checkNdjsonRun(bytes: Uint8Array): CheckedRun {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const docs: string[] = [];
  const rejects: RejectedLine[] = [];
  let records = 0;
  let lines = 0;
  for (let start = 0; start < buffer.length; lines += 1) {
    const newline = buffer.indexOf(NEWLINE, start);
    const end = newline === -1 ? buffer.length : newline;
    const text = decodeLine(buffer, start, end);
    start = end + 1;
    if (text.trim() === '') {
      continue;
    }
    records += 1;
    keepChecked({ docs, rejects }, lines + 1, checkNdjson(text));
  }
  return { lines, records, docs, rejects };
}
