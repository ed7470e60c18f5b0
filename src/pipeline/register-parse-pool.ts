import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../storage/worker-thread.js';
import type { CheckedRun } from './register-ndjson-lines.js';
import type { RawRecord, SourceRecord } from './register-record-check.js';
import type { ParseReply, ParseRequest } from './register-parse-worker.js';

interface Pending {
  readonly resolve: (reply: ParseReply) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Checks records on worker threads, keeping their order: the main thread only reads files and
 * feeds the store. Each worker checks whole batches (CSV records, or runs of NDJSON lines sent as
 * bytes); a few batches per worker are in flight.
 */
export class ParsePool {
  readonly #workers: Worker[];
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;

  /**
   * Starts the workers.
   * @param size - worker threads; default one per core, at most 4
   */
  constructor(size = Math.min(4, availableParallelism())) {
    this.#workers = Array.from({ length: Math.max(1, size) }, () => {
      const worker = startWorker(import.meta.url, 'register-parse-worker');
      worker.on('message', (message: { id: number; reply: ParseReply }) => {
        this.#pending.get(message.id)?.resolve(message.reply);
        this.#pending.delete(message.id);
      });
      worker.on('error', (error) => {
        for (const pending of this.#pending.values()) {
          pending.reject(error);
        }
        this.#pending.clear();
      });
      return worker;
    });
  }

  /**
   * Checks batches of raw records (CSV rows), yielding each batch's results in the same order.
   * @param raws - the records as read, in batches
   */
  async *check(raws: AsyncIterable<RawRecord[]>): AsyncGenerator<SourceRecord[]> {
    yield* this.#inOrder(
      raws,
      (batch) => ({ kind: 'records', batch }),
      (reply) => {
        if (reply.kind !== 'records') {
          throw new Error('a parsing worker answered a CSV batch with something else');
        }
        return JSON.parse(reply.results) as SourceRecord[];
      },
    );
  }

  /**
   * Checks runs of whole NDJSON lines (each run's buffer is handed over to a worker: the caller
   * must not use it again), yielding the checked runs in the same order.
   * @param runs - whole lines, as bytes
   */
  checkRuns(runs: AsyncIterable<Uint8Array>): AsyncGenerator<CheckedRun> {
    return this.#inOrder(
      runs,
      (bytes) => ({ kind: 'ndjson', bytes }),
      (reply) => {
        if (reply.kind !== 'ndjson') {
          throw new Error('a parsing worker answered NDJSON lines with something else');
        }
        return reply.run;
      },
    );
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }

  /** Sends each item to a worker, keeping a few per worker in flight, and yields in order. */
  async *#inOrder<T, R>(
    items: AsyncIterable<T>,
    request: (item: T) => ParseRequest,
    result: (reply: ParseReply) => R,
  ): AsyncGenerator<R> {
    const inFlight: Promise<ParseReply>[] = [];
    const limit = this.#workers.length * 3;
    for await (const item of items) {
      inFlight.push(this.#send(request(item)));
      if (inFlight.length >= limit) {
        const reply = inFlight.shift();
        if (reply !== undefined) {
          yield result(await reply);
        }
      }
    }
    for (const reply of inFlight) {
      yield result(await reply);
    }
  }

  #send(request: ParseRequest): Promise<ParseReply> {
    const id = this.#nextId;
    this.#nextId += 1;
    const worker = this.#workers[id % this.#workers.length];
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      if (request.kind === 'ndjson') {
        // The run's buffer is its own (wholeLineRuns): moved, not copied.
        worker?.postMessage({ id, request }, [request.bytes.buffer as ArrayBuffer]);
      } else {
        worker?.postMessage({ id, request });
      }
    });
  }
}
