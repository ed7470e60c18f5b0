/**
 * Entry of a trace worker thread (`trace-pipeline.ts`): opens the DuckDB match index from what
 * it shared (`workerMatchIndex`) and serves the run's chunks (`serveTraceChunks`). It lives here
 * because only the command line wires a concrete storage adapter to the pipeline.
 */
import { workerData } from 'node:worker_threads';
import type { TraceWorkerData } from '../../pipeline/trace-pipeline.js';
import { serveTraceChunks } from '../../pipeline/trace-pipeline-worker.js';
import {
  workerMatchIndex,
  type SharedIndexParts,
} from '../../storage/duckdb/duckdb-match-index.js';

const data = workerData as TraceWorkerData;
serveTraceChunks(workerMatchIndex(data.index as SharedIndexParts), data);
