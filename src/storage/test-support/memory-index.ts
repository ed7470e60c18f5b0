import type { RegisterPerson } from '../../core/person.js';
import { openDuckDbMatchIndex } from '../duckdb/duckdb-match-index.js';
import {
  openDuckDbRegisterStore,
  type DuckDbRegisterStore,
} from '../duckdb/duckdb-register-store.js';
import type { MatchIndex } from '../match-index.js';

/**
 * An embedded register in memory holding `people`, and its match index (for tests); the caller
 * closes both, the index first.
 * @param people - the register
 */
export async function indexedMemoryRegister(
  people: readonly RegisterPerson[],
): Promise<{ readonly store: DuckDbRegisterStore; readonly index: MatchIndex }> {
  const store = await openDuckDbRegisterStore({ path: ':memory:' });
  const load = await store.beginImport();
  await load.add(people);
  await load.commit();
  return { store, index: await openDuckDbMatchIndex(store) };
}
