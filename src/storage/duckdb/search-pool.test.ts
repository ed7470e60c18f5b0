import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModel, fromRegisterPerson, type MatchRecord } from '../../matching/index.js';
import { encodeMatchRecord, decodeMatchRecord } from '../../matching/record-codec.js';
import { generatePopulation } from '../../synthetic/population/generate-population.js';
import { createRng } from '../../synthetic/rng.js';
import { matchDocsHome, matchDocsPath, openMatchDocs, type MatchDocs } from './match-docs.js';
import { SearchPool } from './search-pool.js';
import { rankBlocked, type BlockedPairs } from './search-ranking.js';

/**
 * The search pool's workers rank blocked pairs over the records in shared memory exactly as
 * `rankBlocked` does in this thread, however a search is split among them.
 */

const PEOPLE = 2_000;
let dir: string;
let docs: MatchDocs;
let records: MatchRecord[];

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
}, 60_000);

afterAll(() => {
  docs.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Requests (register records with their given name changed for some) each blocked with people
 * of the same birth year or family name, and some with none; every third has its frequencies.
 */
function search(count: number): { requests: MatchRecord[]; pairs: BlockedPairs } {
  const rng = createRng(5);
  const requests = Array.from({ length: count }, (_, i): MatchRecord => {
    const record = records[rng.int(0, PEOPLE - 1)];
    if (record === undefined) {
      throw new Error('no such register record');
    }
    return i % 4 === 0 ? { ...record, givenFirst: 'ZEBEDEE' } : record;
  });
  const positions: number[] = [];
  const starts = [0];
  const frequencies: number[] = [];
  requests.forEach((request, i) => {
    if (i % 7 !== 3) {
      records.forEach((record, rid) => {
        if (
          record.familyName === request.familyName ||
          (record.birthDate?.year === request.birthDate?.year && rid % 9 === 0)
        ) {
          positions.push(rid);
        }
      });
    }
    starts.push(positions.length);
    frequencies.push(...(i % 3 === 0 ? [0.01, 0.002, 0.0001] : [NaN, NaN, NaN]));
  });
  return {
    requests,
    pairs: {
      positions: Int32Array.from(positions),
      starts: Int32Array.from(starts),
      frequencies: Float64Array.from(frequencies),
    },
  };
}

describe('the search pool', () => {
  it('holds the warmed records in shared memory', () => {
    const shared = docs.shared();
    expect(shared?.people).toBe(PEOPLE);
    expect(shared?.records).toBeInstanceOf(SharedArrayBuffer);
  });

  it.each([1, 3])('ranks as this thread does, split among %i workers', async (size) => {
    const shared = docs.shared();
    if (shared === undefined) {
      throw new Error('the records are not in shared memory');
    }
    const pool = new SearchPool(shared, size);
    try {
      const model = defaultModel();
      const { requests, pairs } = search(40);
      const here = rankBlocked(requests, pairs, { model, keep: 5 }, (rid) =>
        decodeMatchRecord(docs.record(rid)),
      );
      const there = await pool.rank(requests, pairs, model, 5);
      expect(there).toEqual(here);
      // Every request with blocked pairs kept some, several kept more than the five best.
      expect(new Set(here.qids).size).toBeGreaterThan(30);
      expect(here.qids.length).toBeGreaterThan(5 * 30);
      const everything = await pool.rank(requests, pairs, model, Infinity);
      expect(everything.qids.length).toBe(pairs.positions.length);
    } finally {
      await pool.close();
    }
  });

  it('refuses searches once closed, with a message', async () => {
    const shared = docs.shared();
    if (shared === undefined) {
      throw new Error('the records are not in shared memory');
    }
    const pool = new SearchPool(shared, 1);
    await pool.close();
    const { requests, pairs } = search(2);
    await expect(pool.rank(requests, pairs, defaultModel(), 5)).rejects.toThrow(/closed/);
  });

  it('reports a position outside the register as the worker saw it', async () => {
    const shared = docs.shared();
    if (shared === undefined) {
      throw new Error('the records are not in shared memory');
    }
    const pool = new SearchPool(shared, 1);
    try {
      const { requests } = search(1);
      const pairs: BlockedPairs = {
        positions: Int32Array.from([PEOPLE + 5]),
        starts: Int32Array.from([0, 1]),
        frequencies: Float64Array.from([NaN, NaN, NaN]),
      };
      await expect(pool.rank(requests, pairs, defaultModel(), 5)).rejects.toThrow(
        /search worker failed: no match record at position 2005/,
      );
    } finally {
      await pool.close();
    }
  });
});
