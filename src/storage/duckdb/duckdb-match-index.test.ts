import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDemographics } from '../../core/person.js';
import { defaultModel, fromRegisterPerson } from '../../matching/index.js';
import { fixturePerson, testNhsNumber as n } from '../test-support/register-people.js';
import { parsePerson } from '../match-index.js';
import {
  openDuckDbMatchIndex,
  workerMatchIndex,
  type SharedIndexParts,
} from './duckdb-match-index.js';
import { openDuckDbRegisterStore, type DuckDbRegisterStore } from './duckdb-register-store.js';
import { matchDocsPath } from './match-docs.js';
import { matchKeysPath } from './match-keys.js';

/**
 * The match index of a register file keeps its documents in a file beside it: a missing or
 * damaged documents file makes the next open rebuild the index, never read wrong documents.
 */

let dir: string;
let store: DuckDbRegisterStore;
const PEOPLE = [
  fixturePerson(n(1)),
  fixturePerson(n(2), { supersededNhsNumbers: [n(7)], birthDate: '1990-02-03' }),
  fixturePerson(n(3), { gender: 'male', birthDate: '1961-12-30' }),
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'match-index-'));
  store = await openDuckDbRegisterStore({ path: join(dir, 'register.duckdb') });
  const load = await store.beginImport();
  await load.add(PEOPLE);
  await load.commit();
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rebuiltOnOpen(): Promise<boolean> {
  const index = await openDuckDbMatchIndex(store);
  try {
    const people = await index.people([n(2), n(9)]);
    expect(new Map([...people].map(([id, text]) => [id, parsePerson(text)]))).toEqual(
      new Map([[n(2), currentDemographics(PEOPLE[1] ?? fixturePerson(n(2)))]]),
    );
    expect(await index.resolve([n(7), n(3)])).toEqual(
      new Map([
        [n(7), n(2)],
        [n(3), n(3)],
      ]),
    );
    const records = await index.recordsAt([0, 2, 3, -1]);
    expect([...records.keys()]).toEqual([0, 2]);
    expect(records.get(2)).toEqual(fromRegisterPerson(PEOPLE[2] ?? fixturePerson(n(3))));
    return index.status.rebuilt;
  } finally {
    await index.close();
  }
}

