import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterPerson } from '../../core/person.js';
import { fromRegisterPerson, type BirthDateParts, type MatchRecord } from '../../matching/index.js';
import { buildExactLookup } from '../../pipeline/in-memory-exact.js';
import type { MatchIndex } from '../match-index.js';
import { fixturePerson, testNhsNumber as n } from '../test-support/register-people.js';
import { indexedMemoryRegister } from '../test-support/memory-index.js';
import type { DuckDbRegisterStore } from './duckdb-register-store.js';

/**
 * The cascade's exact look-up through the exact keys file (`EXACT_KEYS_SQL`, checked record by
 * record) finds what the in-process look-up finds (`buildExactLookup`, the reference the SQL
 * joins were held to): holders of current and superseded numbers, family name with a full date
 * of birth, and family name with a year, or a year and month, for requests without a day.
 */

const FAMILIES = ['Simpson', 'Flanders', 'Van Houten'] as const;
const DATES = ['1956-10-01', '1956-10-02', '1956-11-01', '1957-10-01'] as const;
const PEOPLE: RegisterPerson[] = Array.from({ length: 24 }, (_, i) =>
  fixturePerson(n(i), {
    names: [{ use: 'usual', given: ['Marge'], family: FAMILIES[i % FAMILIES.length] ?? 'Simpson' }],
    birthDate: DATES[Math.floor(i / FAMILIES.length) % DATES.length] ?? '1956-10-01',
    // Every fifth person took over two numbers in a merge.
    supersededNhsNumbers: i % 5 === 0 ? [n(100 + i), n(200 + i)] : [],
  }),
);

let store: DuckDbRegisterStore;
let index: MatchIndex;

beforeAll(async () => {
  ({ store, index } = await indexedMemoryRegister(PEOPLE));
}, 60_000);

afterAll(async () => {
  await index.close();
  await store.close();
});

const reference = buildExactLookup(
  PEOPLE.map((p) => ({ id: p.nhsNumber, record: fromRegisterPerson(p) })),
);
/** The holder of each number that has one, as the register says. */
function holders(numbers: readonly string[]): Map<string, string> {
  const held = new Map<string, string>();
  for (const number of numbers) {
    const holder = PEOPLE.find(
      (p) =>
        p.nhsNumber === number || (p.supersededNhsNumbers as readonly string[]).includes(number),
    );
    if (holder !== undefined) {
      held.set(number, holder.nhsNumber);
    }
  }
  return held;
}

/** A record without the fields the exact look-up reads. */
function withoutLookupFields(
  record: MatchRecord,
): Omit<MatchRecord, 'nhsNumber' | 'familyName' | 'birthDate'> {
  const read = new Set(['nhsNumber', 'familyName', 'birthDate']);
  return Object.fromEntries(Object.entries(record).filter(([key]) => !read.has(key))) as Omit<
    MatchRecord,
    'nhsNumber' | 'familyName' | 'birthDate'
  >;
}

const template = fromRegisterPerson(fixturePerson(n(0)));
/** The family names as match records hold them (`VANHOUTEN`). */
const familyKeys = FAMILIES.flatMap(
  (family) =>
    fromRegisterPerson(fixturePerson(n(0), { names: [{ use: 'usual', given: ['Marge'], family }] }))
      .familyName ?? [],
);

/** Numbers held now, held before a merge, and held by nobody. */
const anyNumber = fc.constantFrom(n(0), n(3), n(5), n(23), n(100), n(215), n(300), '1234567890');
const birthDate: fc.Arbitrary<BirthDateParts> = fc
  .record({
    year: fc.constantFrom(1956, 1957, 1958),
    month: fc.option(fc.constantFrom(10, 11), { nil: undefined }),
    day: fc.constantFrom(1, 2),
    parts: fc.constantFrom('full', 'year-month', 'year'),
  })
  .map(({ year, month, day, parts }) => {
    if (parts === 'year' || month === undefined) {
      return { year, placeholder: false };
    }
    return parts === 'year-month'
      ? { year, month, placeholder: false }
      : { year, month, day, placeholder: false };
  });
const request: fc.Arbitrary<MatchRecord> = fc
  .record({
    nhsNumber: fc.option(anyNumber, { nil: undefined }),
    familyName: fc.option(fc.constantFrom(...familyKeys, 'NOBODY'), { nil: undefined }),
    birthDate: fc.option(birthDate, { nil: undefined }),
  })
  .map(({ nhsNumber, familyName, birthDate: date }) => {
    const rest = withoutLookupFields(template);
    return {
      ...rest,
      ...(nhsNumber === undefined ? {} : { nhsNumber }),
      ...(familyName === undefined ? {} : { familyName }),
      ...(date === undefined ? {} : { birthDate: date }),
    };
  });

describe('the exact look-up through its keys file', () => {
  it('finds the candidates the in-process look-up finds, in NHS Number order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 30 }), async (requests) => {
        const found = await index.exactCandidates(requests);
        expect(found.map((list) => list.map((c) => c.id))).toEqual(
          requests.map((r) => reference.candidates(r).map((c) => c.id)),
        );
        expect(found.map((list) => list.map((c) => c.record))).toEqual(
          requests.map((r) => reference.candidates(r).map((c) => c.record)),
        );
        // The chunk's numbers, resolved after its look-up (answered from what it found), and
        // numbers it did not look up.
        const numbers = [...requests.flatMap((r) => r.nhsNumber ?? []), n(3), n(210), n(301)];
        expect(await index.resolve(numbers)).toEqual(holders(numbers));
      }),
      { numRuns: 60 },
    );
  });

  it('resolves current and superseded numbers to their holder, and leaves out the rest', async () => {
    const numbers = [n(0), n(3), n(100), n(215), n(300), '1234567890'];
    expect(await index.resolve(numbers)).toEqual(
      new Map([
        [n(0), n(0)],
        [n(3), n(3)],
        [n(100), n(0)],
        [n(215), n(15)],
      ]),
    );
    expect(await index.resolve([])).toEqual(new Map());
  });
});
