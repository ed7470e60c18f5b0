import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterPerson } from '../core/person.js';
import { PDS_MESH_REQUEST_COLUMNS, type PdsMeshRequestRow } from '../formats/pds-mesh-columns.js';
import {
  buildMatchRecord,
  compareRecords,
  defaultModel,
  score,
  type MatchModel,
  type MatchRecord,
} from '../matching/index.js';
import {
  openDuckDbRegisterStore,
  type DuckDbRegisterStore,
} from '../storage/duckdb/duckdb-register-store.js';
import { openDuckDbMatchIndex } from '../storage/duckdb/duckdb-match-index.js';
import type { MatchIndex } from '../storage/match-index.js';
import { generatePopulation } from '../synthetic/population/generate-population.js';
import { ERROR_RATES } from '../synthetic/requests/error-rates.js';
import { generateRequests } from '../synthetic/requests/generate-requests.js';
import { RegisterPools } from '../synthetic/requests/register-pools.js';
import { createRng } from '../synthetic/rng.js';
import { traceRecord } from '../matching/trace-decision.js';
import { buildInMemoryIndex } from './in-memory-index.js';
import { matchInputFromRequestRow } from './in-memory-request.js';
import { trainInMemory } from './in-memory-train.js';
import type { SourceRow } from './request-source.js';
import { readSourceRows } from './test-support/source-rows.js';
import { allAnswers, inMemoryBackend } from './trace-backend.js';
import { traceRegisterFrom, type TraceRegister } from './trace-register.js';
import { sqlBackend } from './trace-sql-backend.js';
import { trainWithIndex } from './trace-sql-train.js';

/**
 * The two executions of one model: the set-based SQL (DuckDB) and the in-process TypeScript
 * path must find the same candidates, put every pair in the same level of every comparison,
 * give the same weights, train the same model and answer every request row the same way.
 * Data: a synthetic register and a request file with the generator's realistic errors.
 */

const PEOPLE = 3_000;
const REQUESTS = 600;

let store: DuckDbRegisterStore;
let index: MatchIndex;
let register: TraceRegister;
let rows: PdsMeshRequestRow[];
let records: MatchRecord[];

async function* streamOf<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) {
    yield await Promise.resolve(item);
  }
}

async function sourceRows(): Promise<SourceRow[]> {
  const csv = stringify([
    [...PDS_MESH_REQUEST_COLUMNS],
    ...rows.map((row) => PDS_MESH_REQUEST_COLUMNS.map((c) => row[c])),
  ]);
  return readSourceRows(csv, { today: '2026-01-01' });
}

beforeAll(async () => {
  const people: RegisterPerson[] = [...generatePopulation({ people: PEOPLE, seed: 5 })];
  const rng = createRng(9);
  const pools = new RegisterPools(rng);
  people.forEach((p) => {
    pools.observe(p);
  });
  rows = [];
  for await (const generated of generateRequests(streamOf(people), {
    requests: REQUESTS,
    rates: ERROR_RATES,
    rng,
    pools,
  })) {
    rows.push(generated.row);
  }
  records = rows.map((row) => buildMatchRecord(matchInputFromRequestRow(row)));
  store = await openDuckDbRegisterStore({ path: ':memory:' });
  const load = await store.beginImport();
  await load.add(people);
  await load.commit();
  index = await openDuckDbMatchIndex(store);
  const stored: RegisterPerson[] = [];
  for await (const person of store.exportPeople()) {
    stored.push(person);
  }
  register = traceRegisterFrom(stored);
}, 120_000);

afterAll(async () => {
  await index.close();
  await store.close();
});

