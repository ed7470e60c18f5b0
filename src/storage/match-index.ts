import type { RegisterPerson } from '../core/person.js';
import type { BlockingKeyCounts } from '../matching/blocking-estimate.js';
import type { BlockingRule } from '../matching/blocking.js';
import type {
  CascadeCandidate,
  MatchModel,
  MatchRecord,
  TermFrequencyLookup,
} from '../matching/index.js';

/**
 * The match index port: the register prepared for set-based matching (every person's match
 * record, blocking keys and term frequencies, in the store), and the queries a batch trace
 * needs. An engine that implements it (DuckDB today) blocks and scores whole chunks of requests
 * (the DuckDB index ranks them with the in-process comparators, on worker threads); the trace
 * then decides each request with the same TypeScript code as the in-process path.
 */

/** A register candidate of one request, as the index returns it. */
export interface IndexedCandidate {
  /** The candidate's current NHS Number. */
  readonly id: string;
  readonly record: MatchRecord;
  /** The pair's match weight (equal to `score()`'s, as a test checks). */
  readonly weight: number;
  /** The pair's comparison vector (level index per comparison, model order). */
  readonly gammas: readonly number[];
}

/** Settings of {@link MatchIndex.search}. */
export interface MatchSearchOptions {
  /**
   * Candidates kept per request: the `keep` best by weight, plus every candidate the
   * deterministic cascade or the twin rule could need. `Infinity` keeps every blocked pair.
   */
  readonly keep: number;
  /**
   * Current NHS Numbers whose demographics `people` will be asked for once the search is done
   * (the people a caller has already decided on): read beside the search, on its worker
   * thread when it has one, rather than by `people` on the calling thread. Optional: `people`
   * reads whatever was not read here.
   */
  readonly people?: readonly string[];
}

/** How the index was prepared. */
export interface MatchIndexStatus {
  /** Current people indexed. */
  readonly people: number;
  /** True when this open rebuilt the index (the register had changed, or no index existed). */
  readonly rebuilt: boolean;
  /** Seconds spent building (0 when the stored index was current). */
  readonly buildSeconds: number;
  /** Blocking keys kept in the index. */
  readonly keys: number;
}

/** Random pairs and blocked pairs summarised for training (counts by comparison vector). */
export interface VectorCounts {
  /** Distinct comparison vectors. */
  readonly vectors: readonly (readonly number[])[];
  /** How many pairs had each vector. */
  readonly counts: readonly number[];
}

/** The set-based matching queries over a prepared register. */
export interface MatchIndex {
  readonly status: MatchIndexStatus;
  /** The blocking rules and cap the index was built with. */
  readonly rules: readonly BlockingRule[];
  readonly cap: number;
  /**
   * The candidates of each request: pairs found by any blocking rule (keys shared by more than
   * `cap` register records are skipped, as in memory), scored, reduced per request as
   * `options.keep` says. One list per request, in request order; candidates best first.
   * @param requests - request match records
   * @param model - the model to score with
   * @param options - how many to keep
   */
  search(
    requests: readonly MatchRecord[],
    model: MatchModel,
    options: MatchSearchOptions,
  ): Promise<IndexedCandidate[][]>;
  /**
   * The candidates of the deterministic cascade alone, found by exact joins rather than
   * blocking: the holder of a supplied NHS Number (current or superseded), and the records with
   * the same family name whose date of birth agrees (`birthDateAgrees`). Not scored. One list per
   * request, in request order.
   * @param requests - request match records
   */
  exactCandidates(requests: readonly MatchRecord[]): Promise<CascadeCandidate[][]>;
  /**
   * Term frequencies of the register (given name, family name, postcode), as a lookup for
   * scoring in TypeScript.
   */
  frequencies(): Promise<TermFrequencyLookup>;
  /**
   * Current people by current NHS Number, as a trace answer shows them: only their current
   * name and address, no superseded numbers (`currentDemographics`), each as the JSON text of
   * its `RegisterPerson`. Text, not objects: a trace holds a chunk's people for seconds, and
   * parses each only when its row is answered (`parsePerson`), so the objects die young.
   * @param ids - current NHS Numbers
   */
  people(ids: readonly string[]): Promise<Map<string, string>>;
  /**
   * The current NHS Number each number (current or superseded) resolves to; unknown numbers
   * are left out.
   * @param numbers - NHS Numbers
   */
  resolve(numbers: readonly string[]): Promise<Map<string, string>>;
  /**
   * Register match records at positions (0-based, NHS Number order), for random-pair sampling.
   * @param positions - positions in [0, people)
   */
  recordsAt(positions: readonly number[]): Promise<Map<number, MatchRecord>>;
  /**
   * Comparison vectors of the pairs blocked by one rule (cap applied), counted by vector.
   * @param requests - request records
   * @param rule - the blocking rule
   * @param model - the model whose comparisons make the vectors
   * @param cap - skip keys shared by more register records than this
   */
  blockedVectors(
    requests: readonly MatchRecord[],
    rule: BlockingRule,
    model: MatchModel,
    cap: number,
  ): Promise<VectorCounts>;
  /**
   * Pairs of requests × register that the λ rules accept (same NHS Number; or same family
   * name, first given name, full date of birth and postcode), among blocked pairs.
   * @param requests - request records
   */
  ruleMatches(requests: readonly MatchRecord[]): Promise<number>;
  /**
   * Key counts for a pair-count estimate (`estimatePairs`): per rule, each key of these requests
   * (as `blockingKeys` writes it) with how many of them carry it, and how many register records
   * carry it.
   * @param requests - request records (a sample of the file)
   */
  keyCounts(requests: readonly MatchRecord[]): Promise<BlockingKeyCounts>;
  /**
   * What a worker thread needs to open this index again (its adapter's own form, passed
   * through as it is), when the index can be shared and is ready to be; `undefined` otherwise.
   */
  shareable?(): Promise<unknown>;
  /**
   * A second handle on the same index with a connection of its own, so that two chunks can be
   * worked on at once (one scored in the engine while the other is decided in TypeScript).
   * Closed by the caller.
   */
  session(): Promise<MatchIndex>;
  /** Releases the index's connection and temp tables. */
  close(): Promise<void>;
}

/**
 * A person of {@link MatchIndex.people} from its JSON text. The text was written by
 * `JSON.stringify`, which leaves out absent members: there are no nulls to drop (as
 * `personFromJson` drops DuckDB's).
 * @param text - one value of `people`
 */
export function parsePerson(text: string): RegisterPerson {
  return JSON.parse(text) as RegisterPerson;
}
