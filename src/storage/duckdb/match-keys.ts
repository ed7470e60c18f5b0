import { closeSync, fstatSync, openSync, renameSync, rmSync } from 'node:fs';
import { endianness } from 'node:os';
import { readExactly, writeAll } from './file-bytes.js';

/**
 * The match index's blocking keys (`match_key`: a 64-bit key and a register position), readable
 * by key without a scan. DuckDB answers a join of a chunk's keys to `match_key` by reading all of
 * it (about 169,000,000 keys at 10,000,000 people), whatever the chunk's size; a trace pays that at
 * every chunk (docs/benchmarks.md). Here the keys are sorted, grouped into buckets by their top
 * bits, and a directory of the buckets is held in memory: a key costs one read of its bucket.
 *
 * File layout (`<register>.match-keys`): the magic `NHSKEYS1`; the entries, each 12 bytes (the
 * key's low and high 32 bits, then the position, unsigned little-endian), in key order; the
 * directory, `2^bits + 1` unsigned 32-bit entry numbers (where each bucket starts, then the
 * entry count); the stamp of the index (UTF-8); and a trailer of three float64 (entries, bits,
 * the stamp's length) and the magic again. A file whose stamp is not the index's, or that is
 * cut short, is not used (the keys are written again from `match_key`).
 */

const MAGIC = Buffer.from('NHSKEYS1', 'latin1');
const ENTRY_BYTES = 12;
const TRAILER = 3 * 8 + MAGIC.length;
/** Bytes gathered before each write. */
const WRITE_BUFFER = 4 << 20;
/** The most directory bits: 16,777,216 buckets, a 64 MiB directory. */
const MAX_BITS = 24;

/** Blocking keys by key. */
export interface MatchKeys {
  /** Entries (key, position) held. */
  readonly entries: number;
  /**
   * Appends to `into` the positions of the register records holding a key.
   * @param high - the key's high 32 bits (unsigned)
   * @param low - the key's low 32 bits (unsigned)
   * @param into - where the positions go
   */
  positions(high: number, low: number, into: number[]): void;
  /**
   * What a worker thread needs to read these keys ({@link sharedKeysReader}): the directory in
   * shared memory, and the file's descriptor or the bytes held; `undefined` for keys of a
   * `:memory:` register.
   */
  shared(): SharedKeys | undefined;
  /** Releases the file. */
  close(): void;
}

/**
 * A keys file as threads share it: the directory in shared memory, and the entries either held
 * in shared memory (`bytes`, the whole file) or read from the file's open descriptor (`fd`:
 * descriptors belong to the process, so a worker reads the very file this thread opened, even
 * if another build has since put a new one in its place). Valid while the keys are open.
 */
export interface SharedKeys {
  readonly entries: number;
  readonly bits: number;
  /** `2^bits + 1` unsigned 32-bit entry numbers. */
  readonly directory: SharedArrayBuffer;
  readonly fd?: number;
  readonly bytes?: SharedArrayBuffer;
}

/** Adds entries in key order, then publishes them under a stamp. */
export interface MatchKeysWriter {
  /** Adds the next entry; keys must come in ascending unsigned order. */
  add(high: number, low: number, rid: number): void;
  /** Makes the keys readable under `stamp` (atomically). */
  finish(stamp: string): void;
  /** Throws away what was written. */
  abandon(): void;
}

/**
 * Directory bits for `entries` keys: about eight entries a bucket, at most {@link MAX_BITS}.
 * @param entries - entries to be written
 */
export function directoryBits(entries: number): number {
  let bits = 1;
  while (bits < MAX_BITS && entries / 2 ** bits > 8) {
    bits += 1;
  }
  return bits;
}

/** The file name suffix of the blocking keys (`<register>.match-keys`). */
export const BLOCKING_KEYS = 'match-keys';

/**
 * Where a keys file of a register file lives (`undefined`: in memory).
 * @param registerPath - the DuckDB file, or `:memory:` / `undefined`
 * @param suffix - which keys (default the blocking keys, {@link BLOCKING_KEYS})
 */
export function matchKeysPath(
  registerPath: string | undefined,
  suffix: string = BLOCKING_KEYS,
): string | undefined {
  return registerPath === undefined || registerPath === ':memory:'
    ? undefined
    : `${registerPath}.${suffix}`;
}

/** Where written bytes go: a file being written, or memory. */
interface ByteSink {
  write(bytes: Uint8Array, length: number): void;
  finish(): void;
  abandon(): void;
}

