import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { RegisterPerson } from '../core/person.js';
import { arbRegisterPerson } from '../formats/test-support/arbitrary-register-person.js';
import { MemoryRegisterStore } from './memory/memory-register-store.js';
import { allPeople, upsertPeople } from './register-store-ops.js';
import type { RegisterStore } from './register-store.js';
import { fixturePerson, testNhsNumber } from './test-support/register-people.js';

/** How the contract suite gets stores of one adapter. */
export interface RegisterStoreFixture {
  /** A new, empty store. */
  create(): Promise<RegisterStore>;
  /** Closes a persistent store and opens the same data again; absent for in-memory stores. */
  reopen?: (store: RegisterStore) => Promise<RegisterStore>;
  /** Runs of each property test; lower it for slow (file-backed) stores. Default 25. */
  propertyRuns?: number;
}

const n = testNhsNumber;
const byNumber = (a: RegisterPerson, b: RegisterPerson): number =>
  a.nhsNumber < b.nhsNumber ? -1 : a.nhsNumber > b.nhsNumber ? 1 : 0;

/** People with distinct numbers and no number claimed twice (so none merges with another). */
const arbDistinctPeople = fc
  .uniqueArray(arbRegisterPerson, { maxLength: 8, selector: (p) => p.nhsNumber })
  .map((people) => {
    const claimed = new Set<string>(people.map((p) => p.nhsNumber));
    return people.map((p) => {
      const own = [...new Set(p.supersededNhsNumbers)].filter((x) => !claimed.has(x));
      own.forEach((x) => claimed.add(x));
      return { ...p, supersededNhsNumbers: own };
    });
  });

