import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { NhsNumberStatusCode } from '../core/person.js';
import type { TraceOutcome } from '../formats/pds-mesh-response.js';
import type { SourceRow } from './request-source.js';
import type { RowTrace } from './trace-decide.js';
import { csvLine } from '../formats/csv-line.js';
import { openCsvSink, type CsvSink, type SinkPosition } from './trace-output.js';

/** Columns of `RESPONSE.unmatched.csv`. */
export const UNMATCHED_COLUMNS = [
  'UNIQUE REFERENCE',
  'LOCAL_PATIENT_ID',
  'LINE',
  'TRACE_OUTCOME',
  'ERROR/SUCCESS_CODE',
  'REASON',
] as const;

/** Columns of `RESPONSE.conflicts.csv`. */
export const CONFLICT_COLUMNS = [
  'UNIQUE REFERENCE',
  'LOCAL_PATIENT_ID',
  'NHS_NUMBER',
  'CONFLICT',
  'FIELD',
  'LOCAL_VALUE',
  'REGISTER_VALUE',
] as const;

/** Columns of `RESPONSE.duplicates.csv`: a later reference traced to a number an earlier one got. */
export const DUPLICATE_COLUMNS = [
  'NHS_NUMBER',
  'UNIQUE REFERENCE',
  'LOCAL_PATIENT_ID',
  'FIRST_REFERENCE',
  'FIRST_LOCAL_PATIENT_ID',
] as const;

/** Columns of `RESPONSE.load.csv`, for the case management system. */
export const LOAD_COLUMNS = [
  'UNIQUE REFERENCE',
  'LOCAL_PATIENT_ID',
  'NHS_NUMBER',
  'NHS_NUMBER_STATUS_INDICATOR',
  'CHANGED_FIELDS',
] as const;

/**
 * The NHS Number Status Indicator Code a row is loaded with (nhs-domain.md §1.4): `01` matched
 * (number present and verified); `05` review (trace needs to be resolved: a conflict or an
 * uncertain match); `04` no match, multiple, or not enough data to trace (trace attempted);
 * `03` an invalid row (trace required: correct the row and send it again).
 */
export const LOAD_STATUS: Readonly<Record<TraceOutcome, NhsNumberStatusCode>> = {
  matched: '01',
  review: '05',
  'no-match': '04',
  multiple: '04',
  'not-enough-data': '04',
  invalid: '03',
};

/** The four cleansing files, by role (the keys of `traceOutputPaths`). */
export type CleansingRole = 'unmatched' | 'conflicts' | 'duplicates' | 'load';

/** The first row traced to an NHS Number: the one later rows of that number are duplicates of. */
export interface FirstHolder {
  readonly reference: string;
  readonly local: string;
}

/** Where an interrupted run's cleansing files are continued from. */
export interface CleansingResume {
  /** Each file's position at the checkpoint (`CsvSink.sync`). */
  readonly positions: Readonly<Record<CleansingRole, SinkPosition>>;
  /** The first holder of every number matched before the checkpoint ({@link readFirstHolders}). */
  readonly firstHolders: Map<string, FirstHolder>;
}

/** The four cleansing files of a run, written as rows are traced. */
export interface CleansingFiles {
  /** Rows traced to a number an earlier row already had. */
  readonly duplicateRows: number;
  /**
   * Writes what traced rows contribute to each file ({@link CleansingLines}), and the
   * duplicates among their matched rows (this file's rows and earlier ones).
   * @param lines - the rows' lines, in file order
   */
  addLines(lines: CleansingText): Promise<void>;
  /** Writes and forces to disk what is buffered (`CsvSink.sync`); each file's position. */
  sync(): Promise<Record<CleansingRole, SinkPosition>>;
  commit(): Promise<void>;
  /** Closes the `.partial` files and leaves them for a resumed run. */
  close(): Promise<void>;
  abort(): Promise<void>;
}

/** The load file's changed fields: each conflict's field once, in order, `;`-separated. */
function changedFields(conflicts: RowTrace['conflicts']): string {
  if (conflicts.length <= 1) {
    // Most rows: no set, no arrays.
    return conflicts[0]?.field ?? '';
  }
  return [...new Set(conflicts.map((c) => c.field))].join(';');
}

/** The cleansing files' lines of some rows, as {@link CleansingLines} gathers them. */
export interface CleansingText {
  /** Each file's lines joined, and how many rows they are. */
  readonly unmatched: { readonly text: string; readonly rows: number };
  readonly conflicts: { readonly text: string; readonly rows: number };
  readonly load: { readonly text: string; readonly rows: number };
  /**
   * The matched rows, three cells each (NHS Number, reference, local id), for the duplicates
   * file: which are duplicates depends on every earlier row of the file.
   */
  readonly matched: readonly string[];
}

/**
 * The cleansing lines of consecutive runs of rows as one.
 * @param parts - the runs' lines, in file order
 */
export function joinCleansing(parts: readonly CleansingText[]): CleansingText {
  const joined = (role: 'unmatched' | 'conflicts' | 'load') => ({
    text: parts.map((part) => part[role].text).join(''),
    rows: parts.reduce((rows, part) => rows + part[role].rows, 0),
  });
  return {
    unmatched: joined('unmatched'),
    conflicts: joined('conflicts'),
    load: joined('load'),
    matched: parts.flatMap((part) => part.matched),
  };
}

