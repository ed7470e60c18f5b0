import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModel, fromRegisterPerson, type MatchRecord } from '../../matching/index.js';
import { encodeMatchRecord, decodeMatchRecord } from '../../matching/record-codec.js';
import { generatePopulation } from '../../synthetic/population/generate-population.js';
import { createRng } from '../../synthetic/rng.js';
import { matchDocsHome, matchDocsPath, openMatchDocs, type MatchDocs } from './match-docs.js';
import { matchKeysHome, type MatchKeys } from './match-keys.js';
import { SearchPool } from './search-pool.js';
import { blockedPositions, rankBlocked, type BlockedKeys } from './search-ranking.js';

/**
 * The search pool's workers find blocked pairs in the keys file and rank them over the records
 * in shared memory exactly as `blockedPositions` and `rankBlocked` do in this thread, however a
 * search is split among them, with the keys read from the file or held in memory.
 */

const PEOPLE = 2_000;
let dir: string;
let docs: MatchDocs;
let records: MatchRecord[];
/** The same keys read from the file by bucket, and held in memory. */
let keysOnFile: MatchKeys;
let keysHeld: MatchKeys;
let searchKeys: BlockedKeys;
let searchRequests: MatchRecord[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'search-pool-'));
  const register = join(dir, 'register.duckdb');
  const writer = matchDocsHome(register, {}).writer();
  records = [...generatePopulation({ people: PEOPLE, seed: 11 })].map(fromRegisterPerson);
  for (const record of records) {
    writer.add(encodeMatchRecord(record), '{}');
  }
  writer.finish('stamp');
  const opened = openMatchDocs(matchDocsPath(register), 'stamp');
  if (opened === undefined) {
    throw new Error('the documents just written could not be opened');
  }
  docs = opened;
  expect(docs.shared()).toBeUndefined();
  await docs.warm();
  ({ requests: searchRequests, keys: searchKeys } = search(40));
  const entries = keyEntries(40);
  const home = matchKeysHome(register, {});
  const keysWriter = home.writer(entries.length);
  for (const [high, low, rid] of entries) {
    keysWriter.add(high, low, rid);
  }
  keysWriter.finish('stamp');
  const onFile = home.open('stamp');
  const held = matchKeysHome(register, {}, { memoryBudget: 1 << 30 }).open('stamp');
  if (onFile === undefined || held === undefined) {
    throw new Error('the keys just written could not be opened');
  }
  [keysOnFile, keysHeld] = [onFile, held];
}, 60_000);

