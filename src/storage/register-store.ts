import type { NhsNumber } from '../core/nhs-number/nhs-number.js';
import type { RegisterPerson } from '../core/person.js';
import type { RegisterStats, RegisterStatsOptions } from './register-stats.js';

/**
 * The register port: the few primitives every storage engine implements (medplum's
 * `FhirRepository` style). Derived operations (`upsertPeople`, `importPeople`) are written once
 * on top in `register-store-ops.ts`. Nothing here names an engine: the DuckDB adapter lives in
 * `storage/duckdb/`, the in-memory fake in `storage/memory/`, and both pass
 * `register-store.contract.ts`.
 *
 * Write semantics (the same in every adapter, see docs/register.md):
 * - A record replaces any stored record with the same NHS Number, superseded numbers included.
 * - A superseded number resolves to the record that lists it; a stored record whose number an
 *   import lists as superseded is merged away (removed), and numbers it had superseded follow it.
 * - Within one import the later line wins when two claim the same number.
 */
export interface RegisterStore {
  /** What this engine can and cannot do; callers branch on these, never on the engine's name. */
  readonly capabilities: RegisterStoreCapabilities;

  /**
   * Starts an atomic import. Nothing is visible to readers until {@link RegisterImport.commit}
   * resolves; a process killed before then leaves the store exactly as it was.
   */
  beginImport(): Promise<RegisterImport>;

  /**
   * The current record for an NHS Number, following superseded numbers to the record that
   * replaced them; `undefined` when the number is unknown.
   * @param nhsNumber - a current or superseded NHS Number
   */
  getByNhsNumber(nhsNumber: NhsNumber): Promise<RegisterPerson | undefined>;

  /** The number of current people (superseded numbers are not people). */
  count(): Promise<number>;

  /**
   * Counts, field completeness and the most common values: a first look at data quality.
   * @param options - how many common values to list and the smallest count shown
   */
  stats(options?: RegisterStatsOptions): Promise<RegisterStats>;

  /** Every current person, ordered by NHS Number, streamed so a large register fits in memory. */
  exportPeople(): AsyncIterable<RegisterPerson>;

  /** Releases the engine (file handles, connections). The store is unusable afterwards. */
  close(): Promise<void>;
}

/**
 * One import in progress: people are added in batches (in file order) and become visible
 * together at {@link commit}. An adapter may stage batches on disk; memory stays bounded.
 */
export interface RegisterImport {
  /**
   * Stages people for this import. Order matters: a later person wins over an earlier one that
   * claims the same NHS Number.
   * @param people - valid register people
   */
  add(people: readonly RegisterPerson[]): Promise<void>;

  /**
   * Stages people given as JSON documents (`JSON.stringify` of a valid register person, as the
   * register file readers hand them on), in order, like {@link add}. Stores that stage JSON take
   * them as they are, so a person checked on a worker thread is never parsed again here.
   * @param docs - serialised valid register people
   */
  addJson(docs: readonly string[]): Promise<void>;

  /** Applies everything staged in one transaction and refreshes derived tables. */
  commit(): Promise<ImportSummary>;

  /** Discards everything staged; the store is left as it was. Safe to call after a failure. */
  rollback(): Promise<void>;
}

/** What an import changed. Counts are of NHS Numbers. */
export interface ImportSummary {
  /** People staged, including repeats of the same number. */
  readonly received: number;
  /** Numbers that were not in the store before (neither as a record nor as superseded). */
  readonly inserted: number;
  /** Stored records replaced by a newer version. */
  readonly updated: number;
  /** Stored records removed because an imported record lists their number as superseded. */
  readonly merged: number;
  /** Current people after the import. */
  readonly people: number;
}

/**
 * Engine differences as documented flags (Kysely's `DialectAdapter` style), so code above the
 * storage layer asks "can it?" rather than "is it DuckDB?".
 */
export interface RegisterStoreCapabilities {
  /** Data survives `close()` (a file or a server), rather than living in process memory. */
  readonly persistent: boolean;
  /** Several processes may write at once (PostgreSQL); DuckDB files allow one writer process. */
  readonly concurrentWriters: boolean;
  /**
   * The store keeps the derived matching columns and term-frequency tables (normalised name
   * keys, double-metaphone codes, postcode parts, birth date parts) for set-based matching in SQL.
   */
  readonly derivedMatchingColumns: boolean;
}
