import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ok, type Result } from '../core/result.js';
import type { ColumnMapping } from '../formats/column-mapping.js';
import type { RequestDateFormat } from '../formats/pds-mesh-request-types.js';
import { TRACE_RESPONSE_COLUMNS } from '../formats/pds-mesh-response.js';
import { defaultModel, type DecisionThresholds } from '../matching/index.js';
import {
  openRequestFile,
  type RawRow,
  type RequestSource,
  type RequestSourceOptions,
} from './request-source.js';
import { rawRowChecker } from './request-source-row.js';
import { chunkText, type ChunkText } from './trace-chunk-text.js';
import { rechunked } from './async-chunks.js';
import { openCleansingFiles } from './trace-cleansing.js';
import {
  CHUNKS_IN_FLIGHT,
  type ChunkAnswers,
  type ChunkPipeline,
  type RowTracer,
  type TraceBackend,
} from './trace-backend.js';
import type { SourceRow } from './request-source.js';
import { estimateRequestFile, type BlockingEstimate } from './trace-estimate.js';
import { trainForRequests, versionModel, type VersionedModel } from './trace-model.js';
import { openCsvSink, traceOutputPaths, writeFileAtomic } from './trace-output.js';
import { emptyCounts, traceReport, type TraceReport } from './trace-report.js';
import { addCounts } from './trace-report-counts.js';
import { traceReportHtml } from './trace-report-html.js';
import { traceJobId } from './trace-job.js';
import { lockRun } from './trace-lock.js';
import { finishedJob, startedJob, type TraceReviewSink } from './trace-review-queue.js';
import {
  firstStart,
  interruptedRun,
  registerChanged,
  runCheckpoint,
  startFresh,
  type TraceResume,
} from './trace-checkpoint-resume.js';

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
  /** Trace with the deterministic cascade alone (cross-check, alphanumeric): the baseline. */
  readonly cascadeOnly?: boolean;
  /** Rows traced together (one set-based query on a SQL backend); default {@link DEFAULT_CHUNK_ROWS}. */
  readonly chunkRows?: number;
  /**
   * A checkpoint is saved at the first chunk boundary at least this many seconds after the last
   * (forcing the files to disk costs a few fsyncs); default 10, 0 for one after every chunk.
   */
  readonly checkpointSeconds?: number;
  /** Progress is reported every this many rows; default 10,000. */
  readonly progressEvery?: number;
  /** Receives progress (counts, bytes and times only, never patient data). */
  readonly onProgress?: (progress: TraceProgress) => void;
  /** Receives the pair-count estimate made before tracing (not for the cascade alone). */
  readonly onEstimate?: (estimate: BlockingEstimate) => void;
  /** Receives one line when the run resumes an interrupted one, or cannot and starts afresh. */
  readonly onNotice?: (line: string) => void;
  /** The run's start time as ISO 8601, for the report and model provenance. */
  readonly startedAt: string;
  /** Where review and multiple rows are queued for people (the store's queue); none in tests. */
  readonly reviews?: TraceReviewSink;
}

/** How far a run has got, for a progress bar or line. */
export interface TraceProgress {
  /** Data rows traced, those of an interrupted run this one resumed included. */
  readonly rows: number;
  /** Rows an interrupted run had traced before this run resumed it (0 on a fresh start). */
  readonly resumedRows: number;
  /** Seconds this run has been tracing. */
  readonly seconds: number;
  /** Bytes of the request file read, and read when this run started tracing. */
  readonly bytesRead: number;
  readonly startBytes: number;
  /** The request file's size; `undefined` when unknown. */
  readonly totalBytes: number | undefined;
}

/** What a finished run wrote and counted. */
export interface TraceRunResult {
  readonly report: TraceReport;
  readonly model: VersionedModel;
  /** The job's id (`traceJobId`), also written to the JSON report as `jobId`. */
  readonly jobId: string;
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
 * Rows traced together when the run does not say. Until session 21 chunks grew with the
 * register (a twentieth of it, 10,000 to 50,000 rows), because each chunk then read the
 * register's match tables a few times over; now a chunk reads only by key (the keys files, the
 * documents by position, the term frequencies held), so its cost follows its rows. Smaller
 * chunks hold fewer rows in flight: against 10,000,000 people 10,000-row chunks peaked at
 * 4,736–4,778 MiB against 5,691–6,064 for 50,000, at speeds inside this machine's spread
 * (docs/benchmarks.md, session 21).
 */
