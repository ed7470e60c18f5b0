import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BLOCKING_RULES } from '../../matching/blocking.js';
import { defaultModel, fromRegisterPerson, type MatchRecord } from '../../matching/index.js';
import { generatePopulation } from '../../synthetic/population/generate-population.js';
import { createRng } from '../../synthetic/rng.js';
import { matchDocsHome, matchDocsPath, openMatchDocs, type MatchDocs } from './match-docs.js';
import { matchKeysHome, type MatchKeys } from './match-keys.js';
import { forEachBlockingKeyHash } from './request-keys.js';
import { SearchPool } from './search-pool.js';
import { blockedPositions, rankBlocked } from './search-ranking.js';
import type { SearchShared } from './search-worker.js';

/**
 * The search pool's workers find blocked pairs in the keys file and rank them over the records
 * in shared memory exactly as `blockedPositions` and `rankBlocked` do in this thread, however a
 * search is split among them, with the keys read from the file or held in memory.
 */

const PEOPLE = 2_000;
const RULES = DEFAULT_BLOCKING_RULES;
let dir: string;
let docs: MatchDocs;
let records: MatchRecord[];
/** The register's blocking keys read from the file by bucket, and the same keys held in memory. */
let keysOnFile: MatchKeys;
let keysHeld: MatchKeys;

/** Writes keys `(high, low, rid)` (sorted here) for a register at `register`, and opens them. */
function writeKeys(register: string, entries: [number, number, number][]): [MatchKeys, MatchKeys] {
  entries.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  const writer = matchKeysHome(register, {}).writer(entries.length);
  for (const [high, low, rid] of entries) {
    writer.add(high, low, rid);
  }
  writer.finish('stamp');
  const onFile = matchKeysHome(register, {}).open('stamp');
  const held = matchKeysHome(register, {}, { memoryBudget: 1 << 30 }).open('stamp');
  if (onFile === undefined || held === undefined) {
    throw new Error('the keys just written could not be opened');
  }
  return [onFile, held];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'search-pool-'));
  const register = join(dir, 'register.duckdb');
  const writer = matchDocsHome(register, {}).writer();
  records = [...generatePopulation({ people: PEOPLE, seed: 11 })].map(fromRegisterPerson);
  for (const [rid, record] of records.entries()) {
    writer.add(record, JSON.stringify({ rid }));
  }
  writer.finish('stamp');
  const opened = openMatchDocs(matchDocsPath(register), 'stamp');
  if (opened === undefined) {
    throw new Error('the documents just written could not be opened');
  }
  docs = opened;
  expect(docs.shared()).toBeUndefined();
  await docs.warm();
  // Every person under every key of the rules, as the index writes them (no cap here).
  const entries: [number, number, number][] = [];
  records.forEach((record, rid) => {
    forEachBlockingKeyHash(RULES, record, (key) => {
      entries.push([key.high, key.low, rid]);
    });
  });
  [keysOnFile, keysHeld] = writeKeys(register, entries);
}, 60_000);

