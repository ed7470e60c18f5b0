import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterPerson } from '../core/person.js';
import {
  buildMatchRecord,
  defaultModel,
  fromRegisterPerson,
  type MatchRecord,
} from '../matching/index.js';
import { traceRecord } from '../matching/trace-decision.js';
import {
  openDuckDbRegisterStore,
  type DuckDbRegisterStore,
} from '../storage/duckdb/duckdb-register-store.js';
import { openDuckDbMatchIndex } from '../storage/duckdb/duckdb-match-index.js';
import type { IndexedCandidate, MatchIndex } from '../storage/match-index.js';
import { fixturePerson, testNhsNumber as n } from '../storage/test-support/register-people.js';
import { inMemoryTermFrequencies } from './in-memory-tf.js';

/**
 * The SQL search keeps, besides the best candidates by rank, every candidate the decision looks
 * at: the holder of the supplied number, the candidates the alphanumeric step could accept, and
 * the possible twins of the best. Each request here puts one of these below the best, so with
 * only the best kept by rank each clause of the kept-candidates SQL must hold it on its own.
 */

const person = (
  i: number,
  given: string,
  family: string,
  birthDate: string,
  line: string,
  postalCode: string,
): RegisterPerson =>
  fixturePerson(n(i), {
    names: [{ use: 'usual', given: [given], family }],
    gender: 'male',
    birthDate,
    addresses: [{ use: 'home', lines: [line, 'Leeds'], postalCode }],
  });

/** The best for the request below: its family name has a typo. */
const BEST = person(1, 'Peter', 'Jonas', '1970-05-05', '1 High Street', 'LS1 1AA');
/** Same family name, gender and birth date as the request: the alphanumeric step could take him. */
const ALPHANUMERIC = person(2, 'Michael', 'Jones', '1970-05-05', '9 Low Road', 'LS9 9ZZ');
/** Same family name and birth date as the best: a possible twin of the best. */
const TWIN = person(3, 'Paul', 'Jonas', '1970-05-05', '1 High Street', 'LS1 1AA');
/** Holds the number the second request supplies, with nothing else in common. */
const HOLDER = person(4, 'Zara', 'Quinn', '1990-01-01', '5 Far Lane', 'BD7 1AB');
const REGISTER = [BEST, ALPHANUMERIC, TWIN, HOLDER];

const REQUESTS: MatchRecord[] = [
  buildMatchRecord({
    givenNames: 'Peter',
    familyName: 'Jones',
    gender: 'male',
    birthDate: '1970-05-05',
    postcode: 'LS1 1AA',
    addressLines: ['1 High Street', 'Leeds'],
  }),
  buildMatchRecord({
    nhsNumber: HOLDER.nhsNumber,
    givenNames: 'Peter',
    familyName: 'Jonas',
    gender: 'male',
    birthDate: '1970-05-05',
    postcode: 'LS1 1AA',
    addressLines: ['1 High Street', 'Leeds'],
  }),
];

let store: DuckDbRegisterStore;
let index: MatchIndex;

beforeAll(async () => {
  store = await openDuckDbRegisterStore({ path: ':memory:' });
  const load = await store.beginImport();
  await load.add(REGISTER);
  await load.commit();
  index = await openDuckDbMatchIndex(store);
});

afterAll(async () => {
  await index.close();
  await store.close();
});

const ids = (found: readonly IndexedCandidate[] | undefined): string[] =>
  (found ?? []).map((c) => c.id);

describe('the candidates the SQL search keeps beyond the best', () => {
  it('keeps the alphanumeric candidate, the twin of the best and the holder below the best', async () => {
    const [first, second] = await index.search(REQUESTS, defaultModel(), { keep: 1 });
    expect(ids(first)[0]).toBe(BEST.nhsNumber);
    expect(new Set(ids(first))).toEqual(
      new Set([BEST.nhsNumber, ALPHANUMERIC.nhsNumber, TWIN.nhsNumber]),
    );
    expect(ids(second)[0]).toBe(BEST.nhsNumber);
    expect(ids(second)).toContain(HOLDER.nhsNumber);
  });

  it('decides over them as over every candidate', async () => {
    const model = defaultModel();
    const lookup = inMemoryTermFrequencies(REGISTER.map(fromRegisterPerson));
    const decide = (found: readonly IndexedCandidate[][]) =>
      REQUESTS.map((record, i) => {
        const candidates = (found[i] ?? []).map(({ id, record: r }) => ({ id, record: r }));
        const { outcome, nhsNumber, reasons } = traceRecord(record, candidates, { model, lookup });
        return { outcome, nhsNumber, reasons };
      });
    const all = await index.search(REQUESTS, model, { keep: Infinity });
    expect(decide(await index.search(REQUESTS, model, { keep: 1 }))).toEqual(decide(all));
  });
});
