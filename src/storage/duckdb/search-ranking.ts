import {
  compareRecords,
  keptCandidates,
  pairWeight,
  TF_COLUMNS,
  tfValue,
  type MatchModel,
  type MatchRecord,
  type RankedCandidate,
  type TermFrequencyLookup,
} from '../../matching/index.js';
import type { BlockingRule } from '../../matching/blocking.js';
import type { KeyHash } from './duckdb-hash.js';
import type { MatchKeys } from './match-keys.js';
import { forEachBlockingKeyHash } from './request-keys.js';

/** A search's blocked pairs by request, and the term frequencies weighing them needs. */
export interface BlockedPairs {
  /** Request `i`'s blocked positions are `positions[starts[i]]` up to `positions[starts[i + 1]]`. */
  readonly positions: Int32Array;
  /** One more than there are requests. */
  readonly starts: Int32Array;
  /**
   * Per request, the register's frequency of its value in each of `TF_COLUMNS`, in that order
   * (`NaN`: no value, or one the register does not hold).
   */
  readonly frequencies: Float64Array;
}

/**
 * Sorts a request's blocked positions in place, ascending. Most requests have a few dozen:
 * those get an insertion sort, since `Array.prototype.sort` allocates a working copy at every
 * call (a search makes one per request).
 */
function sortInPlace(list: number[]): void {
  if (list.length > 64) {
    // A long list (keys near the cap): the library's sort, whose copy is then worth it.
    list.sort((a, b) => a - b);
    return;
  }
  for (let i = 1; i < list.length; i += 1) {
    const value = list[i] ?? 0;
    let j = i - 1;
    while (j >= 0 && (list[j] ?? 0) > value) {
      list[j + 1] = list[j] ?? 0;
      j -= 1;
    }
    list[j + 1] = value;
  }
}

/**
 * Each request's blocked positions, each once and in order (`BlockedPairs` without the
 * frequencies): its keys under `rules`, hashed in TypeScript as DuckDB hashed the register's
 * (`forEachBlockingKeyHash`), looked up in the keys file. Runs on a search worker when there is
 * one, so the key reads leave the thread that reads and answers the rows.
 * @param requests - the requests
 * @param rules - the index's blocking rules
 * @param keys - the index's blocking keys
 */
export function blockedPositions(
  requests: readonly MatchRecord[],
  rules: readonly BlockingRule[],
  keys: MatchKeys,
): { positions: Int32Array; starts: Int32Array } {
  const positions: number[] = [];
  const starts = new Int32Array(requests.length + 1);
  // Each request's positions, over all its keys, are gathered and kept once each (about half
  // are found under more than one key).
  const found: number[] = [];
  const gather = (key: KeyHash): void => {
    keys.positions(key.high, key.low, found);
  };
  for (let qid = 0; qid < requests.length; qid += 1) {
    starts[qid] = positions.length;
    const record = requests[qid];
    if (record === undefined) {
      continue;
    }
    forEachBlockingKeyHash(rules, record, gather);
    sortInPlace(found);
    let last = -1;
    for (const rid of found) {
      if (rid !== last) {
        positions.push(rid);
        last = rid;
      }
    }
    found.length = 0;
  }
  starts[requests.length] = positions.length;
  return { positions: Int32Array.from(positions), starts };
}

/** Every request's kept candidates, flat: by request, best first within each. */
export interface KeptPairs {
  readonly qids: Int32Array;
  readonly rids: Int32Array;
  readonly ids: string[];
  readonly weights: Float64Array;
  /** The pairs' comparison vectors, one level index per comparison of the model, back to back. */
  readonly levels: Int32Array;
}

/**
 * The frequencies {@link BlockedPairs} carries for each request, read from a lookup.
 * @param requests - the requests
 * @param lookup - the register's term frequencies
 */
export function requestFrequencies(
  requests: readonly MatchRecord[],
  lookup: TermFrequencyLookup,
): Float64Array {
  const frequencies = new Float64Array(requests.length * TF_COLUMNS.length).fill(NaN);
  requests.forEach((request, qid) => {
    TF_COLUMNS.forEach((column, c) => {
      const value = tfValue(request, column);
      const frequency = value === undefined ? undefined : lookup(column, value);
      if (frequency !== undefined) {
        frequencies[qid * TF_COLUMNS.length + c] = frequency;
      }
    });
  });
  return frequencies;
}

/**
 * The term-frequency lookup of one request's pairs: its own values' frequencies. A
 * term-frequency level is an agreement on that value (every comparison's is: exact given name,
 * exact family name, the same current postcode), so the candidate's value there is the
 * request's, and this gives what the register's full table would.
 */
function requestLookup(
  request: MatchRecord,
  frequencies: Float64Array,
  qid: number,
): TermFrequencyLookup {
  return (column, value) => {
    const c = TF_COLUMNS.indexOf(column);
    const frequency = frequencies[qid * TF_COLUMNS.length + c];
    return frequency === undefined || Number.isNaN(frequency) || tfValue(request, column) !== value
      ? undefined
      : frequency;
  };
}

interface Ranked extends RankedCandidate {
  readonly rid: number;
}

/**
 * Compares and weighs every blocked pair of each request (`compareRecords`, `pairWeight`), and
 * keeps what the trace decision looks at (`keptCandidates`).
 * @param requests - the requests
 * @param pairs - their blocked positions and term frequencies
 * @param ranking - the model, and the candidates kept by rank
 * @param recordAt - the register record at a position
 */
export function rankBlocked(
  requests: readonly MatchRecord[],
  pairs: BlockedPairs,
  ranking: { readonly model: MatchModel; readonly keep: number },
  recordAt: (rid: number) => MatchRecord,
): KeptPairs {
  const { model, keep } = ranking;
  const qids: number[] = [];
  const rids: number[] = [];
  const ids: string[] = [];
  const weights: number[] = [];
  const levels: number[] = [];
  const ranked: Ranked[] = [];
  requests.forEach((request, qid) => {
    ranked.length = 0;
    const lookup = requestLookup(request, pairs.frequencies, qid);
    const end = pairs.starts[qid + 1] ?? 0;
    for (let n = pairs.starts[qid] ?? 0; n < end; n += 1) {
      const rid = pairs.positions[n] ?? -1;
      const record = recordAt(rid);
      const id = record.nhsNumber;
      if (id === undefined) {
        continue;
      }
      const gammas = compareRecords(request, record, model);
      const weight = pairWeight({ left: request, right: record, levels: gammas }, model, lookup);
      ranked.push({ rid, id, record, levels: gammas, weight });
    }
    for (const kept of keptCandidates(request, ranked, keep)) {
      qids.push(qid);
      rids.push(kept.rid);
      ids.push(kept.id);
      weights.push(kept.weight);
      levels.push(...kept.levels);
    }
  });
  return {
    qids: Int32Array.from(qids),
    rids: Int32Array.from(rids),
    ids,
    weights: Float64Array.from(weights),
    levels: Int32Array.from(levels),
  };
}
