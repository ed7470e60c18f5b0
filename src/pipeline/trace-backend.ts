import type { Result } from '../core/result.js';
import type { RequestDateFormat } from '../formats/pds-mesh-request-types.js';
import type { BlockingKeyCounts } from '../matching/blocking-estimate.js';
import type { BlockingRule } from '../matching/blocking.js';
import type { DecisionThresholds, MatchModel, MatchRecord } from '../matching/index.js';
import { traceDeterministic, type TraceResult } from '../matching/trace-decision.js';
import { trainInMemory, type TrainOptions, type TrainReport } from './in-memory-train.js';
import type { RawRow, RowReaderSettings, SourceRow } from './request-source.js';
import type { ChunkText } from './trace-chunk-text.js';
import {
  answerRow,
  inMemoryView,
  prepareRow,
  traceSourceRow,
  type RowTrace,
} from './trace-decide.js';
import type { TraceRegister } from './trace-register.js';

/** What a tracer needs to decide rows: the model, thresholds and the request file's date layout. */
export interface TracerSettings {
  readonly model: MatchModel;
  readonly thresholds?: DecisionThresholds;
  readonly dateFormat: RequestDateFormat;
  /**
   * The deterministic cascade alone (cross-check, then alphanumeric), as PDS traces without its
   * algorithmic step: the baseline the probabilistic engine is measured against.
   */
  readonly cascadeOnly?: boolean;
}

/**
 * Chunks a trace has in flight at once: one being written and two traced ahead of it
 * (trace-run.ts), each on its own index lane in the set-based backend. With one ahead, at
 * 10,000,000 people the main thread waited on the search worker for about 34 s of a 160 s trace
 * and the worker on it for about 56 s (a CPU profile).
 */
export const CHUNKS_IN_FLIGHT = 3;

/**
 * A traced chunk's answers, each made when it is asked for. The run asks for each row's as it
 * writes the row, so the answer's objects (the person's demographics, the explanation, the
 * conflicts) live for that row only: made as the chunk was traced, they lived until the chunk
 * was written, seconds later, and every young-generation collection in between copied them
 * (most of the main thread's collection time, docs/benchmarks.md).
 */
export interface ChunkAnswers {
  /** The chunk's rows. */
  readonly length: number;
  /**
   * The answer of row `i` of the chunk; made anew at each call, equal each time.
   * @param i - 0 to `length - 1`
   */
  answer(i: number): RowTrace;
}

/**
 * The answers of a chunk's rows, each made by `answerOf` when asked for.
 * @param rows - the chunk's rows
 * @param answerOf - makes the answer of one row (and its index in the chunk)
 */
export function chunkAnswers(
  rows: readonly SourceRow[],
  answerOf: (row: SourceRow, i: number) => RowTrace,
): ChunkAnswers {
  return {
    length: rows.length,
    answer: (i) => {
      const row = rows[i];
      if (row === undefined) {
        throw new RangeError(`no row ${String(i)} in a chunk of ${String(rows.length)}`);
      }
      return answerOf(row, i);
    },
  };
}

/**
 * Every answer of a chunk, in row order (for tests and small chunks: it holds them all).
 * @param chunk - a chunk's answers
 */
export function allAnswers(chunk: ChunkAnswers): RowTrace[] {
  return Array.from({ length: chunk.length }, (_, i) => chunk.answer(i));
}

/** Traces request rows a chunk at a time (a chunk lets a set-based engine work on many at once). */
export interface RowTracer {
  /**
   * Traces rows: one answer per row ({@link ChunkAnswers}), in the same order. The run calls it
   * for the next chunks before the previous call has settled (`CHUNKS_IN_FLIGHT` at most), so
   * an answer must not depend on the order of calls.
   * @param rows - consecutive rows of the request file
   */
  trace(rows: readonly SourceRow[]): Promise<ChunkAnswers>;
}

/**
 * Traces whole chunks on worker threads, from their rows as read to what the run writes: the
 * checking and normalising of the rows, the look-ups, the decisions and the answers' text all
 * leave the thread that reads and writes the files, and a chunk's objects die young on its
 * worker instead of waiting, promoted, for the chunks ahead of it to be written.
 */
