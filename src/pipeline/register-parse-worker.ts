/**
 * Worker-thread entry of the parse pool: checks batches of CSV records or runs of NDJSON lines
 * (JSON.parse and the checks are most of an import's CPU time) and posts the results back.
 */
import { parentPort } from 'node:worker_threads';
import { checkNdjsonRun, type CheckedRun } from './register-ndjson-lines.js';
import { checkRawRecord, type RawRecord } from './register-record-check.js';

/** What the pool asks of a worker. */
export type ParseRequest =
  | { readonly kind: 'records'; readonly batch: RawRecord[] }
  | { readonly kind: 'ndjson'; readonly bytes: Uint8Array };

/** A worker's answer. CSV results travel as one JSON string per batch: far cheaper to pass
 * between threads than a structured clone of thousands of small objects. A checked NDJSON run
 * is mostly strings already, which clone cheaply. */
export type ParseReply =
  | { readonly kind: 'records'; readonly results: string }
  | { readonly kind: 'ndjson'; readonly run: CheckedRun };

parentPort?.on('message', (message: { id: number; request: ParseRequest }) => {
  const { request } = message;
  const reply: ParseReply =
    request.kind === 'ndjson'
      ? { kind: 'ndjson', run: checkNdjsonRun(request.bytes) }
      : { kind: 'records', results: JSON.stringify(request.batch.map(checkRawRecord)) };
  parentPort?.postMessage({ id: message.id, reply });
});
