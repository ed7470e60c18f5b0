import type { BlockingKeyCounts } from '../matching/blocking-estimate.js';
import {
  blockingKeys,
  countKeys,
  DEFAULT_BLOCKING_RULES,
  DEFAULT_KEY_CAP,
  type BlockingRule,
} from '../matching/blocking.js';
import type { CascadeCandidate, MatchRecord } from '../matching/index.js';

/** Settings of {@link buildInMemoryIndex}. */
export interface InMemoryIndexOptions {
  /** Default {@link DEFAULT_BLOCKING_RULES}. */
  readonly rules?: readonly BlockingRule[];
  /** Keys shared by more records than this are dropped; default {@link DEFAULT_KEY_CAP}. */
  readonly cap?: number;
}

/** What building the index found. */
export interface InMemoryIndexStats {
  readonly records: number;
  /** Distinct keys kept, over all rules. */
  readonly keys: number;
  /** Keys dropped for holding more than the cap, per rule id. */
  readonly cappedKeys: Readonly<Record<string, number>>;
}

/** A candidate index over register records, in memory: the in-process blocking of a trace. */
export interface InMemoryIndex {
  readonly rules: readonly BlockingRule[];
  /** Keys shared by more register records than this were dropped. */
  readonly cap: number;
  readonly stats: InMemoryIndexStats;
  /**
   * The register records sharing at least one key with the request under any rule, each once
   * (the union of the rules), in register order.
   */
  candidates(request: MatchRecord): CascadeCandidate[];
  /** For training and estimates: the positions of the records sharing a key of one rule. */
  block(rule: BlockingRule, request: MatchRecord): number[];
  /** Record at a position. */
  at(position: number): CascadeCandidate | undefined;
  /**
   * Key counts for a pair-count estimate: each key of the requests, with how many requests and
   * how many register records carry it (keys dropped for the cap included).
   */
  keyCounts(requests: readonly MatchRecord[]): BlockingKeyCounts;
}

/**
 * Builds the index: one map from blocking key to record positions, over every rule. Keys shared
 * by more than `cap` records (a common name with a common birth year, a care home postcode) are
 * dropped and counted: comparing every request against them costs more than it finds.
 * @param records - register records, each with its current NHS Number as `id`
 * @param options - rules and cap
 */
export function buildInMemoryIndex(
  records: readonly CascadeCandidate[],
  options: InMemoryIndexOptions = {},
): InMemoryIndex {
  const rules = options.rules ?? DEFAULT_BLOCKING_RULES;
  const cap = options.cap ?? DEFAULT_KEY_CAP;
  const map = new Map<string, number[]>();
  records.forEach((candidate, position) => {
    for (const rule of rules) {
      for (const key of blockingKeys(rule, candidate.record)) {
        const list = map.get(key);
        if (list === undefined) {
          map.set(key, [position]);
        } else {
          list.push(position);
        }
      }
    }
  });
  const capped: Record<string, number> = {};
  const cappedCounts = new Map<string, number>();
  for (const [key, list] of map) {
    if (list.length > cap) {
      map.delete(key);
      cappedCounts.set(key, list.length);
      const rule = key.slice(0, key.indexOf('|'));
      capped[rule] = (capped[rule] ?? 0) + 1;
    }
  }
  const block = (rule: BlockingRule, request: MatchRecord): number[] =>
    blockingKeys(rule, request).flatMap((key) => map.get(key) ?? []);
  return {
    rules,
    cap,
    stats: { records: records.length, keys: map.size, cappedKeys: capped },
    block: (rule, request) => [...new Set(block(rule, request))],
    at: (position) => records[position],
    keyCounts(requests) {
      const inRequests = countKeys(rules, requests);
      const register = inRequests.map(
        (keys) =>
          new Map(
            [...keys.keys()].map((key) => [
              key,
              map.get(key)?.length ?? cappedCounts.get(key) ?? 0,
            ]),
          ),
      );
      return { requests: inRequests, register };
    },
    candidates(request) {
      const found = new Set<number>();
      for (const rule of rules) {
        for (const position of block(rule, request)) {
          found.add(position);
        }
      }
      return [...found]
        .sort((a, b) => a - b)
        .flatMap((position) => {
          const record = records[position];
          return record === undefined ? [] : [record];
        });
    },
  };
}