/** Imports over a pool of six numbers, so records replace, supersede and chain each other. */
const pool = [0, 1, 2, 3, 4, 5].map(n);
const arbTangledImports = fc.array(
  fc.array(
    fc.record({
      at: fc.integer({ min: 0, max: 5 }),
      superseded: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }),
      family: fc.constantFrom('Simpson', 'Flanders', 'Szyslak'),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  { minLength: 1, maxLength: 3 },
);

/**
 * The contract every register store adapter must pass (Kysely's per-dialect test loop): the
 * same tests, run against memory, DuckDB and any later engine.
 * @param name - the adapter's name, for test titles
 * @param fixture - how to create (and reopen) stores
 */
export function registerStoreContract(name: string, fixture: RegisterStoreFixture): void {
  describe(`RegisterStore contract: ${name}`, () => {
    const runs = fixture.propertyRuns ?? 25;
    const open: RegisterStore[] = [];
    const create = async (): Promise<RegisterStore> => {
      const store = await fixture.create();
      open.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });

    it('starts empty', async () => {
      const store = await create();
      expect(await store.count()).toBe(0);
      expect(await store.getByNhsNumber(n(0))).toBeUndefined();
      expect(await allPeople(store)).toEqual([]);
      const stats = await store.stats();
      expect(stats.people).toBe(0);
      expect(stats.completeness.postcode).toBe(0);
    });

    it('reads back every field it was given, in NHS Number order', async () => {
      await fc.assert(
        fc.asyncProperty(arbDistinctPeople, async (people) => {
          const store = await create();
          await upsertPeople(store, people);
          expect(await allPeople(store)).toEqual([...people].sort(byNumber));
          for (const p of people) {
            expect(await store.getByNhsNumber(p.nhsNumber)).toEqual(p);
          }
          await store.close();
        }),
        { numRuns: runs },
      );
    });

    it('is idempotent: importing the same people twice changes nothing', async () => {
      const store = await create();
      const people = [0, 1, 2].map((i) => fixturePerson(n(i)));
      const first = await upsertPeople(store, people);
      expect(first).toMatchObject({ received: 3, inserted: 3, updated: 0, merged: 0, people: 3 });
      const before = await allPeople(store);
      const second = await upsertPeople(store, people);
      expect(second).toMatchObject({ received: 3, inserted: 0, updated: 3, merged: 0, people: 3 });
      expect(await allPeople(store)).toEqual(before);
    });

    it('replaces a record by NHS Number, the later line winning within an import', async () => {
      const store = await create();
      await upsertPeople(store, [fixturePerson(n(0))]);
      const moved = fixturePerson(n(0), { gender: 'unknown', addresses: [] });
      const later = fixturePerson(n(0), { birthDate: '1957' });
      await upsertPeople(store, [moved, later]);
      expect(await store.getByNhsNumber(n(0))).toEqual(later);
      expect(await store.count()).toBe(1);
    });

    it('resolves a superseded number to the current record', async () => {
      const store = await create();
      const current = fixturePerson(n(1), { supersededNhsNumbers: [n(2), n(3)] });
      await upsertPeople(store, [current]);
      expect(await store.getByNhsNumber(n(2))).toEqual(current);
      expect(await store.getByNhsNumber(n(3))).toEqual(current);
      expect(await store.count()).toBe(1);
      expect((await store.stats()).supersededNumbers).toBe(2);
    });

    it('merges a stored record away when a new record supersedes it, and follows its chain', async () => {
      const store = await create();
      await upsertPeople(store, [fixturePerson(n(1), { supersededNhsNumbers: [n(9)] })]);
      const summary = await upsertPeople(store, [
        fixturePerson(n(2), { supersededNhsNumbers: [n(1)] }),
      ]);
      expect(summary).toMatchObject({ inserted: 1, updated: 0, merged: 1, people: 1 });
      const survivor = await store.getByNhsNumber(n(9));
      expect(survivor?.nhsNumber).toBe(n(2));
      expect(survivor?.supersededNhsNumbers).toEqual([n(1), n(9)].sort());
    });

    it('agrees with the reference rule on tangled imports (replace, supersede, chain)', async () => {
      await fc.assert(
        fc.asyncProperty(arbTangledImports, async (imports) => {
          const store = await create();
          const reference = new MemoryRegisterStore();
          for (const batch of imports) {
            const people = batch.map((r) =>
              fixturePerson(n(r.at), {
                names: [{ use: 'usual', given: ['Homer'], family: r.family }],
                supersededNhsNumbers: r.superseded.map(n),
              }),
            );
            expect(await upsertPeople(store, people)).toEqual(
              await upsertPeople(reference, people),
            );
          }
          expect(await allPeople(store)).toEqual(await allPeople(reference));
          for (const num of pool) {
            expect(await store.getByNhsNumber(num)).toEqual(await reference.getByNhsNumber(num));
          }
          await store.close();
        }),
        { numRuns: runs },
      );
    });

    it('holds the invalidated flag, found by a superseded number, and a later record clears it', async () => {
      const store = await create();
      const invalid = fixturePerson(n(0), { invalidated: true, supersededNhsNumbers: [n(5)] });
      await upsertPeople(store, [invalid, fixturePerson(n(1))]);
      expect(await store.getByNhsNumber(n(5))).toEqual(invalid);
      expect(await allPeople(store)).toEqual([invalid, fixturePerson(n(1))]);
      expect((await store.stats()).invalidated).toBe(1);
      await upsertPeople(store, [fixturePerson(n(0))]);
      expect(await store.getByNhsNumber(n(0))).toEqual(fixturePerson(n(0)));
      expect((await store.stats()).invalidated).toBe(0);
    });

    it('shows nothing of an import until it commits, and nothing after a rollback', async () => {
      const store = await create();
      await upsertPeople(store, [fixturePerson(n(0))]);
      const session = await store.beginImport();
      await session.add([fixturePerson(n(1)), fixturePerson(n(0), { restricted: true })]);
      expect(await store.count()).toBe(1);
      await session.rollback();
      expect(await allPeople(store)).toEqual([fixturePerson(n(0))]);
    });

    it('stages people given as JSON documents as it stages the people, in order', async () => {
      const store = await create();
      const session = await store.beginImport();
      const first = fixturePerson(n(0), { gender: 'other' });
      const later = fixturePerson(n(0), { restricted: true });
      await session.addJson([first, fixturePerson(n(1))].map((p) => JSON.stringify(p)));
      await session.add([fixturePerson(n(2))]);
      await session.addJson([JSON.stringify(later)]);
      expect(await session.commit()).toMatchObject({ received: 4, inserted: 3, people: 3 });
      expect(await allPeople(store)).toEqual([later, fixturePerson(n(1)), fixturePerson(n(2))]);
    });

    it('reports counts, completeness and common values', async () => {
      const store = await create();
      const sparse = fixturePerson(n(2), {
        names: [{ use: 'usual', given: [], family: 'Flanders' }],
        addresses: [{ use: 'home', lines: [] }],
        birthDate: '1960',
        gender: 'unknown',
        restricted: true,
        deceasedDateTime: '2020-01-01',
        supersededNhsNumbers: [n(7)],
      });
      const noGp: RegisterPerson = { ...fixturePerson(n(3)), invalidated: true };
      delete (noGp as { gpOdsCode?: string }).gpOdsCode;
      await upsertPeople(store, [fixturePerson(n(0)), fixturePerson(n(1)), sparse, noGp]);
      const stats = await store.stats({ top: 2 });
      expect(stats).toEqual({
        people: 4,
        deceased: 1,
        restricted: 1,
        invalidated: 1,
        supersededNumbers: 1,
        historicNames: 3,
        historicAddresses: 3,
        completeness: {
          givenName: 75,
          familyName: 100,
          fullBirthDate: 75,
          gender: 75,
          addressLine: 75,
          postcode: 75,
          gpPractice: 75,
        },
        common: {
          familyName: [
            { value: 'Simpson', count: 3 },
            { value: 'Flanders', count: 1 },
          ],
          givenName: [{ value: 'Marge', count: 3 }],
          postcode: [{ value: 'LS1 6AE', count: 3 }],
        },
      });
      expect((await store.stats({ minCount: 2 })).common.familyName).toEqual([
        { value: 'Simpson', count: 3 },
      ]);
    });

    const reopen = fixture.reopen;
    if (reopen !== undefined) {
      it('keeps its data when closed and opened again', async () => {
        const store = await fixture.create();
        const people: RegisterPerson[] = [fixturePerson(n(4), { supersededNhsNumbers: [n(5)] })];
        await upsertPeople(store, people);
        const again = await reopen(store);
        open.push(again);
        expect(await again.getByNhsNumber(n(5))).toEqual(people[0]);
      });
    }
  });
}