/**
 * Gathers what traced rows contribute to the unmatched, conflicts and load files as CSV lines
 * (on whichever thread traced them), and the matched rows for the duplicates file.
 */
export class CleansingLines {
  readonly #unmatched: string[] = [];
  readonly #conflicts: string[] = [];
  readonly #load: string[] = [];
  readonly #matched: string[] = [];

  /**
   * Adds one traced row's lines.
   * @param source - the request row as read
   * @param traced - its trace
   */
  add(source: SourceRow, traced: RowTrace): void {
    const reference = source.row['UNIQUE REFERENCE'].trim();
    const local = source.row.LOCAL_PATIENT_ID.trim();
    const { answer } = traced;
    const matched = answer.outcome === 'matched' ? answer.matchedNhsNumber : '';
    if (answer.outcome !== 'matched') {
      const reason = traced.reasons.join('; ');
      const line = String(source.lineNumber);
      this.#unmatched.push(csvLine([reference, local, line, answer.outcome, answer.code, reason]));
    }
    const number = matched === '' ? source.row.NHS_NO.trim() : matched;
    for (const c of traced.conflicts) {
      this.#conflicts.push(
        csvLine([reference, local, number, c.kind, c.field, c.local, c.register]),
      );
    }
    if (matched !== '') {
      this.#matched.push(matched, reference, local);
    }
    const changed = changedFields(traced.conflicts);
    this.#load.push(csvLine([reference, local, matched, LOAD_STATUS[answer.outcome], changed]));
  }

  /** The lines gathered. */
  text(): CleansingText {
    const joined = (lines: readonly string[]) => ({ text: lines.join(''), rows: lines.length });
    return {
      unmatched: joined(this.#unmatched),
      conflicts: joined(this.#conflicts),
      load: joined(this.#load),
      matched: this.#matched,
    };
  }
}

/**
 * Opens the unmatched, conflicts, duplicates and load files (atomically written, see
 * `openCsvSink`). Duplicate detection keeps one entry per matched NHS Number in memory.
 * @param paths - the four final paths
 * @param resume - positions and duplicate state of an interrupted run to continue
 */
export function openCleansingFiles(
  paths: Readonly<Record<CleansingRole, string>>,
  resume?: CleansingResume,
): CleansingFiles {
  const at = (role: CleansingRole): SinkPosition | undefined => resume?.positions[role];
  const unmatched = openCsvSink(paths.unmatched, UNMATCHED_COLUMNS, at('unmatched'));
  const conflicts = openCsvSink(paths.conflicts, CONFLICT_COLUMNS, at('conflicts'));
  const duplicates = openCsvSink(paths.duplicates, DUPLICATE_COLUMNS, at('duplicates'));
  const load = openCsvSink(paths.load, LOAD_COLUMNS, at('load'));
  const sinks: CsvSink[] = [unmatched, conflicts, duplicates, load];
  const firstHolder = resume?.firstHolders ?? new Map<string, FirstHolder>();
  return {
    get duplicateRows() {
      return duplicates.rows;
    },
    async addLines(lines) {
      await unmatched.writeText(lines.unmatched.text, lines.unmatched.rows);
      await conflicts.writeText(lines.conflicts.text, lines.conflicts.rows);
      const { matched: triples } = lines;
      for (let n = 0; n + 2 < triples.length; n += 3) {
        const matched = triples[n] ?? '';
        const reference = triples[n + 1] ?? '';
        const local = triples[n + 2] ?? '';
        const first = firstHolder.get(matched);
        if (first === undefined) {
          firstHolder.set(matched, { reference, local });
        } else {
          await duplicates.write([matched, reference, local, first.reference, first.local]);
        }
      }
      await load.writeText(lines.load.text, lines.load.rows);
    },
    async sync() {
      const [u, c, d, l] = await Promise.all([
        unmatched.sync(),
        conflicts.sync(),
        duplicates.sync(),
        load.sync(),
      ]);
      return { unmatched: u, conflicts: c, duplicates: d, load: l };
    },
    async commit() {
      for (const sink of sinks) {
        await sink.commit();
      }
    },
    async close() {
      await Promise.all(sinks.map((sink) => sink.close()));
    },
    async abort() {
      await Promise.all(sinks.map((sink) => sink.abort()));
    },
  };
}

/**
 * Rebuilds the duplicate detection state of an interrupted run from the first `bytes` of its
 * load file (`RESPONSE.load.csv.partial`): every matched row is there, in file order, with its
 * NHS Number, reference and local id, so the first row of each number is its first holder.
 * Streams the file; memory holds one entry per distinct number, as the run itself does.
 * @param loadPartial - the load file's `.partial` path
 * @param bytes - the length a checkpoint recorded for it (the header included)
 */
export async function readFirstHolders(
  loadPartial: string,
  bytes: number,
): Promise<Map<string, FirstHolder>> {
  const holders = new Map<string, FirstHolder>();
  if (bytes === 0) {
    return holders;
  }
  const rows = createReadStream(loadPartial, { start: 0, end: bytes - 1 }).pipe(
    parse({ from_line: 2, relax_column_count: false }),
  );
  for await (const cells of rows as AsyncIterable<string[]>) {
    const [reference = '', local = '', number = ''] = cells;
    if (number !== '' && !holders.has(number)) {
      holders.set(number, { reference, local });
    }
  }
  return holders;
}