afterAll(() => {
  keysOnFile.close();
  keysHeld.close();
  docs.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What a pool's workers start with, over the keys given. */
function shared(keys: MatchKeys): SearchShared {
  const records = docs.shared();
  const sharedKeys = keys.shared();
  if (records === undefined || sharedKeys === undefined) {
    throw new Error('the records or keys are not shared');
  }
  return { records, keys: sharedKeys, rules: RULES };
}

/**
 * Requests: register records, some with their given name changed, every seventh moved to a
 * birth date and names nobody has; every third has its frequencies.
 */
function search(count: number): { requests: MatchRecord[]; frequencies: Float64Array } {
  const rng = createRng(5);
  const requests = Array.from({ length: count }, (_, i): MatchRecord => {
    const record = records[rng.int(0, PEOPLE - 1)];
    if (record === undefined) {
      throw new Error('no such register record');
    }
    if (i % 7 === 3) {
      const moved: MatchRecord = {
        ...record,
        familyName: 'QQQZ',
        givenFirst: 'XAVIERA',
        birthDate: { year: 1851, month: 2, day: 3, placeholder: false },
      };
      delete (moved as { nhsNumber?: string }).nhsNumber;
      return moved;
    }
    return i % 4 === 0 ? { ...record, givenFirst: 'ZEBEDEE' } : record;
  });
  const frequencies: number[] = [];
  requests.forEach((_, i) => {
    frequencies.push(...(i % 3 === 0 ? [0.01, 0.002, 0.0001] : [NaN, NaN, NaN]));
  });
  return { requests, frequencies: Float64Array.from(frequencies) };
}

describe('the search pool', () => {
  it('holds the warmed records in shared memory', () => {
    const shared = docs.shared();
    expect(shared?.people).toBe(PEOPLE);
    expect(shared?.records).toBeInstanceOf(SharedArrayBuffer);
    // Every record reads back as written, through the documents file and its table.
    records.forEach((record, rid) => {
      expect(docs.record(rid)).toStrictEqual(record);
    });
  });

  it.each([
    [1, 'read from the file'],
    [3, 'read from the file'],
    [2, 'held in memory'],
  ])(
    'finds and ranks as this thread does, split among %i workers, the keys %s',
    async (size, where) => {
      const keys = where === 'held in memory' ? keysHeld : keysOnFile;
      const pool = new SearchPool(shared(keys), size);
      try {
        const model = defaultModel();
        const { requests, frequencies } = search(40);
        const pairs = { ...blockedPositions(requests, RULES, keys), frequencies };
        const here = rankBlocked(requests, pairs, { model, keep: 5 }, (rid) => docs.record(rid));
        const people = Int32Array.from([3, 0, PEOPLE - 1, 3]);
        const there = await pool.rank(requests, frequencies, { model, keep: 5, people });
        expect(there.kept).toEqual(here);
        // The people asked for are read beside the search, in the order asked.
        expect(there.people).toEqual([...people].map((rid) => docs.person(rid)));
        expect(there.people[2]).toBe(JSON.stringify({ rid: PEOPLE - 1 }));
        // Every request but the moved ones kept some (itself at least), most of them several.
        expect(new Set(here.qids).size).toBeGreaterThan(30);
        expect(here.qids.length).toBeGreaterThan(100);
        const none = new Int32Array(0);
        const everything = await pool.rank(requests, frequencies, {
          model,
          keep: Infinity,
          people: none,
        });
        expect(everything.kept.qids.length).toBe(pairs.positions.length);
        expect(everything.people).toEqual([]);
      } finally {
        await pool.close();
      }
    },
  );

  it('blocks each request with the people sharing a key, each once and in order', () => {
    const { requests } = search(40);
    const { positions, starts } = blockedPositions(requests, RULES, keysOnFile);
    requests.forEach((request, qid) => {
      const expected = new Set<number>();
      const keysOf = (record: MatchRecord): Set<string> => {
        const keys = new Set<string>();
        forEachBlockingKeyHash(RULES, record, (key) => keys.add(`${key.high}:${key.low}`));
        return keys;
      };
      const mine = keysOf(request);
      records.forEach((record, rid) => {
        if ([...keysOf(record)].some((key) => mine.has(key))) {
          expected.add(rid);
        }
      });
      const found = [...positions.subarray(starts[qid], starts[qid + 1])];
      expect(found).toEqual([...expected].sort((a, b) => a - b));
    });
    expect(positions.length).toBeGreaterThan(40);
  });

  it('refuses searches once closed, with a message', async () => {
    const pool = new SearchPool(shared(keysOnFile), 1);
    await pool.close();
    const { requests, frequencies } = search(2);
    const ranking = { model: defaultModel(), keep: 5, people: new Int32Array(0) };
    await expect(pool.rank(requests, frequencies, ranking)).rejects.toThrow(/closed/);
  });

  it('reports a position outside the register as the worker saw it', async () => {
    const { requests, frequencies } = search(1);
    const [request] = requests;
    if (request === undefined) {
      throw new Error('no request');
    }
    // A keys file that puts the request's first key at a position past the register's end.
    const entries: [number, number, number][] = [];
    forEachBlockingKeyHash(RULES, request, (key) => {
      if (entries.length === 0) {
        entries.push([key.high, key.low, PEOPLE + 5]);
      }
    });
    const [wrong, wrongHeld] = writeKeys(join(dir, 'wrong.duckdb'), entries);
    const pool = new SearchPool(shared(wrong), 1);
    try {
      const ranking = { model: defaultModel(), keep: 5, people: new Int32Array(0) };
      await expect(pool.rank(requests, frequencies, ranking)).rejects.toThrow(
        /search worker failed: no match record at position 2005/,
      );
    } finally {
      await pool.close();
      wrong.close();
      wrongHeld.close();
    }
  });
});
