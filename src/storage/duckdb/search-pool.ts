import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../worker-thread.js';
import {
  serialiseModel,
  TF_COLUMNS,
  type MatchModel,
  type MatchRecord,
} from '../../matching/index.js';
import type { KeptPairs } from './search-ranking.js';
import type { RankReply, RankRequest, SearchShared } from './search-worker.js';

/** A search's kept pairs, and the demographics read beside it. */
export interface RankedSearch {
  readonly kept: KeptPairs;
  /** The current demographics JSON of each position asked for, in the order asked. */
  readonly people: readonly string[];
}

interface Pending {
  readonly resolve: (ranked: RankedSearch) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Worker threads that find a search's blocked pairs in the keys file (`blockedPositions`) and
 * rank them (`rankBlocked`) over the match records held in shared memory, so the key reads and
 * comparisons of one chunk run beside the rest of the trace (the next chunk's reading and
 * look-ups, the last one's answers) on the other cores. A search is split by request among the
 * workers.
 */
export class SearchPool {
  readonly #workers: Worker[];
  readonly #pending = new Map<number, Pending>();
  readonly #models = new WeakMap<MatchModel, string>();
  #nextId = 0;
  #failed: Error | undefined;

  /**
   * Starts the workers.
   * @param shared - the match records and blocking keys, shared, and the index's rules
   * @param size - worker threads; default one fewer than the cores (at least one)
   */
  constructor(shared: SearchShared, size = Math.max(1, availableParallelism() - 1)) {
    this.#workers = Array.from({ length: size }, () => {
      const worker = startWorker(import.meta.url, 'search-worker', shared);
      worker.on('message', (reply: RankReply) => {
        const pending = this.#pending.get(reply.id);
        this.#pending.delete(reply.id);
        if ('kept' in reply) {
          pending?.resolve({ kept: reply.kept, people: reply.people });
        } else {
          pending?.reject(new Error(`a search worker failed: ${reply.error}`));
        }
      });
      worker.on('error', (error) => {
        this.#fail(error);
      });
      worker.on('exit', (code) => {
        this.#fail(new Error(`a search worker stopped (exit code ${String(code)})`));
      });
      return worker;
    });
  }

  #fail(error: Error): void {
    this.#failed ??= error;
    for (const pending of this.#pending.values()) {
      pending.reject(error);
    }
    this.#pending.clear();
  }

  #send(worker: Worker, request: Omit<RankRequest, 'id'>): Promise<RankedSearch> {
    if (this.#failed !== undefined) {
      return Promise.reject(this.#failed);
    }
    const id = this.#nextId;
    this.#nextId += 1;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...request } satisfies RankRequest);
    });
  }

  /**
   * Finds and ranks the blocked pairs of `requests` (as `blockedPositions` and `rankBlocked`
   * would here), and reads the demographics of `people` beside them (on the first worker).
   * @param requests - the requests
   * @param frequencies - their term frequencies (`BlockedPairs.frequencies`)
   * @param ranking - the model, candidates kept by rank, and the positions whose demographics
   *   to read
   */
  async rank(
    requests: readonly MatchRecord[],
    frequencies: Float64Array,
    ranking: { readonly model: MatchModel; readonly keep: number; readonly people: Int32Array },
  ): Promise<RankedSearch> {
    const { model, keep } = ranking;
    let text = this.#models.get(model);
    if (text === undefined) {
      text = serialiseModel(model);
      this.#models.set(model, text);
    }
    const parts = this.#workers.length;
    const bounds = Array.from({ length: parts + 1 }, (_, i) =>
      Math.round((requests.length * i) / parts),
    );
    const slices = await Promise.all(
      this.#workers.map((worker, w) => {
        const from = bounds[w] ?? 0;
        const to = bounds[w + 1] ?? 0;
        return this.#send(worker, {
          model: text,
          keep,
          requests: JSON.stringify(requests.slice(from, to)),
          frequencies: frequencies.slice(from * TF_COLUMNS.length, to * TF_COLUMNS.length),
          people: w === 0 ? ranking.people : new Int32Array(0),
        });
      }),
    );
    return {
      kept: mergeSlices(
        slices.map((slice) => slice.kept),
        bounds,
      ),
      people: slices[0]?.people ?? [],
    };
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    this.#failed ??= new Error('the search pool is closed');
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }
}

/** The slices' kept pairs as one, their request positions made the whole search's again. */
function mergeSlices(slices: readonly KeptPairs[], bounds: readonly number[]): KeptPairs {
  if (slices.length === 1 && slices[0] !== undefined) {
    return slices[0];
  }
  const qids: number[] = [];
  const ids: string[] = [];
  slices.forEach((slice, w) => {
    const from = bounds[w] ?? 0;
    for (const qid of slice.qids) {
      qids.push(qid + from);
    }
    ids.push(...slice.ids);
  });
  return {
    qids: Int32Array.from(qids),
    rids: Int32Array.from(slices.flatMap((slice) => [...slice.rids])),
    ids,
    weights: Float64Array.from(slices.flatMap((slice) => [...slice.weights])),
    levels: Int32Array.from(slices.flatMap((slice) => [...slice.levels])),
  };
}
