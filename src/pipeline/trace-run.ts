import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ok, type Result } from '../core/result.js';
import type { ColumnMapping } from '../formats/column-mapping.js';
import type { RequestDateFormat } from '../formats/pds-mesh-request-types.js';
import { responseRow, TRACE_RESPONSE_COLUMNS } from '../formats/pds-mesh-response.js';
import type { DecisionThresholds } from '../matching/index.js';
import {
  openRequestFile,
  type RequestSource,
  type RequestSourceOptions,
} from './request-source.js';
import { openCleansingFiles } from './trace-cleansing.js';
import type { TraceBackend } from './trace-backend.js';
import type { SourceRow } from './request-source.js';
import { trainForRequests, type VersionedModel } from './trace-model.js';
import { openCsvSink, traceOutputPaths, writeFileAtomic } from './trace-output.js';
import { countRow, emptyCounts, traceReport, type TraceReport } from './trace-report.js';

/** Settings of {@link runTrace}. */
export interface TraceRunOptions {
  readonly requestPath: string;
  /** The response file; the other files are written beside it (`traceOutputPaths`). */
  readonly outPath: string;
  /** The model to trace with; when absent one is trained on the request file and register. */
  readonly model?: VersionedModel;
  readonly mapping?: ColumnMapping;
  /** Date layout of the request file; default `YYYYMMDD`. */
  readonly dateFormat?: RequestDateFormat;
  /** The reference day `YYYY-MM-DD` (dates of birth after it are row errors). */
  readonly today?: string;
  /** Training seed; default 1. */
  readonly seed?: number;
  readonly thresholds?: DecisionThresholds;
  /** Rows traced together (one set-based query on a SQL backend); default 10,000. */
  readonly chunkRows?: number;
  /** Progress is reported every this many rows; default 10,000. */
  readonly progressEvery?: number;
  /** Receives progress lines (counts and rates only, never patient data). */
  readonly onProgress?: (line: string) => void;
  /** The run's start time as ISO 8601, for the report and model provenance. */
  readonly startedAt: string;
}

/** What a finished run wrote and counted. */
export interface TraceRunResult {
  readonly report: TraceReport;
  readonly model: VersionedModel;
}

function readOptionsOf(options: TraceRunOptions): RequestSourceOptions & {
  readonly dateFormat: RequestDateFormat;
} {
  return {
    dateFormat: options.dateFormat ?? 'YYYYMMDD',
    ...(options.mapping === undefined ? {} : { mapping: options.mapping }),
    ...(options.today === undefined ? {} : { today: options.today }),
  };
}

/**
 * Groups an async stream into arrays of at most `size` items, in order.
 * @param items - the stream
 * @param size - the largest chunk
 */
export async function* inChunks<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const item of items) {
    chunk.push(item);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) {
    yield chunk;
  }
}

/**
 * Traces a request file against a register (through a {@link TraceBackend}) and writes the response, the
 * cleansing files, the model used and the JSON report, every one atomically. Fails (as a value)
 * only when the request file cannot be opened or is not a request file, or when no model is
 * given and none can be trained; bad rows are answered with their row error code.
 * The request file's header is checked before the register is loaded, so a wrong file is refused
 * at once. Rows are traced in chunks of `chunkRows` and written in file order.
 * @param openBackend - opens the register's backend (in memory, or SQL over the store); called once
 * @param options - files, model, reading options, progress
 */
export async function runTrace(
  openBackend: () => Promise<TraceBackend>,
  options: TraceRunOptions,
): Promise<Result<TraceRunResult>> {
  const opened = await openRequestFile(options.requestPath, readOptionsOf(options));
  if (!opened.success) {
    return opened;
  }
  const backend = await openBackend();
  try {
    return await traceWith(backend, opened.data, options);
  } finally {
    await backend.close();
  }
}

async function traceWith(
  backend: TraceBackend,
  opened: RequestSource,
  options: TraceRunOptions,
): Promise<Result<TraceRunResult>> {
  const readOptions = readOptionsOf(options);
  const { dateFormat } = readOptions;
  let model = options.model;
  let source = opened;
  if (model === undefined) {
    const trained = await trainForRequests(source, backend, {
      seed: options.seed ?? 1,
      at: options.startedAt,
      dateFormat,
    });
    if (!trained.success) {
      return trained;
    }
    model = trained.data;
    const again = await openRequestFile(options.requestPath, readOptions);
    if (!again.success) {
      return again;
    }
    source = again.data;
  }
  const paths = traceOutputPaths(options.outPath);
  const tracer = backend.tracer({
    model: model.model,
    dateFormat,
    ...(options.thresholds === undefined ? {} : { thresholds: options.thresholds }),
  });
  const response = openCsvSink(paths.response, TRACE_RESPONSE_COLUMNS);
  const cleansing = openCleansingFiles(paths);
  const counts = emptyCounts();
  const every = options.progressEvery ?? 10_000;
  const started = performance.now();
  const elapsed = (): number => (performance.now() - started) / 1000;
  try {
    for await (const rows of inChunks<SourceRow>(source.rows(), options.chunkRows ?? 10_000)) {
      const answers = await tracer.trace(rows);
      for (const [i, row] of rows.entries()) {
        const traced = answers[i];
        if (traced === undefined) {
          throw new Error(`the tracer answered ${answers.length} of ${rows.length} rows`);
        }
        await response.write(responseRow(row.row, traced.answer));
        await cleansing.add(row, traced);
        countRow(counts, traced);
        if (counts.rows % every === 0) {
          const rate = Math.round(counts.rows / Math.max(elapsed(), 1e-9));
          options.onProgress?.(
            `traced ${counts.rows.toLocaleString('en-GB')} rows (${rate} rows/s)`,
          );
        }
      }
    }
    counts.duplicateRows = cleansing.duplicateRows;
    await writeFileAtomic(paths.model, model.text);
    await response.commit();
    await cleansing.commit();
  } catch (error) {
    await Promise.all([response.abort(), cleansing.abort()]);
    throw error;
  }
  const report = traceReport(counts, {
    input: basename(options.requestPath),
    startedAt: options.startedAt,
    seconds: elapsed(),
    registerPeople: backend.registerPeople,
    model: { name: model.model.name, version: model.version, trained: model.trained },
    blankRows: source.stats.blankRows,
    files: Object.fromEntries(Object.entries(paths).map(([role, path]) => [role, basename(path)])),
  });
  await writeFileAtomic(paths.report, `${JSON.stringify(report, null, 2)}\n`);
  return ok({ report, model });
}
