/**
 * Worker-thread entry of the search pool (`search-pool.ts`): compares, weighs and ranks the
 * blocked pairs of a slice of a search's requests (`rankBlocked`) over the match records the
 * index holds in shared memory, and posts the kept pairs back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseModel, type MatchModel, type MatchRecord } from '../../matching/index.js';
import { decodeMatchRecord } from '../../matching/record-codec.js';
import type { SharedRecords } from './match-docs.js';
import { rankBlocked, type BlockedPairs, type KeptPairs } from './search-ranking.js';

/** What the pool asks of a worker. */
export interface RankRequest {
  readonly id: number;
  /** The model as `serialiseModel` wrote it. */
  readonly model: string;
  readonly keep: number;
  /** The requests' match records, as one JSON array. */
  readonly requests: string;
  readonly pairs: BlockedPairs;
}

/** A worker's answer. */
export type RankReply =
  | { readonly id: number; readonly kept: KeptPairs }
  | { readonly id: number; readonly error: string };

const shared = workerData as SharedRecords;
const bytes = Buffer.from(shared.records);
const offsets = new Float64Array(shared.offsets);

function recordAt(rid: number): MatchRecord {
  const start = offsets[rid];
  const end = offsets[rid + 1];
  if (start === undefined || end === undefined || !(rid >= 0 && rid < shared.people)) {
    throw new RangeError(`no match record at position ${String(rid)}`);
  }
  return decodeMatchRecord(bytes.toString('utf8', start, end));
}

let modelText = '';
let model: MatchModel | undefined;

parentPort?.on('message', (request: RankRequest) => {
  let reply: RankReply;
  try {
    if (model === undefined || request.model !== modelText) {
      const parsed = parseModel(request.model);
      if (!parsed.success) {
        throw new Error('the search worker was sent a model it cannot read');
      }
      model = parsed.data;
      modelText = request.model;
    }
    const requests = JSON.parse(request.requests) as MatchRecord[];
    const kept = rankBlocked(requests, request.pairs, { model, keep: request.keep }, recordAt);
    reply = { id: request.id, kept };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  // Typed arrays and strings: copied whole, cheaply.
  parentPort?.postMessage(reply);
});