export const DEFAULT_CHUNK_ROWS = 10_000;

/** Chunks handed to the tracer ahead of the one being written (see `CHUNKS_IN_FLIGHT`). */
const CHUNKS_AHEAD = CHUNKS_IN_FLIGHT - 1;

/**
 * A chunk handed to the tracer: to a trace worker (`text`), or to the backend here, with the
 * promise of its answers (written as text when the chunk is the oldest).
 */
type TracedChunk =
  | { readonly rows: number; readonly text: Promise<ChunkText> }
  | {
      readonly rows: number;
      readonly checked: SourceRow[];
      readonly answers: Promise<ChunkAnswers>;
    };

/** How a run traces its chunks: the backend's tracer, its workers when it has them. */
interface ChunkTracer {
  readonly tracer: RowTracer;
  readonly pipeline: ChunkPipeline | undefined;
  /** Checks a raw row here (`rawRowChecker`), for a chunk the workers do not take. */
  readonly check: (raw: RawRow) => SourceRow;
}

/**
 * Reads the next chunk and starts tracing it; `undefined` at the end of the file. The promise
 * is marked handled at once (and awaited later), so a failure while an earlier chunk is
 * still being written is reported there rather than as an unhandled rejection.
 */
async function traceAhead(
  chunks: AsyncIterator<RawRow[]>,
  { tracer, pipeline, check }: ChunkTracer,
): Promise<TracedChunk | undefined> {
  const next = await chunks.next();
  if (next.done === true) {
    return undefined;
  }
  const raw = next.value;
  const text = pipeline?.text(raw);
  if (text !== undefined) {
    text.catch(() => undefined);
    return { rows: raw.length, text };
  }
  const checked = raw.map(check);
  const answers = tracer.trace(checked);
  answers.catch(() => undefined);
  return { rows: raw.length, checked, answers };
}

/** A chunk's text, once it is the oldest in flight. */
async function textOf(chunk: TracedChunk): Promise<ChunkText> {
  const text = 'text' in chunk ? await chunk.text : chunkText(chunk.checked, await chunk.answers);
  if (text.rows !== chunk.rows) {
    throw new Error(`the tracer answered ${text.rows} of ${chunk.rows} rows`);
  }
  return text;
}

/** The settled promise of a chunk in flight, to wait for before the files are closed. */
function settled(chunk: TracedChunk): Promise<unknown> {
  return 'text' in chunk ? chunk.text : chunk.answers;
}

/**
 * Traces a request file against a register (through a {@link TraceBackend}) and writes the response, the
 * cleansing files, the model used and the JSON report, every one atomically. Fails (as a value)
 * only when the request file cannot be opened or is not a request file, or when no model is
 * given and none can be trained; bad rows are answered with their row error code.
 * The request file's header is checked before the register is loaded, so a wrong file is refused
 * at once. Rows are traced in chunks of `chunkRows` and written in file order; after each chunk
 * the files are synced and a checkpoint saved, so a run that is killed or throws is resumed by
 * the same call (`trace-checkpoint-resume.ts`) and writes exactly what one run would have.
 * One run at a time writes a response: `RESPONSE.csv.lock` is held for the run
 * (`trace-lock.ts`), and a second run while the first is alive fails as a value.
 * @param openBackend - opens the register's backend (in memory, or SQL over the store); called once
 * @param options - files, model, reading options, progress
 */
export async function runTrace(
  openBackend: () => Promise<TraceBackend>,
  options: TraceRunOptions,
): Promise<Result<TraceRunResult>> {
  const lock = await lockRun(options.outPath, options.startedAt);
  if (!lock.success) {
    return lock;
  }
  try {
    const paths = traceOutputPaths(options.outPath);
    const resume = await interruptedRun(options, paths, options.onNotice);
    const run = resume === undefined ? options : { ...options, ...firstStart(resume.checkpoint) };
    const opened = await openRequestFile(run.requestPath, readOptionsOf(run));
    if (!opened.success) {
      return opened;
    }
    try {
      const backend = await openBackend();
      try {
        return await traceWith(backend, opened.data, run, resume);
      } finally {
        await backend.close();
      }
    } finally {
      // A run that fails or returns before reading every row leaves nothing open.
      await opened.data.close();
    }
  } finally {
    await lock.data.release();
  }
}

