import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RawRecord, SourceRecord } from './register-record-check.js';

/** Records sent to a worker at a time. */
const BATCH = 1000;

interface Pending {
  readonly resolve: (results: SourceRecord[]) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Checks raw records on worker threads, keeping their order: the main thread only reads files
 * and feeds the store. Each worker checks whole batches; a few batches per worker are in flight.
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
    const isTypeScript = import.meta.url.endsWith('.ts');
    const entry = new URL(
      isTypeScript ? './register-parse-worker.ts' : './register-parse-worker.js',
      import.meta.url,
    );
    // Run from the TypeScript sources (tests, tsx), the worker registers the tsx loader first.
    const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
    this.#workers = Array.from({ length: Math.max(1, size) }, () => {
      const worker = isTypeScript ? new Worker(boot, { eval: true }) : new Worker(entry);
      worker.on('message', (message: { id: number; results: string }) => {
        this.#pending.get(message.id)?.resolve(JSON.parse(message.results) as SourceRecord[]);
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
   * Checks a stream of raw records, yielding results in the same order.
   * @param raws - the records as read
   */
  async *check(raws: AsyncIterable<RawRecord>): AsyncGenerator<SourceRecord> {
    const inFlight: Promise<SourceRecord[]>[] = [];
    const limit = this.#workers.length * 3;
    let batch: RawRecord[] = [];
    for await (const raw of raws) {
      batch.push(raw);
      if (batch.length === BATCH) {
        inFlight.push(this.#send(batch));
        batch = [];
        if (inFlight.length >= limit) {
          yield* (await inFlight.shift()) ?? [];
        }
      }
    }
    if (batch.length > 0) {
      inFlight.push(this.#send(batch));
    }
    for (const results of inFlight) {
      yield* await results;
    }
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }

  #send(batch: RawRecord[]): Promise<SourceRecord[]> {
    const id = this.#nextId;
    this.#nextId += 1;
    const worker = this.#workers[id % this.#workers.length];
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker?.postMessage({ id, batch });
    });
  }
}
