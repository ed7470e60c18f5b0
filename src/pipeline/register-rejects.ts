import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';

/**
 * One problem with one input record. A rejected record gives one row per problem; no field
 * values are copied into the file (the file and line say where to look).
 */
export interface Reject {
  readonly file: string;
  readonly line: number;
  /** The field at fault (`name[0].given[1]`, `birth_date`), or `line`/`row` for the whole record. */
  readonly field: string;
  readonly code: string;
  readonly reason: string;
}

/** Where rejects go. */
export interface RejectSink {
  write(reject: Reject): Promise<void>;
  close(): Promise<void>;
}

/** Columns of a rejects file, in order. */
export const REJECT_COLUMNS = ['file', 'line', 'field', 'code', 'reason'] as const;

/**
 * A CSV rejects file (`file,line,field,code,reason`), created on the first reject only, so a
 * clean import leaves no empty file behind.
 * @param path - the file to write
 */
export function rejectsCsvFile(path: string): RejectSink & { readonly path: string } {
  let out: WriteStream | undefined;
  return {
    path,
    async write(reject) {
      if (out === undefined) {
        out = createWriteStream(path);
        out.write(stringify([[...REJECT_COLUMNS]]));
      }
      const row = stringify([REJECT_COLUMNS.map((c) => String(reject[c]))]);
      if (!out.write(row)) {
        await once(out, 'drain');
      }
    },
    async close() {
      if (out !== undefined) {
        out.end();
        await once(out, 'finish');
      }
    },
  };
}