/** The run's pair-count estimate, on a reading of its own of the request file's first rows. */
async function estimateRun(
  backend: TraceBackend,
  options: TraceRunOptions,
  readOptions: ReturnType<typeof readOptionsOf>,
): Promise<BlockingEstimate | undefined> {
  const estimate = await estimateRequestFile(options.requestPath, readOptions, backend);
  if (estimate !== undefined) {
    options.onEstimate?.(estimate);
  }
  return estimate;
}

async function traceWith(
  backend: TraceBackend,
  opened: RequestSource,
  options: TraceRunOptions,
  resume: TraceResume | undefined,
): Promise<Result<TraceRunResult>> {
  const readOptions = readOptionsOf(options);
  const { dateFormat } = readOptions;
  // The cascade alone scores nothing: it needs no trained model (the defaults are recorded).
  const model =
    options.model ??
    resume?.trainedModel ??
    (options.cascadeOnly === true ? versionModel(defaultModel(), false) : undefined);
  // The cascade alone blocks nothing: it finds its candidates by exact joins.
  const blocking =
    options.cascadeOnly === true ? undefined : await estimateRun(backend, options, readOptions);
  if (model !== undefined) {
    return traceRows(backend, opened, { options, resume, model, blocking });
  }
  const trained = await trainForRequests(opened, backend, {
    seed: options.seed ?? 1,
    at: options.startedAt,
    dateFormat,
  });
  if (!trained.success) {
    return trained;
  }
  // Training read the file: the trace reads it again, from the start.
  const again = await openRequestFile(options.requestPath, readOptions);
  if (!again.success) {
    return again;
  }
  try {
    return await traceRows(backend, again.data, {
      options,
      resume,
      model: trained.data,
      blocking,
    });
  } finally {
    await again.data.close();
  }
}

/** What a run knows once its model is known. */
interface ModelledRun {
  readonly options: TraceRunOptions;
  readonly resume: TraceResume | undefined;
  readonly model: VersionedModel;
  readonly blocking: BlockingEstimate | undefined;
}

/** The trace itself, once the model is known: {@link traceWith}'s second half. */
async function traceRows(
  backend: TraceBackend,
  source: RequestSource,
  run: ModelledRun,
): Promise<Result<TraceRunResult>> {
  const { options, model } = run;
  const { dateFormat } = readOptionsOf(options);
  const settings = {
    model: model.model,
    dateFormat,
    ...(options.thresholds === undefined ? {} : { thresholds: options.thresholds }),
    ...(options.cascadeOnly === true ? { cascadeOnly: true } : {}),
  };
  const tracing: ChunkTracer = {
    tracer: backend.tracer(settings),
    pipeline: backend.pipeline?.(settings, source.reading),
    check: rawRowChecker(source.reading),
  };
  try {
    return await traceChunks(backend, source, { ...run, tracing });
  } finally {
    await tracing.pipeline?.close();
  }
}

