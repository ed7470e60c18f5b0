/**
 * Worker-thread entry of the search pool (`search-pool.ts`): finds the blocked pairs of a slice
 * of a search's requests in the keys file (`blockedPositions`, the keys hashed here), then
 * compares, weighs and ranks them (`rankBlocked`) over the match records the index holds in
 * shared memory, and posts the kept pairs back, with the demographics of the people it was asked
 * to read (the chunk's people its caller already knows it will answer with).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseModel, type MatchModel, type MatchRecord } from '../../matching/index.js';
import type { BlockingRule } from '../../matching/blocking.js';
import { sharedMatchDocs, type SharedRecords } from './match-docs.js';
import { sharedKeysReader, type SharedKeys } from './match-keys.js';
import { blockedPositions, rankBlocked, type KeptPairs } from './search-ranking.js';

/** What a worker is started with: the index's records and blocking keys, shared, and its rules. */
export interface SearchShared {
  readonly records: SharedRecords;
  readonly keys: SharedKeys;
  readonly rules: readonly BlockingRule[];
}

/** What the pool asks of a worker. */
export interface RankRequest {
  readonly id: number;
  /** The model as `serialiseModel` wrote it. */
  readonly model: string;
  readonly keep: number;
  /** The requests' match records, as one JSON array. */
  readonly requests: string;
  /** The requests' term frequencies (`BlockedPairs.frequencies`). */
  readonly frequencies: Float64Array;
  /** Positions whose current demographics to read and send back (`MatchDocs.person`). */
  readonly people: Int32Array;
}

/** A worker's answer: the kept pairs, and the demographics of `RankRequest.people` in order. */
export type RankReply =
  | { readonly id: number; readonly kept: KeptPairs; readonly people: readonly string[] }
  | { readonly id: number; readonly error: string };

const { records: shared, keys: sharedKeys, rules } = workerData as SearchShared;
const docs = sharedMatchDocs(shared);
const matchKeys = sharedKeysReader(sharedKeys);

function recordAt(rid: number): MatchRecord {
  if (!(rid >= 0 && rid < shared.people)) {
    throw new RangeError(`no match record at position ${String(rid)}`);
  }
  return docs.record(rid);
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
    const pairs = {
      ...blockedPositions(requests, rules, matchKeys),
      frequencies: request.frequencies,
    };
    const kept = rankBlocked(requests, pairs, { model, keep: request.keep }, recordAt);
    const people = Array.from(request.people, (rid) => docs.person(rid));
    reply = { id: request.id, kept, people };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  // Typed arrays and strings: copied whole, cheaply.
  parentPort?.postMessage(reply);
});
