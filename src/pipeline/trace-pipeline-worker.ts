/**
 * The work of a trace worker thread (`trace-pipeline.ts`): each chunk's raw rows are checked
 * (`rawRowChecker`), traced over the worker's own handle on the index (`traceChunk`, as the
 * run's own thread would) and written as text (`ChunkTextBuilder`), which is all that goes back.
 * A chunk is traced in the parts it is sent in (`PART_ROWS` rows), so each part's objects die young.
 */
import { parentPort } from 'node:worker_threads';
import { parseModel } from '../matching/index.js';
import type { MatchIndex } from '../storage/match-index.js';
import { rawRowChecker, type RawRow } from './request-source-row.js';
import type { TracerSettings } from './trace-backend.js';
import { ChunkTextBuilder } from './trace-chunk-text.js';
import type { ChunkReply, ChunkRequest, TraceWorkerData } from './trace-pipeline.js';
import { traceChunk } from './trace-sql-backend.js';

/**
 * Serves the chunks the run sends this worker, one at a time, in the order sent.
 * @param index - the worker's handle on the index (opened from `TraceWorkerData.index`)
 * @param data - what the worker was started with
 */
export function serveTraceChunks(index: MatchIndex, data: TraceWorkerData): void {
  const model = parseModel(data.model);
  if (!model.success) {
    throw new Error('the trace worker was sent a model it cannot read');
  }
  const settings: TracerSettings = {
    model: model.data,
    dateFormat: data.dateFormat,
    ...(data.thresholds === undefined ? {} : { thresholds: data.thresholds }),
    ...(data.cascadeOnly === true ? { cascadeOnly: true } : {}),
  };
  const check = rawRowChecker(data.reading);
  const trace = async (request: ChunkRequest): Promise<ChunkReply> => {
    try {
      const builder = new ChunkTextBuilder();
      for (const part of request.parts) {
        const rows = (JSON.parse(part) as RawRow[]).map(check);
        builder.add(rows, await traceChunk(index, rows, settings));
      }
      return { id: request.id, text: builder.text() };
    } catch (error) {
      return { id: request.id, error: error instanceof Error ? error.message : String(error) };
    }
  };
  // One chunk at a time: the index's handle keeps the state of the chunk it is tracing.
  let queue = Promise.resolve();
  parentPort?.on('message', (request: ChunkRequest) => {
    queue = queue.then(async () => {
      parentPort?.postMessage(await trace(request));
    });
  });
}
