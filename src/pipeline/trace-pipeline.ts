import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { RequestDateFormat } from '../formats/pds-mesh-request-types.js';
import { serialiseModel, type DecisionThresholds } from '../matching/index.js';
import type { MatchIndex } from '../storage/match-index.js';
import type { RawRow, RowReaderSettings } from './request-source.js';
import type { ChunkPipeline, TracerSettings } from './trace-backend.js';
import type { ChunkText } from './trace-chunk-text.js';

/** What a trace worker is started with (`serveTraceChunks`). */
export interface TraceWorkerData {
  /** What the index shared (`MatchIndex.shareable`), for the adapter's worker entry. */
  readonly index: unknown;
  /** The model, as `serialiseModel` wrote it. */
  readonly model: string;
  readonly thresholds?: DecisionThresholds;
  readonly dateFormat: RequestDateFormat;
  readonly cascadeOnly?: boolean;
  /** How the rows are read (`RequestSource.reading`). */
  readonly reading: RowReaderSettings;
}

/**
 * What the run asks of a trace worker: one chunk, its raw rows as JSON in parts of
 * {@link PART_ROWS}. A string a part crosses the threads as one copy, and the worker holds one
 * long string until it reads each part, rather than the chunk's hundreds of thousands of
 * cells, which every young-generation collection copied while the chunk was traced.
 */
export interface ChunkRequest {
  readonly id: number;
  readonly parts: readonly string[];
}

/**
 * Chunks kept in flight per trace worker. With the run's three in all (one written, two ahead),
 * one of two workers sat idle for 21.5 s of a 94 s trace of 1,000,000 requests against
 * 10,000,000 people (a CPU profile): a chunk is sent to the worker with the fewest in hand, and
 * the one with a chunk fewer ran out while the oldest was still traced on the other. With six
 * ahead it sat idle 4.4 s (docs/benchmarks.md, session 24).
 */
export const CHUNKS_PER_WORKER = 3;

/** Rows a trace worker traces at once: the objects of each part die young. */
export const PART_ROWS = 1_000;

/**
 * A trace worker's young generation (V8 splits it into three: 256 MB semi-spaces). A part's
 * objects live while it is traced; with V8's default young generation nearly every collection
 * found a part half traced and copied what it held. 500,000 requests against 1,000,000 people on
 * 2 cores traced in 21.6 s with this against 23.6 s under 64 MB semi-spaces, and the workers'
 * collections took 2.6 s against 5.6 s (docs/benchmarks.md, session 24). The process's own
 * `--max-semi-space-size`, when given, overrides it.
 */
export const TRACE_WORKER_YOUNG_MB = 768;

/**
 * A chunk's raw rows as the parts of a {@link ChunkRequest}.
 * @param rows - the chunk's rows
 */
export function chunkParts(rows: readonly RawRow[]): string[] {
  const parts: string[] = [];
  for (let from = 0; from < rows.length; from += PART_ROWS) {
    parts.push(JSON.stringify(rows.slice(from, from + PART_ROWS)));
  }
  return parts;
}

/** A trace worker's answer: the chunk's text, or why it failed. */
export type ChunkReply =
  | { readonly id: number; readonly text: ChunkText }
  | { readonly id: number; readonly error: string };

/**
 * Starts one trace worker thread with its data: the adapter's entry module, which opens the
 * index from what it shared and serves chunks (`serveTraceChunks`).
 */
export type TraceWorkerStarter = (data: TraceWorkerData) => Worker;

/** How a backend starts its trace workers. */
export interface TraceWorkers {
  readonly start: TraceWorkerStarter;
  /** Worker threads; default one per core (the run's own thread only reads and writes). */
  readonly size?: number;
}

interface Pending {
  readonly resolve: (text: ChunkText) => void;
  readonly reject: (error: Error) => void;
}

/** A started worker and the chunks it has in hand. */
interface Lane {
  readonly worker: Worker;
  busy: number;
}

/**
 * Trace workers over a shareable index ({@link ChunkPipeline}). They are started at the first
 * chunk the index can be shared for (`MatchIndex.shareable`: once its records are in shared
 * memory); until then `text` gives `undefined` and the run traces chunks itself. Each chunk goes
 * to the worker with the fewest in hand. A worker that fails or stops fails every chunk it has
 * and every later one: the run stops, and its checkpoint lets the same command resume it.
 * @param index - the register's match index
 * @param settings - model, thresholds, date layout
 * @param reading - how the rows are read
 * @param workers - how to start the workers
 */
export function workerPipeline(
  index: MatchIndex,
  settings: TracerSettings,
  reading: RowReaderSettings,
  workers: TraceWorkers,
): ChunkPipeline {
  const lanes: Lane[] = [];
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let failed: Error | undefined;
  let sharing: Promise<unknown> | undefined;
  let closed = false;
  const fail = (error: Error): void => {
    failed ??= error;
    for (const waiting of pending.values()) {
      waiting.reject(failed);
    }
    pending.clear();
  };
  const startAll = (shared: unknown): void => {
    const data: TraceWorkerData = {
      index: shared,
      model: serialiseModel(settings.model),
      dateFormat: settings.dateFormat,
      reading,
      ...(settings.thresholds === undefined ? {} : { thresholds: settings.thresholds }),
      ...(settings.cascadeOnly === true ? { cascadeOnly: true } : {}),
    };
    const size = workers.size ?? availableParallelism();
    for (let n = 0; n < size; n += 1) {
      const lane: Lane = { worker: workers.start(data), busy: 0 };
      lane.worker.on('message', (reply: ChunkReply) => {
        lane.busy -= 1;
        const waiting = pending.get(reply.id);
        pending.delete(reply.id);
        if ('text' in reply) {
          waiting?.resolve(reply.text);
        } else {
          waiting?.reject(new Error(`a trace worker failed: ${reply.error}`));
        }
      });
      lane.worker.on('error', fail);
      lane.worker.on('exit', (code) => {
        fail(new Error(`a trace worker stopped (exit code ${String(code)})`));
      });
      lanes.push(lane);
    }
  };
  /** Asks the index for its parts (again, while it cannot share them yet). */
  const share = (): void => {
    const shareable = index.shareable?.bind(index);
    if (sharing !== undefined || shareable === undefined) {
      return;
    }
    sharing = shareable().then(
      (shared) => {
        if (closed) {
          return;
        }
        if (shared === undefined) {
          sharing = undefined;
        } else {
          startAll(shared);
        }
      },
      (error: unknown) => {
        fail(error instanceof Error ? error : new Error(String(error)));
      },
    );
  };
  return {
    text(rows) {
      if (failed !== undefined) {
        return Promise.reject(failed);
      }
      const lane = lanes.reduce<Lane | undefined>(
        (best, candidate) => (best === undefined || candidate.busy < best.busy ? candidate : best),
        undefined,
      );
      if (lane === undefined) {
        share();
        return undefined;
      }
      const id = nextId;
      nextId += 1;
      lane.busy += 1;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        lane.worker.postMessage({ id, parts: chunkParts(rows) } satisfies ChunkRequest);
      });
    },
    ahead: () => lanes.length * CHUNKS_PER_WORKER,
    async close() {
      closed = true;
      failed ??= new Error('the trace workers are closed');
      await sharing?.catch(() => undefined);
      await Promise.all(lanes.map((lane) => lane.worker.terminate()));
    },
  };
}