describe('SQL and in-process execution of one model', () => {
  it('index every person of the register', () => {
    expect(index.status).toMatchObject({ people: PEOPLE, rebuilt: true });
  });

  it('block the same candidate pairs', async () => {
    const found = await index.search(records, defaultModel(), { keep: Infinity });
    let pairs = 0;
    records.forEach((record, i) => {
      const sql = (found[i] ?? []).map((c) => c.id).sort();
      const memory = register.index
        .candidates(record)
        .map((c) => c.id)
        .sort();
      expect(sql).toEqual(memory);
      pairs += sql.length;
    });
    expect(pairs).toBeGreaterThan(REQUESTS);
  });

  it('find the same exact candidates for the cascade', async () => {
    const sql = await index.exactCandidates(records);
    const memory = records.map((record) => register.exact.candidates(record));
    const ids = (found: readonly (readonly { id: string }[])[]) =>
      found.map((f) => f.map((c) => c.id));
    expect(ids(sql)).toEqual(ids(memory));
    expect(sql.map((f) => f.map((c) => c.record))).toEqual(
      memory.map((f) => f.map((c) => c.record)),
    );
    expect(memory.filter((f) => f.length > 0).length).toBeGreaterThan(REQUESTS / 2);
  });

  it('put every pair in the same levels and give the same weights', async () => {
    const model: MatchModel = defaultModel();
    const found = await index.search(records, model, { keep: Infinity });
    const seen = model.comparisons.map(() => new Set<number>());
    records.forEach((record, i) => {
      for (const candidate of found[i] ?? []) {
        expect(candidate.gammas).toEqual(compareRecords(record, candidate.record, model));
        const expected = score(record, candidate.record, model, register.lookup).weight;
        expect(Math.abs(candidate.weight - expected)).toBeLessThan(1e-9);
        candidate.gammas.forEach((g, c) => seen[c]?.add(g));
      }
    });
    // The data exercises most levels of every comparison, so the agreement above means something.
    const levels = model.comparisons.reduce((n, c) => n + c.levels.length, 0);
    const reached = seen.reduce((n, s) => n + s.size, 0);
    expect(reached / levels).toBeGreaterThan(0.8);
  });

  it('train the same model without labels', async () => {
    const options = { seed: 3, randomPairs: 20_000 };
    const memory = trainInMemory(
      register.records,
      records,
      (r) => register.index.candidates(r),
      options,
    );
    const sql = await trainWithIndex(index, records, options);
    expect(memory.success && sql.success).toBe(true);
    if (!memory.success || !sql.success) {
      return;
    }
    expect(sql.data.ruleMatches).toBe(memory.data.ruleMatches);
    expect(sql.data.emPairs).toEqual(memory.data.emPairs);
    expect(sql.data.model.lambda).toBeCloseTo(memory.data.model.lambda, 12);
    sql.data.model.comparisons.forEach((comparison, c) => {
      comparison.levels.forEach((level, l) => {
        const other = memory.data.model.comparisons[c]?.levels[l];
        expect(level.u).toBeCloseTo(other?.u ?? NaN, 9);
        expect(level.m).toBeCloseTo(other?.m ?? NaN, 9);
      });
    });
  });

  it('answer every request row the same way', async () => {
    const source = await sourceRows();
    expect(source).toHaveLength(REQUESTS);
    const settings = { model: defaultModel(), dateFormat: 'YYYYMMDD' as const };
    const memory = allAnswers(await inMemoryBackend(register).tracer(settings).trace(source));
    const sql = allAnswers(await sqlBackend(index).tracer(settings).trace(source));
    expect(sql).toEqual(memory);
    const outcomes = new Set(memory.map((t) => t.answer.outcome));
    expect(outcomes.has('matched') && outcomes.has('no-match')).toBe(true);
  });

  it('decide the same over the two best kept as over every candidate', async () => {
    // With only the best two kept by rank, the decision must still be the one over every
    // blocked candidate. (In this data the holder, alphanumeric and twin candidates always rank
    // in the top two, so this checks the ranking and the reduction; trace-sql-kept.test.ts puts
    // each of them below the best.)
    const model = defaultModel();
    const lookup = register.lookup;
    const all = await index.search(records, model, { keep: Infinity });
    const two = await index.search(records, model, { keep: 2 });
    const decide = (found: readonly (readonly { id: string; record: MatchRecord }[])[]) =>
      records.map((record, i) => {
        const candidates = (found[i] ?? []).map(({ id, record: r }) => ({ id, record: r }));
        const { outcome, nhsNumber, method, reasons } = traceRecord(record, candidates, {
          model,
          lookup,
        });
        return { outcome, nhsNumber, method, reasons };
      });
    expect(decide(two)).toEqual(decide(all));
    expect(two.every((found) => found.length <= 2)).toBe(true);
    expect(all.some((found) => found.length > 2)).toBe(true);
  });

  it('reuse a current index and rebuild it when the register changes', async () => {
    const again = await openDuckDbMatchIndex(store);
    expect(again.status).toMatchObject({ rebuilt: false, people: PEOPLE });
    await again.close();
    const [first] = register.people.values();
    if (first === undefined) {
      throw new Error('empty register');
    }
    const load = await store.beginImport();
    await load.add([{ ...first, gpOdsCode: 'Y99999' }]);
    await load.commit();
    const rebuilt = await openDuckDbMatchIndex(store);
    expect(rebuilt.status).toMatchObject({ rebuilt: true, people: PEOPLE });
    await rebuilt.close();
  });
  // Last: it rebuilds the store's index with another cap, under the handle opened above.
  it('skip the same keys over a small cap, and count them the same for the estimate', async () => {
    const cap = 3;
    const capped = await openDuckDbMatchIndex(store, { cap });
    try {
      const memory = buildInMemoryIndex(register.records, { cap });
      const found = await capped.search(records, defaultModel(), { keep: Infinity });
      let pairs = 0;
      records.forEach((record, i) => {
        const sql = (found[i] ?? []).map((c) => c.id).sort();
        expect(sql).toEqual(
          memory
            .candidates(record)
            .map((c) => c.id)
            .sort(),
        );
        pairs += sql.length;
      });
      expect(pairs).toBeGreaterThan(0);
      expect(Object.values(memory.stats.cappedKeys).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      const counts = await capped.keyCounts(records);
      const overCap = counts.register.flatMap((byKey) =>
        [...byKey.values()].filter((n) => n > cap),
      );
      expect(overCap.length).toBeGreaterThan(0);
    } finally {
      await capped.close();
    }
  });
});
