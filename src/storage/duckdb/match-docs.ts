import { closeSync, fstatSync, openSync, read, readSync, renameSync, rmSync } from 'node:fs';
import type { MatchRecord } from '../../matching/index.js';
import { RecordDecoder } from '../../matching/record-decoder.js';
import { RecordEncoder } from '../../matching/record-encoder.js';
import { readExactly, writeAll } from './file-bytes.js';

/**
 * The match index's documents (each register person's match record and current demographics
 * as JSON), readable by position (`rid`) without a scan. DuckDB has no random row access: a
 * join that fetches 50,000 documents reads the whole JSON column, at every chunk of a trace
 * (docs/benchmarks.md). These documents live beside the register file instead, in a file of
 * their own read by byte offset (`<register>.match-docs`), or in memory for a `:memory:`
 * register.
 *
 * The records, read for every candidate of a trace, come first and together, apart from the
 * demographics, read only for matched people: the page cache then holds the records alone
 * (413 MB at 10,000,000 people) rather than every page they share with demographics.
 *
 * File layout: the magic `NHSDOCS3`; the match records, back to back (the binary form of
 * `RecordEncoder`); then the current demographics, back to back (JSON); the offsets of document
 * boundaries (float64, little-endian): `people + 1` for the records, then `people + 1` for the
 * demographics; the table of values the records share (`RecordEncoder.table`, UTF-8 JSON); the
 * stamp of the index (UTF-8); and a trailer of four float64 (where the offsets start, how many,
 * the table's length, the stamp's length) and the magic again. A file whose stamp is not the
 * index's, or that is cut short, is not used.
 */

/** Documents by position. */
export interface MatchDocs {
  /** People held. */
  readonly people: number;
  /** The match record of position `rid`. */
  record(rid: number): MatchRecord;
  /** The current demographics JSON of position `rid`. */
  person(rid: number): string;
  /**
   * Reads the whole file once, front to back, in the background, so that the page cache holds
   * it before the random reads of a trace reach it. Cold, each read waits on the disk (50–90 µs
   * measured here, against 3–9 µs warm): against 10,000,000 people the first 300,000 rows of a
   * trace went at 580 a second, then at 1,900 once the file was cached. Stops at `close`.
   * The match records section is kept in memory when it is at most `recordsBudget` bytes, and
   * records are read from there once it is whole.
   * @param recordsBudget - default {@link RECORDS_IN_MEMORY_BYTES}
   * @returns settles when the file has been read through, or the read stopped
   */
  warm(recordsBudget?: number): Promise<void>;
  /**
   * The match records in shared memory, for worker threads to read (`search-pool.ts`): once
   * {@link warm} holds them; `undefined` before, or when they are not held.
   */
  shared(): SharedRecords | undefined;
  /** Releases the file. */
  close(): void;
}

/**
 * The match records section and its offsets in memory that threads share: record `rid` is the
 * bytes from `offsets[rid]` up to `offsets[rid + 1]` of `records`, read by a `RecordDecoder`
 * over `table`.
 */
export interface SharedRecords {
  readonly records: SharedArrayBuffer;
  /** Float64 offsets (at least `people + 1` of them). */
  readonly offsets: SharedArrayBuffer;
  readonly people: number;
  /** The records' table (`RecordEncoder.table`). */
  readonly table: string;
  /**
   * The documents file's open descriptor, for reading the demographics (`MatchDocs.person`) on
   * another thread ({@link DocumentReader}): descriptors belong to the process. Valid while the
   * documents are open.
   */
  readonly fd: number;
}

/**
 * Reads documents by position from an open documents file: a record (`MatchDocs.record`, while
 * the records are not held) or the current demographics (`MatchDocs.person`). Built over
 * {@link SharedRecords} it reads the demographics on a search worker, so that the matched people
 * of a chunk are read beside its search rather than on the thread that answers the rows (a
 * `readSync` each, about 14 µs at 10,000,000 people).
 */
export class DocumentReader {
  readonly #fd: number;
  readonly #offsets: Float64Array;
  readonly #people: number;
  #scratch = Buffer.allocUnsafe(64 << 10);

  /**
   * @param file - the file's descriptor, its offsets (records then demographics) and people
   */
  constructor(file: {
    readonly fd: number;
    readonly offsets: Float64Array;
    readonly people: number;
  }) {
    this.#fd = file.fd;
    this.#offsets = file.offsets;
    this.#people = file.people;
  }