export interface ChunkPipeline {
  /**
   * The chunk traced on a worker. `undefined` when the workers cannot take it yet (the
   * register is not yet in shared memory): the run traces it itself.
   * @param rows - consecutive raw rows of the request file
   */
  text(rows: readonly RawRow[]): Promise<ChunkText> | undefined;
  /**
   * Chunks the run should keep in flight beyond the one it writes, for the workers to be kept
   * busy; 0 until they have started.
   */
  ahead(): number;
  /** Stops the workers. */
  close(): Promise<void>;
}

/**
 * Where a trace run finds the register: the in-process register held in memory, or a
 * set-based engine over the store. Both decide each row the same way (`traceRecord`), so a run
 * gives the same response whichever executes it.
 */
export interface TraceBackend {
  /** Which execution this is, for the report (`in-memory`, `duckdb-sql`). */
  readonly execution: string;
  /** Current people in the register. */
  readonly registerPeople: number;
  /** The blocking rules and key cap candidates are found with. */
  readonly blocking: { readonly rules: readonly BlockingRule[]; readonly cap: number };
  /**
   * Key counts for a pair-count estimate (`estimatePairs`) of these requests × the register.
   * @param requests - request records (a sample of the file)
   */
  keyCounts(requests: readonly MatchRecord[]): Promise<BlockingKeyCounts>;
  /**
   * Trains a model without labels on request records × the register.
   * @param requests - request records (a sample of the file)
   * @param options - seed and provenance
   */
  train(requests: readonly MatchRecord[], options: TrainOptions): Promise<Result<TrainReport>>;
  /**
   * A tracer for one run.
   * @param settings - model, thresholds, date layout
   */
  tracer(settings: TracerSettings): RowTracer;
  /**
   * Worker threads for one run that trace chunks as {@link tracer} would ({@link ChunkPipeline}),
   * when this backend has them.
   * @param settings - model, thresholds, date layout
   * @param reading - how the request file's rows are read (`RequestSource.reading`)
   */
  pipeline?(settings: TracerSettings, reading: RowReaderSettings): ChunkPipeline;
  /** Releases what the backend holds (temp tables); the store itself is closed by its owner. */
  close(): Promise<void>;
}

/**
 * The in-process backend: the whole register in memory (`loadTraceRegister`), candidates from
 * the in-memory index, one row at a time.
 * @param register - the register in memory
 */
export function inMemoryBackend(register: TraceRegister): TraceBackend {
  return {
    execution: 'in-memory',
    registerPeople: register.people.size,
    blocking: { rules: register.index.rules, cap: register.index.cap },
    keyCounts: (requests) => Promise.resolve(register.index.keyCounts(requests)),
    train: (requests, options) =>
      Promise.resolve(
        trainInMemory(register.records, requests, (r) => register.index.candidates(r), options),
      ),
    tracer: (settings) => {
      const trace = {
        model: settings.model,
        lookup: register.lookup,
        ...(settings.thresholds === undefined ? {} : { thresholds: settings.thresholds }),
      };
      const view = inMemoryView(register);
      const cascade = (row: SourceRow): RowTrace => {
        const prepared = prepareRow(row, settings.dateFormat);
        const candidates = prepared === undefined ? [] : register.exact.candidates(prepared.record);
        const result: TraceResult =
          prepared === undefined
            ? { outcome: 'no-match', candidates: [], reasons: [] }
            : traceDeterministic(prepared.record, candidates);
        return answerRow(row, prepared, { result, candidates }, view);
      };
      const one =
        settings.cascadeOnly === true
          ? cascade
          : (row: SourceRow): RowTrace => traceSourceRow(row, register, trace, settings.dateFormat);
      // Each row is traced when its answer is asked for: nothing is held for the chunk.
      return { trace: (rows) => Promise.resolve(chunkAnswers(rows, one)) };
    },
    close: () => Promise.resolve(),
  };
}
