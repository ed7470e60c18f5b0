import type { NhsNumber } from '../../core/nhs-number/nhs-number.js';
import type { RegisterPerson } from '../../core/person.js';
import {
  applyImport,
  readRecord,
  supersededByRecord,
  type RegisterState,
} from '../register-merge.js';
import {
  COMPLETENESS_FIELDS,
  commonValuesOf,
  completenessOf,
  percentOf,
  topValues,
  type CompletenessField,
  type RegisterStats,
  type RegisterStatsOptions,
} from '../register-stats.js';
import type {
  ImportSummary,
  RegisterImport,
  RegisterStore,
  RegisterStoreCapabilities,
} from '../register-store.js';

const CAPABILITIES: RegisterStoreCapabilities = Object.freeze({
  persistent: false,
  concurrentWriters: false,
  derivedMatchingColumns: false,
});

function increment(map: Map<string, number>, value: string | undefined): void {
  if (value !== undefined) {
    map.set(value, (map.get(value) ?? 0) + 1);
  }
}

/**
 * A register held in process memory (medplum's `MemoryRepository`): the reference
 * implementation of the port, for tests of higher layers and for small runs. Values are
 * deep-cloned on the way in and out, so callers can never change stored records by accident.
 */
export class MemoryRegisterStore implements RegisterStore {
  readonly capabilities = CAPABILITIES;
  readonly #state: RegisterState = { records: new Map(), links: new Map() };
  #closed = false;

  /** Starts an import that buffers people in memory and applies them at commit. */
  beginImport(): Promise<RegisterImport> {
    this.#assertOpen();
    const staged: RegisterPerson[] = [];
    let finished = false;
    const state = this.#state;
    const session: RegisterImport = {
      add(people) {
        if (finished) {
          return Promise.reject(new Error('this import has already been committed or rolled back'));
        }
        staged.push(...structuredClone(people));
        return Promise.resolve();
      },
      addJson(docs) {
        return session.add(docs.map((doc) => JSON.parse(doc) as RegisterPerson));
      },
      commit(): Promise<ImportSummary> {
        if (finished) {
          return Promise.reject(new Error('this import has already been committed or rolled back'));
        }
        finished = true;
        const counts = applyImport(state, staged);
        return Promise.resolve({ received: staged.length, ...counts, people: state.records.size });
      },
      rollback() {
        finished = true;
        staged.length = 0;
        return Promise.resolve();
      },
    };
    return Promise.resolve(session);
  }

  /**
   * The current record for a number, following a superseded number to its record.
   * @param nhsNumber - a current or superseded NHS Number
   */
  getByNhsNumber(nhsNumber: NhsNumber): Promise<RegisterPerson | undefined> {
    this.#assertOpen();
    const current = this.#state.links.get(nhsNumber)?.target ?? nhsNumber;
    return Promise.resolve(structuredClone(readRecord(this.#state, current)));
  }

  /** The number of current people. */
  count(): Promise<number> {
    this.#assertOpen();
    return Promise.resolve(this.#state.records.size);
  }

  /**
   * Counts, completeness and common values, computed by walking every record.
   * @param options - top and minCount for the common values
   */
  stats(options: RegisterStatsOptions = {}): Promise<RegisterStats> {
    this.#assertOpen();
    const people = [...this.#state.records.values()];
    const present = Object.fromEntries(COMPLETENESS_FIELDS.map((f) => [f, 0])) as Record<
      CompletenessField,
      number
    >;
    const family = new Map<string, number>();
    const given = new Map<string, number>();
    const postcode = new Map<string, number>();
    for (const p of people) {
      const has = completenessOf(p);
      for (const field of COMPLETENESS_FIELDS) {
        present[field] += has[field] ? 1 : 0;
      }
      const values = commonValuesOf(p);
      increment(family, values.familyName);
      increment(given, values.givenName);
      increment(postcode, values.postcode);
    }
    const n = people.length;
    return Promise.resolve({
      people: n,
      deceased: people.filter((p) => p.deceasedDateTime !== undefined).length,
      restricted: people.filter((p) => p.restricted).length,
      invalidated: people.filter((p) => p.invalidated === true).length,
      supersededNumbers: this.#state.links.size,
      historicNames: people.reduce((s, p) => s + p.names.filter((x) => x.use === 'old').length, 0),
      historicAddresses: people.reduce(
        (s, p) => s + p.addresses.filter((x) => x.use === 'old').length,
        0,
      ),
      completeness: Object.fromEntries(
        COMPLETENESS_FIELDS.map((f) => [f, percentOf(present[f], n)]),
      ) as Record<CompletenessField, number>,
      common: {
        familyName: topValues(family, options),
        givenName: topValues(given, options),
        postcode: topValues(postcode, options),
      },
    });
  }

  /** Every current person, ordered by NHS Number. */
  async *exportPeople(): AsyncIterable<RegisterPerson> {
    this.#assertOpen();
    const index = supersededByRecord(this.#state);
    const numbers = [...this.#state.records.keys()].sort();
    for (const n of numbers) {
      const person = readRecord(this.#state, n, index);
      if (person !== undefined) {
        yield await Promise.resolve(structuredClone(person));
      }
    }
  }

  /** Marks the store closed; its contents are gone. */
  close(): Promise<void> {
    this.#closed = true;
    return Promise.resolve();
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new Error('the register store is closed');
    }
  }
}