afterAll(() => {
  keysOnFile.close();
  keysHeld.close();
  docs.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The high 32 bits of request `i`'s keys: spread over the directory's buckets. */
const highOf = (i: number): number => Math.imul(i + 1, 2654435761) >>> 0;

/**
 * The keys of `count` requests: request `i` has key `(highOf(i), 1)` held by the people of its
 * family name and `(highOf(i), 2)` by every ninth person of its birth year (a person can be
 * under both), except every seventh request, which has none. In key order.
 */
function keyEntries(count: number): [number, number, number][] {
  const entries: [number, number, number][] = [];
  searchRequests.slice(0, count).forEach((request, i) => {
    if (i % 7 === 3) {
      return;
    }
    records.forEach((record, rid) => {
      if (record.familyName === request.familyName) {
        entries.push([highOf(i), 1, rid]);
      }
      if (record.birthDate?.year === request.birthDate?.year && rid % 9 === 0) {
        entries.push([highOf(i), 2, rid]);
      }
    });
  });
  return entries.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
}

/**
 * Requests (register records with their given name changed for some), each with its two keys
 * (see {@link keyEntries}) and a key nobody holds; every third has its frequencies.
 */
function search(count: number): { requests: MatchRecord[]; keys: BlockedKeys } {
  const rng = createRng(5);
  const requests = Array.from({ length: count }, (_, i): MatchRecord => {
    const record = records[rng.int(0, PEOPLE - 1)];
    if (record === undefined) {
      throw new Error('no such register record');
    }
    return i % 4 === 0 ? { ...record, givenFirst: 'ZEBEDEE' } : record;
  });
  const highs: number[] = [];
  const lows: number[] = [];
  const keyStarts = [0];
  const frequencies: number[] = [];
  requests.forEach((_, i) => {
    for (const low of [1, 2, 3]) {
      highs.push(highOf(i));
      lows.push(low);
    }
    keyStarts.push(highs.length);
    frequencies.push(...(i % 3 === 0 ? [0.01, 0.002, 0.0001] : [NaN, NaN, NaN]));
  });
  return {
    requests,
    keys: {
      keyStarts: Int32Array.from(keyStarts),
      highs: Uint32Array.from(highs),
      lows: Uint32Array.from(lows),
      frequencies: Float64Array.from(frequencies),
    },
  };
}

/** The shared records and keys a pool is started with. */
function shared(keys: MatchKeys) {
  const records = docs.shared();
  const sharedKeys = keys.shared();
  if (records === undefined || sharedKeys === undefined) {
    throw new Error('the records or keys are not in shared memory');
  }
  return { records, keys: sharedKeys };
}

describe('blockedPositions', () => {
  it("finds each request's people under all its keys, once each and in order", () => {
    const pairs = blockedPositions(searchKeys, keysOnFile);
    searchRequests.forEach((request, i) => {
      const expected =
        i % 7 === 3
          ? []
          : records.flatMap((record, rid) =>
              record.familyName === request.familyName ||
              (record.birthDate?.year === request.birthDate?.year && rid % 9 === 0)
                ? [rid]
                : [],
            );
      const from = pairs.starts[i] ?? 0;
      expect([...pairs.positions.subarray(from, pairs.starts[i + 1])]).toEqual(expected);
    });
    expect(blockedPositions(searchKeys, keysHeld)).toEqual(pairs);
  });
});

describe('the search pool', () => {
  it('holds the warmed records in shared memory', () => {
    const records = docs.shared();
    expect(records?.people).toBe(PEOPLE);
    expect(records?.records).toBeInstanceOf(SharedArrayBuffer);
  });

  it.each([
    [1, 'read from the file'],
    [3, 'read from the file'],
    [2, 'held in memory'],
  ])('ranks as this thread does, split among %i workers, keys %s', async (size, where) => {
    const keys = where === 'held in memory' ? keysHeld : keysOnFile;
    expect(keys.shared()?.bytes === undefined).toBe(where !== 'held in memory');
    const pool = new SearchPool(shared(keys), size);
    try {
      const model = defaultModel();
      const pairs = blockedPositions(searchKeys, keys);
      const here = rankBlocked(searchRequests, pairs, { model, keep: 5 }, (rid) =>
        decodeMatchRecord(docs.record(rid)),
      );
      const there = await pool.rank(searchRequests, searchKeys, model, 5);
      expect(there).toEqual(here);
      // Every request with blocked pairs kept some, several kept more than the five best.
      expect(new Set(here.qids).size).toBeGreaterThan(30);
      expect(here.qids.length).toBeGreaterThan(5 * 30);
      const everything = await pool.rank(searchRequests, searchKeys, model, Infinity);
      expect(everything.qids.length).toBe(pairs.positions.length);
    } finally {
      await pool.close();
    }
  });

  it('refuses searches once closed, with a message', async () => {
    const pool = new SearchPool(shared(keysOnFile), 1);
    await pool.close();
    await expect(pool.rank(searchRequests, searchKeys, defaultModel(), 5)).rejects.toThrow(
      /closed/,
    );
  });

  it('reports a position outside the register as the worker saw it', async () => {
    const home = matchKeysHome(join(dir, 'other.duckdb'), {});
    const writer = home.writer(1);
    writer.add(7, 7, PEOPLE + 5);
    writer.finish('stamp');
    const bad = home.open('stamp');
    if (bad === undefined) {
      throw new Error('the keys just written could not be opened');
    }
    const pool = new SearchPool(shared(bad), 1);
    try {
      const keys: BlockedKeys = {
        keyStarts: Int32Array.from([0, 1]),
        highs: Uint32Array.from([7]),
        lows: Uint32Array.from([7]),
        frequencies: Float64Array.from([NaN, NaN, NaN]),
      };
      await expect(pool.rank(searchRequests.slice(0, 1), keys, defaultModel(), 5)).rejects.toThrow(
        /search worker failed: no match record at position 2005/,
      );
    } finally {
      await pool.close();
      bad.close();
    }
  });
});
