import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';

/** A CSV file being written atomically: rows go to `PATH.partial`, renamed to `PATH` on commit. */
export interface CsvSink {
  /** The final path. */
  readonly path: string;
  /** Rows written so far (header not counted). */
  readonly rows: number;
  /**
   * Appends one row; resolves once the stream can take more (bounded memory).
   * @param cells - the row's cells in header order
   */
  write(cells: readonly string[]): Promise<void>;
  /** Flushes, closes and renames the `.partial` file to its final name. */
  commit(): Promise<void>;
  /** Closes and deletes the `.partial` file; the final path is left untouched. */
  abort(): Promise<void>;
}

const FLUSH_AT = 1 << 16;

/**
 * Opens a CSV sink: writes the header now, rows later, all to `PATH.partial`, so a reader never
 * sees a half-written file under the final name. Rows are buffered in 64 KiB chunks.
 * @param path - the final file path
 * @param header - the column names
 */
export function openCsvSink(path: string, header: readonly string[]): CsvSink {
  const partial = `${path}.partial`;
  const stream: WriteStream = createWriteStream(partial, { encoding: 'utf8' });
  let buffer = stringify([header]);
  let rows = 0;
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure = error;
  });
  const flush = async (): Promise<void> => {
    if (failure !== undefined) {
      throw failure;
    }
    const chunk = buffer;
    buffer = '';
    if (chunk !== '' && !stream.write(chunk)) {
      await once(stream, 'drain');
    }
  };
  const close = async (): Promise<void> => {
    await flush();
    stream.end();
    await once(stream, 'finish');
  };
  return {
    path,
    get rows() {
      return rows;
    },
    async write(cells) {
      buffer += stringify([cells]);
      rows += 1;
      if (buffer.length >= FLUSH_AT) {
        await flush();
      }
    },
    async commit() {
      await close();
      await rename(partial, path);
    },
    async abort() {
      if (!stream.closed && failure === undefined) {
        stream.end();
        await once(stream, 'close').catch(() => undefined);
      }
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
 * `.duplicates.csv`, `.load.csv`, `.report.json` and `.model.json` (the `.csv` suffix of the
 * response is dropped first).
 * @param out - the response file path
 */
export function traceOutputPaths(
  out: string,
): Record<
  'response' | 'unmatched' | 'conflicts' | 'duplicates' | 'load' | 'report' | 'model',
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
    model: `${stem}.model.json`,
  };
}
