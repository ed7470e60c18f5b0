import { open, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { csvLine } from '../formats/csv-line.js';

/** How far a sink's `.partial` file has got: what a resumed run truncates it to and continues. */
export interface SinkPosition {
  /** Bytes in the `.partial` file, header included. */
  readonly bytes: number;
  /** Rows written (header not counted). */
  readonly rows: number;
}

/** A CSV file being written atomically: rows go to `PATH.partial`, renamed to `PATH` on commit. */
export interface CsvSink {
  /** The final path. */
  readonly path: string;
  /** Rows written so far (header not counted). */
  readonly rows: number;
  /**
   * Appends one row; resolves once the sink can take more (bounded memory: a full buffer is
   * written in the background while the next rows are gathered, and the write that fills the
   * next one waits for it). Rejects with the error of a flush that failed before.
   * @param cells - the row's cells in header order
   */
  write(cells: readonly string[]): Promise<void>;
  /**
   * Appends rows already written as CSV lines (`csvLine`), as {@link write} appends one.
   * @param text - the rows' lines, joined
   * @param rows - how many rows they are
   */
  writeText(text: string, rows: number): Promise<void>;
  /**
   * Writes every buffered row to the `.partial` file and forces it to disk (fdatasync), for a
   * checkpoint: a run killed after this resolves can resume from the position it returns.
   */
  sync(): Promise<SinkPosition>;
  /** Flushes, forces to disk, closes and renames the `.partial` file to its final name. */
  commit(): Promise<void>;
  /**
   * Closes the `.partial` file and leaves it for a resumed run, which cuts it back to its last
   * checkpoint (rows still buffered are dropped: the resumed run writes them again).
   */
  close(): Promise<void>;
  /** Closes and deletes the `.partial` file; the final path is left untouched. */
  abort(): Promise<void>;
}

const FLUSH_AT = 1 << 16;

/** What a write that needs no flush gives: one settled promise, not one per row. */
const WRITTEN: Promise<void> = Promise.resolve();

/**
 * Text gathered as UTF-8 bytes until it is written. Encoding each row into a buffer as it comes
 * costs less than joining the rows into one string and encoding that at the flush (V8 then
 * flattens a string of thousands of pieces first: 0.5 s of a 100,000-row trace's profile).
 */
class PendingBytes {
  #bytes = Buffer.allocUnsafe(FLUSH_AT * 2);
  #used = 0;

  get length(): number {
    return this.#used;
  }

  put(text: string): void {
    // A UTF-8 character takes at most three bytes per UTF-16 unit.
    const most = text.length * 3;
    if (this.#used + most > this.#bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.#bytes.length * 2, this.#used + most));
      this.#bytes.copy(grown, 0, 0, this.#used);
      this.#bytes = grown;
    }
    this.#used += this.#bytes.write(text, this.#used, 'utf8');
  }

  /** The bytes gathered, handed over; gathering starts again in a new buffer. */
  take(): Buffer {
    const taken = this.#bytes.subarray(0, this.#used);
    this.#bytes = Buffer.allocUnsafe(FLUSH_AT * 2);
    this.#used = 0;
    return taken;
  }
}

async function openPartial(partial: string, resume: SinkPosition | undefined): Promise<FileHandle> {
  if (resume === undefined) {
    return open(partial, 'w');
  }
  const handle = await open(partial, 'r+');
  try {
    await handle.truncate(resume.bytes);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/**
 * Opens a CSV sink: writes the header, then rows, all to `PATH.partial`, so a reader never sees a
 * half-written file under the final name. Rows are buffered and written 64 KiB at a time.
 * With `resume`, the existing `.partial` file is cut back to `resume.bytes` (the position a
 * checkpoint recorded with {@link CsvSink.sync}) and rows are appended after it, header not
 * written again.
 * @param path - the final file path
 * @param header - the column names
 * @param resume - where an interrupted run's `.partial` file is continued from
 */
export function openCsvSink(
  path: string,
  header: readonly string[],
  resume?: SinkPosition,
): CsvSink {
  const partial = `${path}.partial`;
  const ready = openPartial(partial, resume);
  // A failed open is reported by the first write, sync or commit, never as an unhandled rejection.
  ready.catch(() => undefined);
  // csvLine, not csv-stringify: per row, csv-stringify made about 15 KB of garbage (1.5 GB per
  // 100,000 traced rows in a heap profile), the largest allocation of a trace.
  const pending = new PendingBytes();
  if (resume === undefined) {
    pending.put(csvLine(header));
  }
  let bytes = resume?.bytes ?? 0;
  let rows = resume?.rows ?? 0;
  let closed = false;
  /**
   * The last flush started: flushes run one after another, each after the one before, so the
   * next rows are gathered while one is written rather than the run waiting on the disk. Once a
   * flush fails, every later one fails with its error.
   */
  let writing: Promise<number> | undefined;
  /** Writes what is gathered, after the flushes before; resolves to the bytes then in the file. */
  const flush = (): Promise<number> => {
    const data = pending.length > 0 ? pending.take() : undefined;
    const before = writing;
    const run = (async () => {
      await before;
      const handle = await ready;
      if (data !== undefined) {
        for (let done = 0; done < data.length;) {
          const { bytesWritten } = await handle.write(data, done, data.length - done, bytes + done);
          done += bytesWritten;
        }
        bytes += data.length;
      }
      return bytes;
    })();
    writing = run;
    return run;
  };
  const close = async (): Promise<void> => {
    if (!closed) {
      closed = true;
      // A flush under way ends first (its failure was or will be reported by a write or sync).
      await writing?.catch(() => undefined);
      const handle = await ready.catch(() => undefined);
      await handle?.close();
    }
  };
  const writeText = (text: string, count: number): Promise<void> => {
    pending.put(text);
    rows += count;
    if (pending.length < FLUSH_AT) {
      return WRITTEN;
    }
    // The flush before this one must have ended (so at most two buffers wait on the disk),
    // and its failure is reported here; this one goes on while the next rows are gathered,
    // and a failure of it is reported by the write that starts the next flush, or by sync or
    // commit.
    const before = writing;
    flush().catch(() => undefined);
    return before === undefined ? WRITTEN : before.then(() => undefined);
  };
  return {
    path,
    get rows() {
      return rows;
    },
    write(cells) {
      return writeText(csvLine(cells), 1);
    },
    writeText,
    async sync() {
      const at = rows;
      const written = await flush();
      const handle = await ready;
      await handle.datasync();
      return { bytes: written, rows: at };
    },
    async commit() {
      await flush();
      const handle = await ready;
      await handle.datasync();
      await close();
      await rename(partial, path);
    },
    close,
    async abort() {
      await close();
      await rm(partial, { force: true });
    },
  };
}

/**
 * Writes a whole text file atomically (`PATH.partial`, then rename).
 * @param path - the final path
 * @param text - the content
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const partial = `${path}.partial`;
  await writeFile(partial, text, 'utf8');
  await rename(partial, path);
}

/**
 * The paths of a run's files, beside the response: `RESPONSE.unmatched.csv`, `.conflicts.csv`,
 * `.duplicates.csv`, `.load.csv`, `.report.json`, `.report.html` and `.model.json` (the `.csv`
 * suffix of the response is dropped first).
 * @param out - the response file path
 */
export function traceOutputPaths(
  out: string,
): Record<
  'response' | 'unmatched' | 'conflicts' | 'duplicates' | 'load' | 'report' | 'html' | 'model',
  string
> {
  const stem = out.replace(/\.csv$/i, '');
  return {
    response: out,
    unmatched: `${stem}.unmatched.csv`,
    conflicts: `${stem}.conflicts.csv`,
    duplicates: `${stem}.duplicates.csv`,
    load: `${stem}.load.csv`,
    report: `${stem}.report.json`,
    html: `${stem}.report.html`,
    model: `${stem}.model.json`,
  };
}