class KeysWriter implements MatchKeysWriter {
  readonly #sink: ByteSink;
  readonly #bits: number;
  readonly #directory: Uint32Array;
  #buffer = Buffer.allocUnsafe(WRITE_BUFFER);
  #used = 0;
  #entries = 0;
  /** The next bucket whose start is not yet known. */
  #bucket = 0;
  #lastHigh = 0;
  #lastLow = 0;

  constructor(sink: ByteSink, bits: number) {
    this.#sink = sink;
    this.#bits = bits;
    this.#directory = new Uint32Array(2 ** bits + 1);
    sink.write(MAGIC, MAGIC.length);
  }

  #flush(): void {
    this.#sink.write(this.#buffer, this.#used);
    this.#used = 0;
  }

  add(high: number, low: number, rid: number): void {
    if (
      this.#entries > 0 &&
      (high < this.#lastHigh || (high === this.#lastHigh && low < this.#lastLow))
    ) {
      throw new Error('match keys must be written in key order');
    }
    if (this.#entries >= 0xffffffff) {
      throw new Error('too many match keys for one file');
    }
    this.#lastHigh = high;
    this.#lastLow = low;
    const bucket = high >>> (32 - this.#bits);
    while (this.#bucket <= bucket) {
      this.#directory[this.#bucket] = this.#entries;
      this.#bucket += 1;
    }
    if (this.#used + ENTRY_BYTES > this.#buffer.length) {
      this.#flush();
    }
    this.#buffer.writeUInt32LE(low, this.#used);
    this.#buffer.writeUInt32LE(high, this.#used + 4);
    this.#buffer.writeUInt32LE(rid, this.#used + 8);
    this.#used += ENTRY_BYTES;
    this.#entries += 1;
  }

  finish(stamp: string): void {
    while (this.#bucket < this.#directory.length) {
      this.#directory[this.#bucket] = this.#entries;
      this.#bucket += 1;
    }
    this.#flush();
    const directory = new Uint8Array(this.#directory.buffer);
    this.#sink.write(directory, directory.length);
    const stampBytes = Buffer.from(stamp, 'utf8');
    this.#sink.write(stampBytes, stampBytes.length);
    const trailer = Buffer.alloc(TRAILER);
    trailer.writeDoubleLE(this.#entries, 0);
    trailer.writeDoubleLE(this.#bits, 8);
    trailer.writeDoubleLE(stampBytes.length, 16);
    MAGIC.copy(trailer, 24);
    this.#sink.write(trailer, TRAILER);
    this.#sink.finish();
  }

  abandon(): void {
    this.#sink.abandon();
  }
}

/** Reads `length` bytes at `position` into `into`; false when the source ends first. */
type ReadAt = (into: Uint8Array, length: number, position: number) => boolean;

/** Where the entries of a keys file are read from, for {@link SharedKeys}. */
type SharedSource = Pick<SharedKeys, 'fd' | 'bytes'>;

/**
 * The whole keys file held in memory as 32-bit words, when its bytes start on a 4-byte boundary
 * and this machine stores words little-endian, as the file does: entry `n` is then words
 * `2 + 3n` (low), `3 + 3n` (high) and `4 + 3n` (position), read in place.
 */
function heldWords(bytes: Uint8Array): Uint32Array | undefined {
  return bytes.byteOffset % 4 === 0 && endianness() === 'LE'
    ? new Uint32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 4))
    : undefined;
}

class Keys implements MatchKeys {
  readonly entries: number;
  readonly #bits: number;
  readonly #directory: Uint32Array;
  readonly #readAt: ReadAt;
  readonly #words: Uint32Array | undefined;
  readonly #release: () => void;
  readonly #source: SharedSource | undefined;
  #scratch = Buffer.allocUnsafe(64 << 10);

  constructor(
    layout: Layout,
    read: {
      readonly readAt: ReadAt;
      readonly held?: Uint8Array;
      readonly shared?: SharedSource;
    },
    release: () => void,
  ) {
    this.entries = layout.entries;
    this.#bits = layout.bits;
    this.#directory = layout.directory;
    this.#readAt = read.readAt;
    this.#words = read.held === undefined ? undefined : heldWords(read.held);
    this.#source = read.shared;
    this.#release = release;
  }

  shared(): SharedKeys | undefined {
    const directory = this.#directory.buffer;
    if (this.#source === undefined || !(directory instanceof SharedArrayBuffer)) {
      return undefined;
    }
    return { entries: this.entries, bits: this.#bits, directory, ...this.#source };
  }

  positions(high: number, low: number, into: number[]): void {
    const bucket = high >>> (32 - this.#bits);
    const start = this.#directory[bucket] ?? 0;
    const end = this.#directory[bucket + 1] ?? 0;
    if (end <= start) {
      return;
    }
    const words = this.#words;
    if (words !== undefined) {
      // Held: the bucket is scanned where it lies, with no copy and no system call.
      const first = MAGIC.length / 4 + start * 3;
      const last = MAGIC.length / 4 + end * 3;
      for (let at = first; at < last; at += 3) {
        if (words[at] === low && words[at + 1] === high) {
          into.push(words[at + 2] ?? 0);
        }
      }
      return;
    }
    const length = (end - start) * ENTRY_BYTES;
    if (length > this.#scratch.length) {
      this.#scratch = Buffer.allocUnsafe(length);
    }
    const scratch = this.#scratch;
    if (!this.#readAt(scratch, length, MAGIC.length + start * ENTRY_BYTES)) {
      throw new Error('the match keys file ends early');
    }
    for (let at = 0; at < length; at += ENTRY_BYTES) {
      if (scratch.readUInt32LE(at) === low && scratch.readUInt32LE(at + 4) === high) {
        into.push(scratch.readUInt32LE(at + 8));
      }
    }
  }

  close(): void {
    this.#release();
  }
}

/** How many entries, the directory's bits, and the directory. */
interface Layout {
  readonly entries: number;
  readonly bits: number;
  readonly directory: Uint32Array;
}

/** The layout of a keys source of `size` bytes when it is whole and carries `stamp`. */
function readLayout(readAt: ReadAt, size: number, stamp: string): Layout | undefined {
  if (size < MAGIC.length + TRAILER) {
    return undefined;
  }
  const trailer = Buffer.alloc(TRAILER);
  const head = Buffer.alloc(MAGIC.length);
  if (
    !readAt(trailer, TRAILER, size - TRAILER) ||
    !trailer.subarray(24).equals(MAGIC) ||
    !readAt(head, MAGIC.length, 0) ||
    !head.equals(MAGIC)
  ) {
    return undefined;
  }
  const entries = trailer.readDoubleLE(0);
  const bits = trailer.readDoubleLE(8);
  const stampLength = trailer.readDoubleLE(16);
  if (!Number.isInteger(bits) || bits < 1 || bits > MAX_BITS) {
    return undefined;
  }
  const directoryAt = MAGIC.length + entries * ENTRY_BYTES;
  const directoryBytes = (2 ** bits + 1) * 4;
  if (directoryAt + directoryBytes + stampLength + TRAILER !== size) {
    return undefined;
  }
  const stored = Buffer.alloc(stampLength);
  if (!readAt(stored, stampLength, directoryAt + directoryBytes)) {
    return undefined;
  }
  if (stored.toString('utf8') !== stamp) {
    return undefined;
  }
  // In shared memory, for worker threads (`MatchKeys.shared`).
  const directory = new Uint32Array(new SharedArrayBuffer(directoryBytes));
  if (!readAt(new Uint8Array(directory.buffer), directoryBytes, directoryAt)) {
    return undefined;
  }
  return directory[0] === 0 && directory[2 ** bits] === entries
    ? { entries, bits, directory }
    : undefined;
}

/** Reads from bytes held in memory. */
function memoryReadAt(bytes: Uint8Array): ReadAt {
  return (into, length, position) => {
    if (position + length > bytes.length) {
      return false;
    }
    into.set(bytes.subarray(position, position + length));
    return true;
  };
}

function openFileKeys(path: string, stamp: string, memoryBudget: number): MatchKeys | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  const size = fstatSync(fd).size;
  if (size <= memoryBudget) {
    // Read whole (into memory worker threads share): a look-up is then a copy, not a system call.
    const shared = new SharedArrayBuffer(size);
    const bytes = Buffer.from(shared);
    const whole = readExactly(fd, bytes, size, 0);
    closeSync(fd);
    const readAt = memoryReadAt(bytes);
    const layout = whole ? readLayout(readAt, size, stamp) : undefined;
    return layout === undefined
      ? undefined
      : new Keys(layout, { readAt, held: bytes, shared: { bytes: shared } }, () => {
          // Freed with the handle.
        });
  }
  const readAt = fileReadAt(fd);
  const layout = readLayout(readAt, size, stamp);
  if (layout === undefined) {
    closeSync(fd);
    return undefined;
  }
  return new Keys(layout, { readAt, shared: { fd } }, () => {
    closeSync(fd);
  });
}

/** Reads from an open file. */
function fileReadAt(fd: number): ReadAt {
  return (into, length, position) => readExactly(fd, into, length, position);
}

/**
 * Reads keys another thread opened ({@link MatchKeys.shared}); valid while that thread keeps
 * them open. Closing it releases nothing (the opening thread owns the file).
 * @param shared - the shared keys
 */
export function sharedKeysReader(shared: SharedKeys): MatchKeys {
  const layout = {
    entries: shared.entries,
    bits: shared.bits,
    directory: new Uint32Array(shared.directory),
  };
  let readAt: ReadAt;
  let held: Uint8Array | undefined;
  if (shared.bytes !== undefined) {
    held = new Uint8Array(shared.bytes);
    readAt = memoryReadAt(held);
  } else if (shared.fd !== undefined) {
    readAt = fileReadAt(shared.fd);
  } else {
    throw new Error('shared match keys hold neither bytes nor a file');
  }
  return new Keys(layout, held === undefined ? { readAt } : { readAt, held }, () => {
    // The opening thread closes the file.
  });
}

function fileSink(path: string): ByteSink {
  const temp = `${path}.${String(process.pid)}.tmp`;
  const fd = openSync(temp, 'w');
  let open = true;
  return {
    write: (bytes, length) => {
      writeAll(fd, bytes, length);
    },
    finish: () => {
      open = false;
      closeSync(fd);
      renameSync(temp, path);
    },
    abandon: () => {
      if (open) {
        open = false;
        closeSync(fd);
      }
      rmSync(temp, { force: true });
    },
  };
}

/** Where one register's keys are written and found (see `MatchDocsHome`). */
export interface MatchKeysHome {
  /** A writer for `entries` keys. */
  writer(entries: number): MatchKeysWriter;
  open(stamp: string): MatchKeys | undefined;
}

/** Keys files of registers held in memory: by the register's handle, then by suffix. */
const inMemory = new WeakMap<object, Map<string, Buffer>>();

/** Settings of {@link matchKeysHome}. */
export interface MatchKeysHomeOptions {
  /** Which keys (the file name suffix); default {@link BLOCKING_KEYS}. */
  readonly suffix?: string;
  /**
   * A file of at most this many bytes is read into memory when opened, so a look-up costs no
   * system call; a larger one is read a bucket at a time. Default 0 (always by bucket).
   */
  readonly memoryBudget?: number;
}

/**
 * The home of a register's keys: a file beside the register, or (for a `:memory:` register)
 * this process's memory, keyed by the register's handle.
 * @param registerPath - the DuckDB file, or `:memory:` / `undefined`
 * @param owner - the register's handle (keys the keys held in memory)
 * @param options - which keys, and how much may be held in memory
 */
export function matchKeysHome(
  registerPath: string | undefined,
  owner: object,
  options: MatchKeysHomeOptions = {},
): MatchKeysHome {
  const suffix = options.suffix ?? BLOCKING_KEYS;
  const path = matchKeysPath(registerPath, suffix);
  if (path !== undefined) {
    const budget = options.memoryBudget ?? 0;
    return {
      writer: (entries) => new KeysWriter(fileSink(path), directoryBits(entries)),
      open: (stamp) => openFileKeys(path, stamp, budget),
    };
  }
  const published = inMemory.get(owner) ?? new Map<string, Buffer>();
  inMemory.set(owner, published);
  return {
    writer: (entries) => {
      const parts: Buffer[] = [];
      const sink: ByteSink = {
        write: (bytes, length) => {
          parts.push(Buffer.from(bytes.subarray(0, length)));
        },
        finish: () => {
          published.set(suffix, Buffer.concat(parts));
        },
        abandon: () => {
          parts.length = 0;
        },
      };
      return new KeysWriter(sink, directoryBits(entries));
    },
    open: (stamp) => {
      const bytes = published.get(suffix);
      if (bytes === undefined) {
        return undefined;
      }
      const readAt = memoryReadAt(bytes);
      const layout = readLayout(readAt, bytes.length, stamp);
      return layout === undefined
        ? undefined
        : new Keys(layout, { readAt, held: bytes }, () => {
            // Held as long as the register.
          });
    },
  };
}