/** {@link traceRows} once its tracer is made. */
async function traceChunks(
  backend: TraceBackend,
  source: RequestSource,
  run: ModelledRun & { readonly tracing: ChunkTracer },
): Promise<Result<TraceRunResult>> {
  const { options, resume, model, blocking, tracing } = run;
  const { dateFormat } = readOptionsOf(options);
  const paths = traceOutputPaths(options.outPath);
  const jobId = resume?.job ?? (await traceJobId(options.requestPath, options.outPath));
  if (resume === undefined) {
    await startFresh(options.outPath, paths.model, model);
  } else if (resume.checkpoint.registerPeople !== backend.registerPeople) {
    return registerChanged(options.outPath, resume, backend.registerPeople);
  }
  const job = startedJob({ ...options, id: jobId, modelVersion: model.version, dateFormat });
  await options.reviews?.start(job);
  const response = openCsvSink(paths.response, TRACE_RESPONSE_COLUMNS, resume?.response);
  const cleansing = openCleansingFiles(paths, resume?.cleansing);
  const counts = resume?.counts ?? emptyCounts();
  const resumedRows = counts.rows;
  const checkpoint = runCheckpoint(options, jobId, model, backend.registerPeople);
  const every = options.progressEvery ?? 10_000;
  const started = performance.now();
  const elapsed = (): number => (performance.now() - started) / 1000;
  const seconds = (): number => (resume?.checkpoint.seconds ?? 0) + elapsed();
  let startBytes: number | undefined;
  // The rows come in the file's read batches, regrouped into chunks: per row, a chain of async
  // generators (rows, skipped rows, chunks) cost more than the row's own reading.
  const chunks = rechunked<RawRow>(
    source.rawBatches(),
    options.chunkRows ?? DEFAULT_CHUNK_ROWS,
    resumedRows,
  );
  // Chunks read and handed to the tracer, oldest first: at most CHUNKS_AHEAD + 1.
  const inFlight: TracedChunk[] = [];
  try {
    // Chunks are traced ahead (CHUNKS_AHEAD): their rows are read and sent to the backend
    // before the oldest chunk's answers are written, so a set-based backend scores chunks while
    // this process decides and writes another. Rows are still written, queued and checkpointed
    // in order.
    // Once trace workers take the chunks, more are kept in flight (`ChunkPipeline.ahead`), so
    // that no worker waits while the oldest chunk is still being traced on another.
    const ahead = (): number => Math.max(CHUNKS_AHEAD, tracing.pipeline?.ahead() ?? 0);
    let ended = false;
    const fill = async (): Promise<void> => {
      while (!ended && inFlight.length <= ahead()) {
        const traced = await traceAhead(chunks, tracing);
        if (traced === undefined) {
          ended = true;
        } else {
          inFlight.push(traced);
        }
      }
    };
    for (;;) {
      await fill();
      const oldest = inFlight[0];
      if (oldest === undefined) {
        break;
      }
      startBytes ??= source.stats.bytesRead;
      const text = await textOf(oldest);
      inFlight.shift();
      const before = counts.rows;
      await response.writeText(text.response, text.rows);
      await cleansing.addLines(text.cleansing);
      addCounts(counts, text.counts);
      // Only the rows for people go on to the review queue.
      await options.reviews?.queue(text.review.rows, text.review.answers);
      for (
        let rows = (Math.floor(before / every) + 1) * every;
        rows <= counts.rows;
        rows += every
      ) {
        const { bytesRead } = source.stats;
        const { totalBytes } = source;
        const at = { rows, resumedRows, seconds: elapsed(), bytesRead, totalBytes };
        options.onProgress?.({ ...at, startBytes });
      }
      if (checkpoint.due()) {
        const [written, cleansed] = await Promise.all([response.sync(), cleansing.sync()]);
        await checkpoint.save({
          seconds: seconds(),
          counts,
          files: { response: written, ...cleansed },
        });
      }
    }
    counts.duplicateRows = cleansing.duplicateRows;
    await writeFileAtomic(paths.model, model.text);
    await response.commit();
    await cleansing.commit();
  } catch (error) {
    // A chunk still in flight finishes before the files (and then the backend) are closed.
    await Promise.allSettled(inFlight.map(settled));
    // The .partial files and the checkpoint stay: the same command resumes the run.
    await Promise.all([response.close(), cleansing.close()]);
    throw error;
  }
  const report = traceReport(counts, {
    input: basename(options.requestPath),
    startedAt: options.startedAt,
    seconds: seconds(),
    registerPeople: backend.registerPeople,
    model: { name: model.model.name, version: model.version, trained: model.trained },
    blankRows: source.stats.blankRows,
    ...(blocking === undefined ? {} : { blocking }),
    ...(options.thresholds === undefined ? {} : { thresholds: options.thresholds }),
    files: Object.fromEntries(Object.entries(paths).map(([role, path]) => [role, basename(path)])),
  });
  await writeFileAtomic(paths.report, `${JSON.stringify({ jobId, ...report }, null, 2)}\n`);
  await writeFileAtomic(paths.html, traceReportHtml(report));
  await options.reviews?.finish(finishedJob(job, report));
  await checkpoint.remove();
  return ok({ report, model, jobId });
}
