import type { RegisterPerson } from '../core/person.js';
import {
  fromRegisterPerson,
  type CascadeCandidate,
  type TermFrequencyLookup,
} from '../matching/index.js';
import type { RegisterStore } from '../storage/register-store.js';
import { buildExactLookup, type ExactLookup } from './in-memory-exact.js';
import { buildInMemoryIndex, type InMemoryIndex } from './in-memory-index.js';
import { inMemoryTermFrequencies } from './in-memory-tf.js';

/** The register held in memory for a trace run: people, their match records, index and term frequencies. */
export interface TraceRegister {
  /** Current people by current NHS Number. */
  readonly people: ReadonlyMap<string, RegisterPerson>;
  /** Every number (current or superseded) → the current NHS Number it resolves to. */
  readonly numbers: ReadonlyMap<string, string>;
  /** Match records, `id` = current NHS Number, in register order. */
  readonly records: readonly CascadeCandidate[];
  readonly index: InMemoryIndex;
  /** The cascade's exact look-up (number; family name and date of birth). */
  readonly exact: ExactLookup;
  /** Term frequencies of family name, given name and postcode over the register. */
  readonly lookup: TermFrequencyLookup;
}

/**
 * Builds the in-memory trace register from people (any order).
 * @param people - the register's current people
 */
export function traceRegisterFrom(people: Iterable<RegisterPerson>): TraceRegister {
  const byNumber = new Map<string, RegisterPerson>();
  const numbers = new Map<string, string>();
  const records: CascadeCandidate[] = [];
  for (const person of people) {
    byNumber.set(person.nhsNumber, person);
    numbers.set(person.nhsNumber, person.nhsNumber);
    for (const old of person.supersededNhsNumbers) {
      numbers.set(old, person.nhsNumber);
    }
    records.push({ id: person.nhsNumber, record: fromRegisterPerson(person) });
  }
  return {
    people: byNumber,
    numbers,
    records,
    index: buildInMemoryIndex(records),
    exact: buildExactLookup(records),
    lookup: inMemoryTermFrequencies(records.map((r) => r.record)),
  };
}

/**
 * Loads the whole register from the store (streamed through `exportPeople`) into memory for the
 * in-process trace. Memory grows with the register: roughly 2-3 KB a person (the person, its
 * match record and index keys), so a few million people fit in a few GB; a national register
 * needs the set-based SQL path instead.
 * @param store - the register store
 */
export async function loadTraceRegister(store: RegisterStore): Promise<TraceRegister> {
  const people: RegisterPerson[] = [];
  for await (const person of store.exportPeople()) {
    people.push(person);
  }
  return traceRegisterFrom(people);
}