  /**
   * The byte range of document `n` (the record or demographics of position `rid`).
   * @param n - the document: `rid` for its record, `people + 1 + rid` for its demographics
   * @param rid - its position
   */
  range(n: number, rid: number): readonly [number, number] {
    const start = this.#offsets[n];
    const end = this.#offsets[n + 1];
    if (start === undefined || end === undefined || !(rid >= 0 && rid < this.#people)) {
      throw new RangeError(`no match document at position ${String(rid)}`);
    }
    return [start, end];
  }

  /**
   * Document `n`'s bytes (see {@link range}), read into a buffer that the next read reuses.
   * @param n - the document
   * @param rid - its position
   */
  read(n: number, rid: number): Buffer {
    const [start, end] = this.range(n, rid);
    const length = end - start;
    if (length > this.#scratch.length) {
      this.#scratch = Buffer.allocUnsafe(length);
    }
    if (!readExactly(this.#fd, this.#scratch, length, start)) {
      throw new Error('the match documents file ends early');
    }
    return this.#scratch.subarray(0, length);
  }

  /**
   * The current demographics JSON of position `rid`.
   * @param rid - a position
   */
  person(rid: number): string {
    return this.read(this.#people + 1 + rid, rid).toString('utf8');
  }
}

/** Adds documents in position order, then publishes them under a stamp. */
export interface MatchDocsWriter {
  /** Adds the documents of the next position. */
  add(record: MatchRecord, person: string): void;
  /** Makes the documents readable by {@link openMatchDocs} under `stamp` (atomically). */
  finish(stamp: string): void;
  /** Throws away what was written (the build failed). */
  abandon(): void;
}

const MAGIC = Buffer.from('NHSDOCS3', 'latin1');
const TRAILER = 4 * 8 + MAGIC.length;
/** Bytes gathered before each write. */
const WRITE_BUFFER = 4 << 20;

/**
 * Where the documents of a register file live (`undefined`: in memory).
 * @param registerPath - the DuckDB file, or `:memory:`
 */
export function matchDocsPath(registerPath: string | undefined): string | undefined {
  return registerPath === undefined || registerPath === ':memory:'
    ? undefined
    : `${registerPath}.match-docs`;
}

/** A growable float64 list. */
class Offsets {
  #values = new Float64Array(1 << 16);
  length = 0;

  push(value: number): void {
    if (this.length === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.length] = value;
    this.length += 1;
  }

  values(): Float64Array {
    return this.#values.subarray(0, this.length);
  }
}

/** A file written front to back through a buffer. */
class BufferedFile {
  readonly fd: number;
  #buffer = Buffer.allocUnsafe(WRITE_BUFFER);
  #used = 0;
  #written = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  /** Bytes put so far. */
  get size(): number {
    return this.#written + this.#used;
  }

  flush(): void {
    writeAll(this.fd, this.#buffer, this.#used);
    this.#written += this.#used;
    this.#used = 0;
  }

  put(text: string, encoding: BufferEncoding = 'utf8'): void {
    // A UTF-8 character takes at most three bytes per UTF-16 unit.
    const most = text.length * 3;
    if (this.#used + most > this.#buffer.length) {
      this.flush();
      if (most > this.#buffer.length) {
        this.#buffer = Buffer.allocUnsafe(most);
      }
    }
    this.#used += this.#buffer.write(text, this.#used, encoding);
  }

  putBytes(bytes: Uint8Array): void {
    if (this.#used + bytes.length > this.#buffer.length) {
      this.flush();
      if (bytes.length > this.#buffer.length) {
        this.#buffer = Buffer.allocUnsafe(bytes.length);
      }
    }
    this.#buffer.set(bytes, this.#used);
    this.#used += bytes.length;
  }

  /** Appends the whole of the file `from` (already flushed and closed by its writer). */
  append(from: string): void {
    this.flush();
    const fd = openSync(from, 'r');
    try {
      const block = this.#buffer;
      for (;;) {
        const got = readSync(fd, block, 0, block.length, null);
        if (got === 0) {
          break;
        }
        writeAll(this.fd, block, got);
        this.#written += got;
      }
    } finally {
      closeSync(fd);
    }
  }
}

class FileDocsWriter implements MatchDocsWriter {
  readonly #path: string;
  readonly #temp: string;
  /** The current demographics, gathered apart and appended after the records at the end. */
  readonly #peopleTemp: string;
  readonly #records: BufferedFile;
  readonly #people: BufferedFile;
  readonly #recordEnds = new Offsets();
  readonly #personEnds = new Offsets();
  readonly #encoder = new RecordEncoder();
  #open = true;

  constructor(path: string) {
    this.#path = path;
    this.#temp = `${path}.${String(process.pid)}.tmp`;
    this.#peopleTemp = `${path}.${String(process.pid)}.people.tmp`;
    this.#records = new BufferedFile(this.#temp);
    try {
      this.#people = new BufferedFile(this.#peopleTemp);
    } catch (error) {
      closeSync(this.#records.fd);
      rmSync(this.#temp, { force: true });
      throw error;
    }
    this.#records.put(MAGIC.toString('latin1'), 'latin1');
    this.#recordEnds.push(this.#records.size);
    this.#personEnds.push(0);
  }

  add(record: MatchRecord, person: string): void {
    this.#records.putBytes(this.#encoder.encode(record));
    this.#recordEnds.push(this.#records.size);
    this.#people.put(person);
    this.#personEnds.push(this.#people.size);
  }

  finish(stamp: string): void {
    this.#people.flush();
    closeSync(this.#people.fd);
    const recordsEnd = this.#records.size;
    this.#records.append(this.#peopleTemp);
    rmSync(this.#peopleTemp, { force: true });
    const offsetsAt = this.#records.size;
    const offsets = new Float64Array(this.#recordEnds.length + this.#personEnds.length);
    offsets.set(this.#recordEnds.values());
    const personEnds = this.#personEnds.values();
    for (let n = 0; n < personEnds.length; n += 1) {
      offsets[this.#recordEnds.length + n] = recordsEnd + (personEnds[n] ?? 0);
    }
    const bytes = Buffer.from(offsets.buffer);
    const table = Buffer.from(this.#encoder.table(), 'utf8');
    const stampBytes = Buffer.from(stamp, 'utf8');
    const trailer = Buffer.alloc(TRAILER);
    trailer.writeDoubleLE(offsetsAt, 0);
    trailer.writeDoubleLE(offsets.length, 8);
    trailer.writeDoubleLE(table.length, 16);
    trailer.writeDoubleLE(stampBytes.length, 24);
    MAGIC.copy(trailer, 32);
    // At the end of the file, where appending the demographics left it.
    for (const part of [bytes, table, stampBytes, trailer]) {
      writeAll(this.#records.fd, part, part.length);
    }
    this.#open = false;
    closeSync(this.#records.fd);
    renameSync(this.#temp, this.#path);
  }

  abandon(): void {
    if (this.#open) {
      this.#open = false;
      closeSync(this.#records.fd);
      try {
        closeSync(this.#people.fd);
      } catch {
        // Already closed by a finish that failed part-way.
      }
    }
    rmSync(this.#temp, { force: true });
    rmSync(this.#peopleTemp, { force: true });
  }
}

/** Bytes per read while warming. */
const WARM_BLOCK = 8 << 20;

/**
 * The largest records section {@link MatchDocs.warm} keeps in the process (2 GiB: a register of
 * about 50,000,000 people in binary records, 13,000,000 in the JSON text before them). Read from
 * memory, a record costs no `pread` (about 4 µs when cached, far more when the page cache
 * cannot hold the documents beside the register). Above it the records stay in the page cache
 * only. At 10,000,000 people (then 1.5 GB of JSON records) holding them took the trace from
 * 220.6 to 191.4 s, peaking at 6,496 MiB
 * with DuckDB's limit lowered while tracing (`TRACING_MEMORY_LIMIT`); under a 1 GiB budget
 * session 13 had measured it no faster (docs/benchmarks.md).
 */
export const RECORDS_IN_MEMORY_BYTES = 2 ** 31;

class FileDocs implements MatchDocs {
  readonly people: number;
  readonly #path: string;
  readonly #fd: number;
  readonly #offsets: Float64Array;
  /** Reads documents from the file: the demographics, and the records until they are held. */
  readonly #reader: DocumentReader;
  readonly #table: string;
  readonly #decoder: RecordDecoder;
  #warming: Promise<void> | undefined;
  /** The records section (from byte 0), once {@link warm} has read it and it fits the budget. */
  #records: Buffer | undefined;
  #closed = false;

  constructor(path: string, fd: number, { offsets, table }: DocsIndex) {
    this.#path = path;
    this.#fd = fd;
    this.#offsets = offsets;
    this.#table = table;
    this.#decoder = new RecordDecoder(table);
    this.people = offsets.length / 2 - 1;
    this.#reader = new DocumentReader({ fd, offsets, people: this.people });
  }

  warm(recordsBudget = RECORDS_IN_MEMORY_BYTES): Promise<void> {
    this.#warming ??= new Promise((resolve) => {
      // A descriptor of its own: closing the documents never pulls it from under a read.
      let fd: number;
      try {
        fd = openSync(this.#path, 'r');
      } catch {
        resolve();
        return;
      }
      // The records come first: read into a buffer of their own when they fit the budget, and
      // read from there from then on; the rest of the file only passes through the page cache.
      const recordsEnd = this.#offsets[this.people] ?? 0;
      // In shared memory, so that worker threads read the same bytes (`shared`).
      const keep =
        recordsEnd <= recordsBudget ? Buffer.from(new SharedArrayBuffer(recordsEnd)) : undefined;
      const block = Buffer.allocUnsafe(WARM_BLOCK);
      const next = (position: number): void => {
        const into = keep !== undefined && position < recordsEnd ? keep : block;
        const at = into === keep ? position : 0;
        const length = Math.min(WARM_BLOCK, into.length - at);
        read(fd, into, at, length, position, (error, bytes) => {
          if (error !== null || bytes === 0 || this.#closed) {
            closeSync(fd);
            resolve();
            return;
          }
          if (into === keep && position + bytes === recordsEnd) {
            this.#records = keep;
          }
          next(position + bytes);
        });
      };
      next(0);
    });
    return this.#warming;
  }

  record(rid: number): MatchRecord {
    if (this.#records === undefined) {
      return this.#decoder.decode(this.#reader.read(rid, rid));
    }
    const [start, end] = this.#reader.range(rid, rid);
    return this.#decoder.decode(this.#records, start, end);
  }

  person(rid: number): string {
    return this.#reader.person(rid);
  }

  shared(): SharedRecords | undefined {
    const records = this.#records?.buffer;
    const offsets = this.#offsets.buffer;
    return records instanceof SharedArrayBuffer && offsets instanceof SharedArrayBuffer
      ? { records, offsets, people: this.people, table: this.#table, fd: this.#fd }
      : undefined;
  }

  close(): void {
    this.#closed = true;
    this.#records = undefined;
    closeSync(this.#fd);
  }
}

/** Documents read from what another thread's {@link MatchDocs} shared. */
class SharedDocs implements MatchDocs {
  readonly people: number;
  readonly #shared: SharedRecords;
  readonly #records: Buffer;
  readonly #reader: DocumentReader;
  readonly #decoder: RecordDecoder;

  constructor(shared: SharedRecords) {
    this.#shared = shared;
    this.people = shared.people;
    this.#records = Buffer.from(shared.records);
    const offsets = new Float64Array(shared.offsets);
    this.#reader = new DocumentReader({ fd: shared.fd, offsets, people: shared.people });
    this.#decoder = new RecordDecoder(shared.table);
  }

  warm(): Promise<void> {
    return Promise.resolve();
  }

  record(rid: number): MatchRecord {
    const [start, end] = this.#reader.range(rid, rid);
    return this.#decoder.decode(this.#records, start, end);
  }

  person(rid: number): string {
    return this.#reader.person(rid);
  }

  shared(): SharedRecords {
    return this.#shared;
  }

  /** The file belongs to the documents that shared it: nothing to release here. */
  close(): void {
    return undefined;
  }
}

/**
 * Documents over what an open {@link MatchDocs} shared (`MatchDocs.shared`), on a worker
 * thread: the records from shared memory, the demographics through the file's descriptor.
 * Valid while the documents that shared them are open.
 * @param shared - the shared records
 */
export function sharedMatchDocs(shared: SharedRecords): MatchDocs {
  return new SharedDocs(shared);
}

/** What a documents file holds besides the documents. */
interface DocsIndex {
  readonly offsets: Float64Array;
  /** The records' table (`RecordEncoder.table`). */
  readonly table: string;
}

/** The offsets and table of a documents file when it is whole and carries `stamp`. */
function readIndex(fd: number, stamp: string): DocsIndex | undefined {
  const size = fstatSync(fd).size;
  if (size < MAGIC.length + TRAILER) {
    return undefined;
  }
  const trailer = Buffer.alloc(TRAILER);
  if (!readExactly(fd, trailer, TRAILER, size - TRAILER) || !trailer.subarray(32).equals(MAGIC)) {
    return undefined;
  }
  const offsetsAt = trailer.readDoubleLE(0);
  const count = trailer.readDoubleLE(8);
  const tableLength = trailer.readDoubleLE(16);
  const stampLength = trailer.readDoubleLE(24);
  const tableAt = offsetsAt + count * 8;
  if (tableAt + tableLength + stampLength + TRAILER !== size || count % 2 !== 0 || count < 2) {
    return undefined;
  }
  const stored = Buffer.alloc(stampLength);
  if (
    !readExactly(fd, stored, stampLength, tableAt + tableLength) ||
    stored.toString('utf8') !== stamp
  ) {
    return undefined;
  }
  const table = Buffer.alloc(tableLength);
  if (!readExactly(fd, table, tableLength, tableAt)) {
    return undefined;
  }
  // In shared memory, for worker threads (`MatchDocs.shared`).
  const offsets = new Float64Array(new SharedArrayBuffer(count * 8));
  const ok = readExactly(fd, new Uint8Array(offsets.buffer), count * 8, offsetsAt);
  const people = count / 2 - 1;
  const whole =
    ok &&
    offsets[0] === MAGIC.length &&
    offsets[people] === offsets[people + 1] &&
    offsets[count - 1] === offsetsAt;
  return whole ? { offsets, table: table.toString('utf8') } : undefined;
}

/**
 * Opens the documents of an index built under `stamp`; `undefined` when they are missing, were
 * built for another stamp, or the file is not whole (the index is then rebuilt).
 * @param path - the documents file (`matchDocsPath`), or `undefined` for none on disk
 * @param stamp - the stamp of the index in the register
 */
export function openMatchDocs(path: string | undefined, stamp: string): MatchDocs | undefined {
  if (path === undefined) {
    return undefined;
  }
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  const index = readIndex(fd, stamp);
  try {
    if (index !== undefined) {
      return new FileDocs(path, fd, index);
    }
  } catch {
    // A table that does not read (damaged in place): not used, as a file cut short.
  }
  closeSync(fd);
  return undefined;
}

/** Documents of a `:memory:` register, kept in the process. */
class MemoryDocs implements MatchDocs, MatchDocsWriter {
  /** Each position's encoded record and demographics, in turn. */
  readonly #docs: (Uint8Array | string)[] = [];
  readonly #encoder = new RecordEncoder();
  #decoder: RecordDecoder | undefined;
  readonly #published: Map<string, MemoryDocs>;
  readonly #key: string;
  #finished = false;

  constructor(published: Map<string, MemoryDocs>, key: string) {
    this.#published = published;
    this.#key = key;
  }

  get people(): number {
    return this.#docs.length / 2;
  }

  add(record: MatchRecord, person: string): void {
    // The same encoding as a file's, so that both are read alike.
    this.#docs.push(this.#encoder.encode(record).slice(), person);
  }

  finish(stamp: string): void {
    this.#finished = true;
    this.#decoder = new RecordDecoder(this.#encoder.table());
    this.#published.set(`${this.#key}|${stamp}`, this);
  }

  abandon(): void {
    if (!this.#finished) {
      this.#docs.length = 0;
    }
  }

  #doc(n: number): Uint8Array | string {
    const doc = this.#docs[n];
    if (doc === undefined) {
      throw new RangeError(`no match document at position ${String(n >> 1)}`);
    }
    return doc;
  }

  record(rid: number): MatchRecord {
    const bytes = this.#doc(2 * rid);
    if (typeof bytes === 'string' || this.#decoder === undefined) {
      throw new Error('match documents read before they were finished');
    }
    return this.#decoder.decode(bytes);
  }

  person(rid: number): string {
    return String(this.#doc(2 * rid + 1));
  }

  warm(): Promise<void> {
    // Already in memory.
    return Promise.resolve();
  }

  shared(): undefined {
    // Strings of this thread's heap: searches of a `:memory:` register rank in this thread.
    return undefined;
  }

  close(): void {
    // Nothing to release: the documents live as long as their register.
  }
}

/**
 * Where one register's documents are written and found: a file beside the register, or (for a
 * `:memory:` register) this process's memory, keyed by the register's handle.
 */
export interface MatchDocsHome {
  writer(): MatchDocsWriter;
  open(stamp: string): MatchDocs | undefined;
}

const inMemory = new WeakMap<object, Map<string, MemoryDocs>>();

/**
 * The home of a register's documents.
 * @param registerPath - the DuckDB file, or `:memory:` / `undefined`
 * @param owner - the register's handle (keys documents kept in memory)
 */
export function matchDocsHome(registerPath: string | undefined, owner: object): MatchDocsHome {
  const path = matchDocsPath(registerPath);
  if (path !== undefined) {
    return { writer: () => new FileDocsWriter(path), open: (stamp) => openMatchDocs(path, stamp) };
  }
  const published = inMemory.get(owner) ?? new Map<string, MemoryDocs>();
  inMemory.set(owner, published);
  return {
    writer: () => {
      published.clear();
      return new MemoryDocs(published, 'docs');
    },
    open: (stamp) => published.get(`docs|${stamp}`),
  };
}
