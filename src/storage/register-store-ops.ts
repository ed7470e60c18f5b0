import type { RegisterPerson } from '../core/person.js';
import type { ImportSummary, RegisterStore } from './register-store.js';

/**
 * Imports people in one atomic step: begins an import, adds them, commits, and rolls back if
 * anything fails. Written once over the port, so every adapter gets it.
 * @param store - any register store
 * @param people - the people, in order (a later one wins over an earlier one with the same number)
 * @returns what the import changed
 * @example
 * await upsertPeople(store, [person]); // re-running it changes nothing (idempotent)
 */
export async function upsertPeople(
  store: RegisterStore,
  people: readonly RegisterPerson[],
): Promise<ImportSummary> {
  const session = await store.beginImport();
  try {
    await session.add(people);
    return await session.commit();
  } catch (error) {
    await session.rollback();
    throw error;
  }
}

/**
 * Reads a whole register into an array (ordered by NHS Number). For tests and small registers;
 * stream `exportPeople()` for large ones.
 * @param store - any register store
 */
export async function allPeople(store: RegisterStore): Promise<RegisterPerson[]> {
  const people: RegisterPerson[] = [];
  for await (const p of store.exportPeople()) {
    people.push(p);
  }
  return people;
}
