/**
 * Worker-thread entry of the parse pool: checks batches of raw records (JSON.parse and the zod
 * schemas are most of an import's CPU time) and posts the results back in the same order.
 */
import { parentPort } from 'node:worker_threads';
import { checkRawRecord, type RawRecord } from './register-record-check.js';

// Results travel as one JSON string per batch: far cheaper to pass between threads than a
// structured clone of thousands of small objects.
parentPort?.on('message', (message: { id: number; batch: RawRecord[] }) => {
  const results = JSON.stringify(message.batch.map(checkRawRecord));
  parentPort?.postMessage({ id: message.id, results });
});