describe('the DuckDB match index and its documents file', () => {
  it('is built once, then reused while its documents file is whole', async () => {
    expect(await rebuiltOnOpen()).toBe(true);
    expect(readdirSync(dir)).toContain('register.duckdb.match-docs');
    expect(await rebuiltOnOpen()).toBe(false);
  });

  it('reads the same people after its look-ups have found them as before', async () => {
    const index = await openDuckDbMatchIndex(store);
    try {
      const ids = [n(2), n(3), n(9)];
      const cold = await index.people(ids);
      const records = PEOPLE.map((person) => fromRegisterPerson(person));
      const exact = await index.exactCandidates(records);
      expect(exact.map((found) => found.map((c) => c.id))).toEqual([[n(1)], [n(2)], [n(3)]]);
      expect(await index.resolve([n(7)])).toEqual(new Map([[n(7), n(2)]]));
      const warm = await index.people(ids);
      expect(warm).toEqual(cold);
      expect([...warm.keys()].sort()).toEqual([n(2), n(3)]);
      expect(await index.people([])).toEqual(new Map());
    } finally {
      await index.close();
    }
  });

  it('reads the people a search is told of with it, each under its own number', async () => {
    const index = await openDuckDbMatchIndex(store);
    try {
      const ids = [n(3), n(2)];
      const cold = await index.people(ids);
      const records = PEOPLE.map((person) => fromRegisterPerson(person));
      // A new chunk: its exact look-up finds where the people are, then its search reads them.
      await index.exactCandidates(records);
      const model = defaultModel();
      await index.search(records, model, { keep: 5, people: [...ids, n(9), n(3)] });
      const read = await index.people([n(2), n(3), n(1)]);
      expect(read.get(n(2))).toBe(cold.get(n(2)));
      expect(read.get(n(3))).toBe(cold.get(n(3)));
      expect(parsePerson(read.get(n(1)) ?? '{}').nhsNumber).toBe(n(1));
      expect(parsePerson(read.get(n(3)) ?? '{}').nhsNumber).toBe(n(3));
    } finally {
      await index.close();
    }
  });

  it('is rebuilt when the documents file is missing or cut short', async () => {
    const docs = matchDocsPath(join(dir, 'register.duckdb')) ?? '';
    rmSync(docs);
    expect(await rebuiltOnOpen()).toBe(true);
    truncateSync(docs, 100);
    expect(await rebuiltOnOpen()).toBe(true);
    expect(await rebuiltOnOpen()).toBe(false);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('term frequencies', () => {
  it("are the register's table, read once and shared by the index's sessions", async () => {
    const records = PEOPLE.map((person) => fromRegisterPerson(person));
    const ask = [
      ['given-name', records[0]?.givenFirst ?? ''],
      ['family-name', records[1]?.familyName ?? ''],
      ['postcode', records[2]?.postcode?.full ?? ''],
      ['postcode', 'ZZ1 1ZZ'],
      ['family-name', 'NOTHELD'],
    ] as const;
    const index = await openDuckDbMatchIndex(store);
    const conn = await store.connect();
    try {
      const lookup = await index.frequencies();
      const values = ask.map(([column, value]) => lookup(column, value));
      expect(values.slice(0, 3).every((f) => f !== undefined && f > 0)).toBe(true);
      expect(values.slice(3)).toEqual([undefined, undefined]);
      for (const [i, [column, value]] of ask.entries()) {
        const reader = await conn.runAndReadAll(
          'SELECT frequency FROM match_tf WHERE col = $1 AND value = $2',
          [column, value],
        );
        const stored = reader.getRows()[0]?.[0];
        expect(values[i]).toBe(stored === undefined ? undefined : Number(stored));
      }
      const session = await index.session();
      try {
        const shared = await session.frequencies();
        expect(ask.map(([column, value]) => shared(column, value))).toEqual(values);
      } finally {
        await session.close();
      }
    } finally {
      conn.closeSync();
      await index.close();
    }
  });
});

describe('the keys file beside the index', () => {
  it('is written again when missing or cut short, without rebuilding the index', async () => {
    const keys = matchKeysPath(join(dir, 'register.duckdb')) ?? '';
    expect(await rebuiltOnOpen()).toBe(false);
    expect(readdirSync(dir)).toContain('register.duckdb.match-keys');
    const search = async (keysPerPart?: number): Promise<string[][]> => {
      const index = await openDuckDbMatchIndex(
        store,
        keysPerPart === undefined ? {} : { keysPerPart },
      );
      try {
        expect(index.status.rebuilt).toBe(false);
        const requests = PEOPLE.map((person) => fromRegisterPerson(person));
        const found = await index.search(requests, defaultModel(), { keep: Infinity });
        return found.map((candidates) => candidates.map((c) => c.id));
      } finally {
        await index.close();
      }
    };
    const before = await search();
    expect(before.map((ids, i) => ids.includes(n(i + 1)))).toEqual([true, true, true]);
    rmSync(keys);
    expect(await search()).toEqual(before);
    // Written again in parts of at most two keys (sorted a part at a time): the same bytes.
    const whole = readFileSync(keys);
    rmSync(keys);
    expect(await search(2)).toEqual(before);
    expect(readFileSync(keys).equals(whole)).toBe(true);
    truncateSync(keys, 40);
    expect(await search()).toEqual(before);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('the exact keys file beside the index', () => {
  it('is written again when missing or cut short, without rebuilding the index', async () => {
    const exact = matchKeysPath(join(dir, 'register.duckdb'), 'match-exact') ?? '';
    expect(await rebuiltOnOpen()).toBe(false);
    expect(readdirSync(dir)).toContain('register.duckdb.match-exact');
    const look = async (): Promise<string[][]> => {
      const index = await openDuckDbMatchIndex(store);
      try {
        expect(index.status.rebuilt).toBe(false);
        const requests = PEOPLE.map((person) => fromRegisterPerson(person));
        const found = await index.exactCandidates(requests);
        return found.map((candidates) => candidates.map((c) => c.id));
      } finally {
        await index.close();
      }
    };
    const before = await look();
    expect(before).toEqual([[n(1)], [n(2)], [n(3)]]);
    rmSync(exact);
    expect(await look()).toEqual(before);
    truncateSync(exact, 40);
    expect(await look()).toEqual(before);
    expect(await rebuiltOnOpen()).toBe(false);
  });
});

describe('positions in the match index', () => {
  it('follow NHS Number order on a register larger than a DuckDB row group', async () => {
    // 130,000 people: more than one row group (122,880 rows), where DuckDB reads in parallel
    // and an unordered read gave most people another position in every build.
    const people = 130_000;
    const folder = mkdtempSync(join(tmpdir(), 'match-positions-'));
    const large = await openDuckDbRegisterStore({ path: join(folder, 'register.duckdb') });
    try {
      const load = await large.beginImport();
      const docs = Array.from({ length: people }, (_, i) =>
        JSON.stringify(fixturePerson(n(people - 1 - i), { birthDate: '1970-01-01' })),
      );
      await load.addJson(docs);
      await load.commit();
      const index = await openDuckDbMatchIndex(large);
      try {
        const positions = Array.from({ length: people }, (_, i) => i);
        const records = await index.recordsAt(positions);
        const numbers = positions.map((p) => records.get(p)?.nhsNumber ?? '');
        expect(numbers).toEqual(positions.map((p) => n(p)));
      } finally {
        await index.close();
      }
    } finally {
      await large.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("a trace worker's handle on the index", () => {
  it('opened from what the index shared, looks up as the index does, with no database', async () => {
    const index = await openDuckDbMatchIndex(store, { warmDocuments: true });
    try {
      // The records are shared once the documents have been read through.
      let parts = await index.shareable?.();
      for (let tries = 0; parts === undefined && tries < 500; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        parts = await index.shareable?.();
      }
      expect(parts).toBeDefined();
      // As a worker receives them: through a structured clone (shared memory stays shared).
      const worker = workerMatchIndex(structuredClone(parts) as SharedIndexParts);
      // Nothing looked up yet on the worker's handle: its people come from the number keys.
      expect(await worker.people([n(2), n(9)])).toEqual(await index.people([n(2), n(9)]));
      expect(await worker.resolve([n(7), n(3), n(9)])).toEqual(
        new Map([
          [n(7), n(2)],
          [n(3), n(3)],
        ]),
      );
      const requests = PEOPLE.map(fromRegisterPerson);
      expect(await worker.exactCandidates(requests)).toEqual(await index.exactCandidates(requests));
      await expect(worker.keyCounts(requests)).rejects.toThrow('no database connection');
      await worker.close();
    } finally {
      await index.close();
    }
  });
});
