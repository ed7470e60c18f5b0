import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { DuckDBConnection } from '@duckdb/node-api';
import { currentDemographics } from '../../core/person.js';
import type { BlockingKeyCounts } from '../../matching/blocking-estimate.js';
import {
  DEFAULT_BLOCKING_RULES,
  DEFAULT_KEY_CAP,
  type BlockingRule,
} from '../../matching/blocking.js';
import {
  blockingKeysSql,
  buildMatchTableSql,
  fromRegisterPerson,
  NICKNAME_GROUPS,
  nicknameRows,
  type CascadeCandidate,
  type MatchModel,
  type MatchRecord,
  type TermFrequencyLookup,
  type TfColumn,
} from '../../matching/index.js';
import type {
  IndexedCandidate,
  MatchIndex,
  MatchIndexStatus,
  MatchSearchOptions,
  VectorCounts,
} from '../match-index.js';
import { personFromJson, personJsonSql } from './duckdb-read-sql.js';
import {
  matchDocsHome,
  sharedMatchDocs,
  type MatchDocs,
  type MatchDocsWriter,
  type SharedRecords,
} from './match-docs.js';
import {
  matchKeysHome,
  sharedKeysReader,
  type MatchKeys,
  type MatchKeysHome,
  type SharedKeys,
} from './match-keys.js';
import { exactAgrees } from './exact-agrees.js';
import { checkKeyHash, type KeyHash } from './duckdb-hash.js';
import { EXACT_KINDS, type ExactKind, forEachExactKey, numberKey } from './request-keys.js';
import { SearchPool } from './search-pool.js';
import {
  blockedPositions,
  rankBlocked,
  requestFrequencies,
  type KeptPairs,
} from './search-ranking.js';
import {
  BUILD_NUMBER_SQL,
  BUILD_RECORD_SQL,
  BUILD_TF_SQL,
  blockedVectorsSql,
  buildKeySql,
  EXACT_KEYS_SQL,
  indexKeysSql,
  keyCountsSql,
  ruleKeyTableSql,
  RULE_MATCHES_SQL,
} from './duckdb-match-sql.js';

/**
 * Bump when the match records, the match SQL or the key SQL change meaning: a stored index of
 * another version is rebuilt, never mixed with new code.
 */
// 5: person_json holds the current demographics only; 6: documents in a file of their own;
// 7: match_key holds no key over the cap (match_key_capped counts those); 8: compact records
// apart from the demographics in the documents file; 9: positions in NHS Number order in every
// build (before, most of a large register's positions differed from build to build, and with
// them the random pairs training draws by position); 10: binary match records over a table of
// the values they share (`RecordEncoder`)
export const MATCH_INDEX_VERSION = 10;

/** Settings of {@link openDuckDbMatchIndex}. */
export interface DuckDbMatchIndexOptions {
  /** Default `DEFAULT_BLOCKING_RULES`. */
  readonly rules?: readonly BlockingRule[];
  /** Default `DEFAULT_KEY_CAP`. */
  readonly cap?: number;
  /** Told how many people have been prepared while the index is built (counts only). */
  readonly onBuildProgress?: (people: number) => void;
  /** Told the name of each set-based step of the build as it starts (after the people). */
  readonly onBuildStep?: (step: string) => void;
  /**
   * Read the documents file through in the background once open (`MatchDocs.warm`), for work
   * that will read many documents (a trace, training). Default false.
   */
  readonly warmDocuments?: boolean;
  /** Keys sorted at once while the keys file is written; default {@link KEYS_PER_PART}. */
  readonly keysPerPart?: number;
  /**
   * Worker threads that rank a search's blocked pairs once the records are in shared memory
   * (`warmDocuments`); default one fewer than the cores, 0 to rank in this thread.
   */
  readonly searchThreads?: number;
}

/** The search threads the handles of one index share: started once, closed by the first. */
interface SearchThreads {
  readonly size: number;
  pool?: SearchPool;
  closed: boolean;
}

/** Something that hands out connections to the register's database. */
export interface DuckDbConnectionSource {
  connect(): Promise<DuckDBConnection>;
  /** The database file (`:memory:` or none: the index's documents are kept in memory). */
  readonly path?: string;
}

const FINGERPRINT_SQL = `SELECT concat_ws(':',
  (SELECT count(*) FROM person),
  (SELECT coalesce(bit_xor(hash(t)), 0) FROM person t),
  (SELECT coalesce(bit_xor(hash(t)), 0) FROM person_name t),
  (SELECT coalesce(bit_xor(hash(t)), 0) FROM person_address t),
  (SELECT coalesce(bit_xor(hash(t)), 0) FROM superseded_number t))`;

async function scalar(conn: DuckDBConnection, sql: string): Promise<unknown> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRows()[0]?.[0];
}

async function appendStrings(
  conn: DuckDBConnection,
  table: string,
  rows: Iterable<readonly [number, string]>,
): Promise<void> {
  const appender = await conn.createAppender(table);
  for (const [position, text] of rows) {
    appender.appendInteger(position);
    appender.appendVarchar(text);
    appender.endRow();
  }
  appender.closeSync();
}

/** Stamp of the register the index was built from: contents, version, rules and cap. */
async function registerStamp(
  conn: DuckDBConnection,
  rules: readonly BlockingRule[],
  cap: number,
): Promise<string> {
  const contents = String(await scalar(conn, FINGERPRINT_SQL));
  const ruleIds = rules.map((r) => `${r.id}=${r.parts.join('+')}`).join(',');
  return `v${String(MATCH_INDEX_VERSION)}|${ruleIds}|cap${String(cap)}|${contents}`;
}

/** The most positions a match index handle remembers for `people` (about 100 MB). */
const KNOWN_POSITIONS = 1_000_000;

/** The register's term frequencies by column: value → frequency. */
type FrequencyTables = Readonly<Record<TfColumn, ReadonlyMap<string, number>>>;

/**
 * The term frequencies the handles of one index share: the whole of `match_tf`, read at the
 * first handle's first need. The table holds one row per distinct given name, family name and
 * postcode of the register (36,718 at 1,000,000 people, 324,480 at 10,000,000; postcodes, the
 * most of them, are bounded by the country's 1.8 million), so holding it costs tens of MB, and
 * a chunk's frequencies then cost no query. Before, each handle kept a memo and asked DuckDB for the
 * values a chunk brought that it had not seen: a query per chunk per handle.
 */
interface SharedFrequencies {
  tables?: Promise<FrequencyTables> | undefined;
}

async function readFrequencies(conn: DuckDBConnection): Promise<FrequencyTables> {
  const tables: Record<TfColumn, Map<string, number>> = {
    'given-name': new Map(),
    'family-name': new Map(),
    postcode: new Map(),
  };
  const reader = await conn.runAndReadAll('SELECT col, value, frequency FROM match_tf');
  const [columns = [], values = [], frequencies = []] = reader.getColumns();
  for (let n = 0; n < columns.length; n += 1) {
    tables[String(columns[n]) as TfColumn].set(String(values[n]), Number(frequencies[n]));
  }
  return tables;
}

/** Keys sorted at once while the keys file is written (one sort of every key, about 169,000,000 at 10M, ran out of memory). */
const KEYS_PER_PART = 16_000_000;

/**
 * The exact look-up's keys file (`<register>.match-exact`): numbers, family name with date of
 * birth, family name with birth year (`EXACT_KEYS_SQL`), about 30,000,000 keys (360 MB) at
 * 10,000,000 people. Its stamp carries its own version besides the index's, so a change to its
 * keys rewrites it without rebuilding the index.
 */
const EXACT_KEYS = { suffix: 'match-exact', version: 'exact1' } as const;

/**
 * The largest keys file read into memory when opened (its look-ups then cost no system call):
 * the exact keys at 10,000,000 people fit, the blocking keys there (2.1 GB) do not.
 */
const KEYS_IN_MEMORY_BYTES = 512 << 20;

/** People per batch of documents while the index is built. */
const DOC_BATCH = 250_000;

/**
 * Conditions on `nhs_number` that split the register into batches of {@link DOC_BATCH} people
 * in NHS Number order (the first number of each batch bounds it).
 */
async function docBatches(reader: DuckDBConnection): Promise<string[]> {
  const found = await reader.runAndReadAll(`SELECT nhs_number FROM (
      SELECT nhs_number, row_number() OVER (ORDER BY nhs_number) - 1 AS n FROM person)
    WHERE n % ${String(DOC_BATCH)} = 0 ORDER BY nhs_number`);
  const starts = found.getRows().map(([number]) => String(number));
  return starts.map((start, i) => {
    const next = starts[i + 1];
    const from = `nhs_number >= '${start}'`;
    return next === undefined ? from : `${from} AND nhs_number < '${next}'`;
  });
}

/** Where a build writes: the index's tables, a connection to read people on, the documents. */
interface BuildTargets {
  readonly conn: DuckDBConnection;
  readonly reader: DuckDBConnection;
  readonly docs: MatchDocsWriter;
}

async function buildIndex(
  { conn, reader, docs }: BuildTargets,
  { rules, cap }: { readonly rules: readonly BlockingRule[]; readonly cap: number },
  options: DuckDbMatchIndexOptions,
): Promise<void> {
  // No table of the index needs its rows in insertion order (every query that returns rows
  // orders them), and keeping it makes DuckDB hold far more in memory: at 10,000,000 people the
  // build ran out of its 2.5GB.
  await conn.run('SET preserve_insertion_order = false');
  await conn.run(`CREATE OR REPLACE TABLE nickname_group (name VARCHAR, grp INTEGER)`);
  const nicknames = await conn.createAppender('nickname_group');
  for (const [name, grp] of nicknameRows(NICKNAME_GROUPS)) {
    nicknames.appendVarchar(name);
    nicknames.appendInteger(grp);
    nicknames.endRow();
  }
  nicknames.closeSync();
  // A table in the register file, not a TEMP table: DuckDB writes a large insert in a
  // transaction straight to the file, where a TEMP table must fit in the memory limit.
  await conn.run(`CREATE OR REPLACE TABLE match_stage
    (rid INTEGER, id VARCHAR, record_json VARCHAR)`);
  const stage = await conn.createAppender('match_stage');
  let rid = 0;
  for (const where of await docBatches(reader)) {
    // Each batch of documents is made set-based first (streaming the aggregating query row by
    // row is ten times slower), then read on a connection of its own: appending on the
    // streaming connection would cut the stream. Batches keep the aggregation within the
    // memory limit at any register size.
    await reader.run(`CREATE OR REPLACE TEMP TABLE match_docs AS ${personJsonSql(where, true)}`);
    // In NHS Number order, always: a position (rid) must mean the same person in every build of
    // the same register, or the seeded random pairs of training (drawn by position) differ.
    const people = await reader.stream('SELECT doc FROM match_docs ORDER BY nhs_number');
    for await (const rows of people.yieldRows()) {
      for (const [doc] of rows) {
        const json = String(doc);
        const person = personFromJson(json);
        const record = fromRegisterPerson(person);
        stage.appendInteger(rid);
        stage.appendVarchar(person.nhsNumber);
        stage.appendVarchar(JSON.stringify(record));
        stage.endRow();
        // Only what a trace answer shows (its current name and address).
        docs.add(record, JSON.stringify(currentDemographics(person)));
        rid += 1;
      }
      options.onBuildProgress?.(rid);
    }
  }
  stage.closeSync();
  await reader.run('DROP TABLE IF EXISTS match_docs');
  const run = async (step: string, sql: string): Promise<void> => {
    options.onBuildStep?.(step);
    await conn.run(sql);
  };
  await run('match records', buildMatchTableSql('match_base', 'match_stage', ['rid', 'id'], false));
  await run('term frequencies', BUILD_TF_SQL);
  await run('records with their frequencies', BUILD_RECORD_SQL);
  await conn.run('DROP TABLE match_base');
  await conn.run('DROP TABLE match_stage');
  await run('numbers', BUILD_NUMBER_SQL);
  const keys = buildKeySql(rules, cap);
  for (const sql of keys.create) {
    await conn.run(sql);
  }
  for (const [i, statements] of keys.perRule.entries()) {
    options.onBuildStep?.(`blocking keys of rule ${rules[i]?.id ?? String(i)}`);
    for (const sql of statements) {
      await conn.run(sql);
    }
  }
  await conn.run('RESET preserve_insertion_order');
}

/** What {@link workerMatchIndex} opens an index from (`shareable`); copied to a worker thread. */
export interface SharedIndexParts {
  readonly status: MatchIndexStatus;
  readonly rules: readonly BlockingRule[];
  readonly cap: number;
  readonly records: SharedRecords;
  readonly keys: SharedKeys;
  readonly exact: SharedKeys;
  readonly frequencies: FrequencyTables;
}

/**
 * The match index over a DuckDB register. Open it with {@link openDuckDbMatchIndex}.
 */
class DuckDbMatchIndex implements MatchIndex {
  /** The database connection; none on a trace worker's handle ({@link workerMatchIndex}). */
  readonly #db: DuckDBConnection | undefined;
  readonly #source: DuckDbConnectionSource;
  readonly #docs: MatchDocs;
  readonly #keys: MatchKeys;
  readonly #exact: MatchKeys;
  readonly #searchThreads: SearchThreads;
  /** Sessions share the first handle's documents, keys and search threads; only it closes them. */
  readonly #ownsDocs: boolean;
  readonly status: MatchIndexStatus;
  readonly rules: readonly BlockingRule[];
  readonly cap: number;
  /**
   * Positions of current people this handle's look-ups have returned (NHS Number → `rid`), so
   * `people` reads the documents of people a chunk was traced to without joining `match_record`
   * again (a scan of the whole register per chunk). An open index never changes, so an entry
   * is never stale; the memo is emptied at each chunk's exact look-up (a trace's chunk is
   * looked up, searched and read on one handle), and when it reaches {@link KNOWN_POSITIONS}.
   * Kept small, its look-ups stay in the processor's caches.
   */
  readonly #positions = new Map<string, number>();
  /** The register's term frequencies, shared by the sessions of one index. */
  readonly #frequencies: SharedFrequencies;
  /**
   * The holders (current NHS Number, or `null` for none) of the numbers the last exact look-up
   * of this handle looked up, so `resolve` answers a chunk's supplied numbers, which the
   * chunk's exact look-up has just looked up, without reading their records again.
   */
  #holders = new Map<string, string | null>();
  /** Records decoded for the current chunk by position (see {@link #chunkRecord}). */
  readonly #chunkRecords = new Map<number, MatchRecord>();
  /**
   * Demographics the current chunk's search read (`MatchSearchOptions.people`, on its worker
   * when there is one), by NHS Number, for `people`; emptied with {@link #positions}.
   */
  readonly #readPeople = new Map<string, string>();

  constructor(
    conn: DuckDBConnection | undefined,
    source: DuckDbConnectionSource,
    setup: {
      status: MatchIndexStatus;
      rules: readonly BlockingRule[];
      cap: number;
      docs: MatchDocs;
      keys: MatchKeys;
      exact: MatchKeys;
      searchThreads: SearchThreads;
      frequencies: SharedFrequencies;
      ownsDocs: boolean;
    },
  ) {
    this.#db = conn;
    this.#source = source;
    this.#docs = setup.docs;
    this.#keys = setup.keys;
    this.#exact = setup.exact;
    this.#searchThreads = setup.searchThreads;
    this.#frequencies = setup.frequencies;
    this.#ownsDocs = setup.ownsDocs;
    this.status = setup.status;
    this.rules = setup.rules;
    this.cap = setup.cap;
  }

  /** The database connection, for the work that queries the register. */
  get #conn(): DuckDBConnection {
    if (this.#db === undefined) {
      throw new Error("a trace worker's match index has no database connection");
    }
    return this.#db;
  }

  async session(): Promise<MatchIndex> {
    const conn = await this.#source.connect();
    const { status, rules, cap } = this;
    return new DuckDbMatchIndex(conn, this.#source, {
      status,
      rules,
      cap,
      docs: this.#docs,
      keys: this.#keys,
      exact: this.#exact,
      searchThreads: this.#searchThreads,
      frequencies: this.#frequencies,
      ownsDocs: false,
    });
  }

  #record(rid: unknown): MatchRecord {
    return this.#docs.record(Number(rid));
  }

  /**
   * The record at `rid`, decoded once per chunk: the exact look-up keeps the records it decodes
   * in {@link #chunkRecords} (`remember`), and the search, whose blocked candidates include
   * most of them, takes them from there.
   */
  #chunkRecord(rid: number, remember: boolean): MatchRecord {
    const known = this.#chunkRecords.get(rid);
    if (known !== undefined) {
      return known;
    }
    const record = this.#record(rid);
    if (remember) {
      this.#chunkRecords.set(rid, record);
    }
    return record;
  }

  /** Notes where a current person is (see {@link #positions}). */
  #position(id: unknown, rid: unknown): void {
    if (this.#positions.size >= KNOWN_POSITIONS) {
      this.#positions.clear();
    }
    this.#positions.set(String(id), Number(rid));
  }

  /** Loads request records into `q_record` and their keys (under `rules`) into `q_key`. */
  async #loadRequests(
    requests: readonly MatchRecord[],
    rules: readonly BlockingRule[],
  ): Promise<void> {
    await this.#conn.run('CREATE OR REPLACE TEMP TABLE q_stage (qid INTEGER, record_json VARCHAR)');
    await appendStrings(
      this.#conn,
      'q_stage',
      requests.map((record, qid) => [qid, JSON.stringify(record)] as const),
    );
    await this.#conn.run(buildMatchTableSql('q_record', 'q_stage', ['qid', 'record_json'], true));
    if (rules.length > 0) {
      await this.#conn.run(
        `CREATE OR REPLACE TEMP TABLE q_key AS SELECT id, key FROM (${blockingKeysSql(rules, 'q_record', 'qid')})`,
      );
    }
  }

  async search(
    requests: readonly MatchRecord[],
    model: MatchModel,
    options: MatchSearchOptions,
  ): Promise<IndexedCandidate[][]> {
    const found: IndexedCandidate[][] = requests.map(() => []);
    if (requests.length === 0) {
      return found;
    }
    // Every blocked pair is compared and weighed in TypeScript, over the records held or read by
    // position (on worker threads when the records are in shared memory): the comparisons and
    // weights the decision uses, without a join of the chunk to the register's match table (a
    // scan of all of it at every chunk).
    const lookup = await this.frequencies();
    const frequencies = requestFrequencies(requests, lookup);
    const pool = this.#searchPool();
    // The people the caller will answer with, where their positions are known: read with the
    // search (on its worker when there is one).
    const ids = [...new Set(options.people ?? [])].filter((id) => this.#positions.has(id));
    const rids = Int32Array.from(ids, (id) => this.#positions.get(id) ?? -1);
    let kept: KeptPairs;
    let people: readonly string[];
    if (pool === undefined) {
      kept = rankBlocked(
        requests,
        { ...blockedPositions(requests, this.rules, this.#keys), frequencies },
        { model, keep: options.keep },
        (rid) => this.#chunkRecord(rid, false),
      );
      people = Array.from(rids, (rid) => this.#docs.person(rid));
    } else {
      const ranking = { model, keep: options.keep, people: rids };
      ({ kept, people } = await pool.rank(requests, frequencies, ranking));
    }
    ids.forEach((id, n) => {
      const text = people[n];
      if (text !== undefined) {
        this.#readPeople.set(id, text);
      }
    });
    const comparisons = model.comparisons.length;
    for (let n = 0; n < kept.qids.length; n += 1) {
      const rid = kept.rids[n] ?? -1;
      const id = kept.ids[n] ?? '';
      this.#position(id, rid);
      // Copied by index: `Array.from` of a `subarray` made a view and an iterator per pair.
      const gammas: number[] = [];
      for (let c = n * comparisons; c < (n + 1) * comparisons; c += 1) {
        gammas.push(kept.levels[c] ?? 0);
      }
      found[kept.qids[n] ?? -1]?.push({
        id,
        record: this.#chunkRecord(rid, false),
        weight: kept.weights[n] ?? Number.NaN,
        gammas,
      });
    }
    return found;
  }

  /**
   * The worker threads that rank searches, started at the first search once the records are in
   * shared memory (`MatchDocs.shared`, after the documents are warmed); `undefined` before
   * then, for a `:memory:` register, or when {@link DuckDbMatchIndexOptions.searchThreads} is 0.
   */
  #searchPool(): SearchPool | undefined {
    const threads = this.#searchThreads;
    if (threads.pool === undefined && threads.size > 0 && !threads.closed) {
      const records = this.#docs.shared();
      const keys = this.#keys.shared();
      if (records !== undefined && keys !== undefined) {
        threads.pool = new SearchPool({ records, keys, rules: this.rules }, threads.size);
      }
    }
    return threads.pool;
  }

  exactCandidates(requests: readonly MatchRecord[]): Promise<CascadeCandidate[][]> {
    const found: CascadeCandidate[][] = requests.map(() => []);
    // A new chunk: the positions of the last one have been read (`people`), and its records
    // decided on.
    this.#positions.clear();
    this.#chunkRecords.clear();
    this.#readPeople.clear();
    // Each request's keys, the number's first, looked up in the exact keys file; every record
    // found is checked against the request as the joins of EXACT_CANDIDATES_SQL would (a key
    // is a hash). The positions a request has taken are skipped under its later keys (a
    // number's holder is often also found by family name and date of birth).
    const taken: number[] = [];
    const holders = new Map<string, string | null>();
    const rids: number[] = [];
    let request: MatchRecord | undefined;
    let list: CascadeCandidate[] = [];
    const visit = (kind: ExactKind, key: KeyHash): void => {
      if (request === undefined) {
        return;
      }
      rids.length = 0;
      this.#exact.positions(key.high, key.low, rids);
      let holder: string | null = null;
      for (const rid of rids) {
        if (taken.includes(rid)) {
          continue;
        }
        const record = this.#chunkRecord(rid, true);
        const id = record.nhsNumber;
        if (id !== undefined && exactAgrees(kind, request, record)) {
          taken.push(rid);
          this.#position(id, rid);
          list.push({ id, record });
          holder = id;
        }
      }
      if (kind === EXACT_KINDS.number && request.nhsNumber !== undefined) {
        holders.set(request.nhsNumber, holder);
      }
    };
    for (let qid = 0; qid < requests.length; qid += 1) {
      request = requests[qid];
      list = found[qid] ?? [];
      taken.length = 0;
      if (request !== undefined) {
        forEachExactKey(request, visit);
      }
    }
    this.#holders = holders;
    for (const list of found) {
      if (list.length > 1) {
        list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      }
    }
    return Promise.resolve(found);
  }

  async frequencies(): Promise<TermFrequencyLookup> {
    const tables = await this.#tables();
    return (column, value) => tables[column].get(value);
  }

  /** The register's term frequencies, read once for the sessions of the index. */
  #tables(): Promise<FrequencyTables> {
    const shared = this.#frequencies;
    // A failed read is not kept: the next call reads again.
    shared.tables ??= readFrequencies(this.#conn).catch((error: unknown) => {
      shared.tables = undefined;
      throw error;
    });
    return shared.tables;
  }

  /**
   * What a trace worker needs to open this index again ({@link workerMatchIndex}): the records
   * and both keys files in shared memory or by descriptor, and the term frequencies (copied,
   * tens of MB). `undefined` until the records are in shared memory (`MatchDocs.shared`).
   */
  async shareable(): Promise<SharedIndexParts | undefined> {
    const records = this.#docs.shared();
    const keys = this.#keys.shared();
    const exact = this.#exact.shared();
    if (records === undefined || keys === undefined || exact === undefined) {
      return undefined;
    }
    const { status, rules, cap } = this;
    return { status, rules, cap, records, keys, exact, frequencies: await this.#tables() };
  }

  /** Fills the one-column temp table `table` with the distinct `values`, for a semi join. */
  async #want(
    table: string,
    type: 'VARCHAR' | 'INTEGER',
    values: readonly (string | number)[],
  ): Promise<void> {
    await this.#conn.run(`CREATE OR REPLACE TEMP TABLE ${table} (v ${type})`);
    const appender = await this.#conn.createAppender(table);
    for (const value of new Set(values)) {
      if (typeof value === 'number') {
        appender.appendInteger(value);
      } else {
        appender.appendVarchar(value);
      }
      appender.endRow();
    }
    appender.closeSync();
  }

  async people(ids: readonly string[]): Promise<Map<string, string>> {
    const people = new Map<string, string>();
    const positions = new Map<string, number>();
    const unknown: string[] = [];
    for (const id of ids) {
      const read = this.#readPeople.get(id);
      if (read !== undefined) {
        people.set(id, read);
        continue;
      }
      const rid = this.#positions.get(id);
      if (rid === undefined) {
        unknown.push(id);
      } else {
        positions.set(id, rid);
      }
    }
    if (unknown.length > 0 && this.#db === undefined) {
      // No database on a worker: a current person is found under their own number's key.
      for (const id of unknown) {
        const rid = this.#numberHolder(id, id);
        if (rid !== undefined) {
          positions.set(id, rid);
        }
      }
    } else if (unknown.length > 0) {
      await this.#want('want_id', 'VARCHAR', unknown);
      const reader = await this.#conn.runAndReadAll(
        'SELECT m.id, m.rid FROM match_record m SEMI JOIN want_id w ON w.v = m.id',
      );
      for (const [id, rid] of reader.getRows()) {
        positions.set(String(id), Number(rid));
      }
    }
    for (const [id, rid] of positions) {
      people.set(id, this.#docs.person(rid));
    }
    return people;
  }

  resolve(numbers: readonly string[]): Promise<Map<string, string>> {
    const resolved = new Map<string, string>();
    const unknown: string[] = [];
    for (const number of numbers) {
      const holder = this.#holders.get(number);
      if (holder === undefined) {
        unknown.push(number);
      } else if (holder !== null) {
        resolved.set(number, holder);
      }
    }
    for (const number of new Set(unknown)) {
      const rid = this.#numberHolder(number);
      const id = rid === undefined ? undefined : this.#record(rid).nhsNumber;
      if (id !== undefined) {
        resolved.set(number, id);
      }
    }
    return Promise.resolve(resolved);
  }

  /**
   * The position of the person holding `number`, as their current or a former number, found
   * through the exact keys; with `current`, only a person whose current number is `current`.
   */
  #numberHolder(number: string, current?: string): number | undefined {
    const key: KeyHash = { high: 0, low: 0 };
    const rids: number[] = [];
    numberKey(number, key);
    this.#exact.positions(key.high, key.low, rids);
    let found: number | undefined;
    for (const rid of rids) {
      const record = this.#record(rid);
      const id = record.nhsNumber;
      if (
        id !== undefined &&
        (current === undefined || id === current) &&
        exactAgrees(0, { nhsNumber: number }, record)
      ) {
        this.#position(id, rid);
        found = rid;
      }
    }
    return found;
  }

  recordsAt(positions: readonly number[]): Promise<Map<number, MatchRecord>> {
    const people = this.#docs.people;
    const found = new Map<number, MatchRecord>();
    for (const rid of positions) {
      if (Number.isInteger(rid) && rid >= 0 && rid < people) {
        found.set(rid, this.#record(rid));
      }
    }
    return Promise.resolve(found);
  }

  async blockedVectors(
    requests: readonly MatchRecord[],
    rule: BlockingRule,
    model: MatchModel,
    cap: number,
  ): Promise<VectorCounts> {
    if (requests.length === 0) {
      return { vectors: [], counts: [] };
    }
    await this.#loadRequests(requests, [rule]);
    await this.#conn.run(ruleKeyTableSql(rule));
    const reader = await this.#conn.runAndReadAll(blockedVectorsSql(model, cap));
    const vectors: number[][] = [];
    const counts: number[] = [];
    for (const row of reader.getRows()) {
      const values = row.map(Number);
      counts.push(values.pop() ?? 0);
      vectors.push(values);
    }
    await this.#conn.run('DROP TABLE IF EXISTS rule_key');
    return { vectors, counts };
  }

  async ruleMatches(requests: readonly MatchRecord[]): Promise<number> {
    if (requests.length === 0) {
      return 0;
    }
    await this.#loadRequests(requests, this.rules);
    return Number(await scalar(this.#conn, RULE_MATCHES_SQL));
  }

  async keyCounts(requests: readonly MatchRecord[]): Promise<BlockingKeyCounts> {
    const counts = {
      requests: this.rules.map(() => new Map<string, number>()),
      register: this.rules.map(() => new Map<string, number>()),
    };
    if (requests.length === 0) {
      return counts;
    }
    await this.#loadRequests(requests, []);
    const reader = await this.#conn.runAndReadAll(keyCountsSql(this.rules));
    for (const [rule, text, inRequests, inRegister] of reader.getRows()) {
      counts.requests[Number(rule)]?.set(String(text), Number(inRequests));
      counts.register[Number(rule)]?.set(String(text), Number(inRegister));
    }
    return counts;
  }

  async close(): Promise<void> {
    this.#db?.closeSync();
    if (this.#ownsDocs) {
      const threads = this.#searchThreads;
      threads.closed = true;
      await threads.pool?.close();
      this.#docs.close();
      this.#keys.close();
      this.#exact.close();
    }
  }
}

/** Which keys a keys file holds: the build step's name and the `(key, rid)` rows. */
interface KeysSource {
  readonly step: string;
  /** A table or a parenthesised query of `(key, rid)` rows. */
  readonly rows: string;
}

const BLOCKING_KEYS_SOURCE: KeysSource = { step: 'blocking keys by key', rows: 'match_key' };
const EXACT_KEYS_SOURCE: KeysSource = { step: 'exact keys by key', rows: EXACT_KEYS_SQL };

/**
 * Writes keys of the index (current under `stamp`) to their home, in key order, and opens
 * them. Outside the index's transaction: a keys file that is missing, cut short or of another
 * stamp is written again from the committed tables.
 */
async function writeKeys(
  conn: DuckDBConnection,
  target: { readonly home: MatchKeysHome; readonly source: KeysSource },
  stamp: string,
  options: DuckDbMatchIndexOptions,
): Promise<MatchKeys> {
  const { home, source } = target;
  options.onBuildStep?.(source.step);
  const perPart = options.keysPerPart ?? KEYS_PER_PART;
  const entries = Number(await scalar(conn, `SELECT count(*) FROM ${source.rows}`));
  const writer = home.writer(entries);
  // Parts of about `perPart` keys each, by the keys' top bits (uniform: they are hashes).
  let bits = 0;
  while (bits < 16 && entries / 2 ** bits > perPart) {
    bits += 1;
  }
  try {
    for (let part = 0; part < 2 ** bits; part += 1) {
      const result = await conn.stream(indexKeysSql(bits, part, source.rows));
      for (;;) {
        const chunk = await result.fetchChunk();
        if (chunk === null || chunk.rowCount === 0) {
          break;
        }
        const [highs, lows, rids] = [0, 1, 2].map((c) => chunk.getColumnVector(c));
        for (let n = 0; n < chunk.rowCount; n += 1) {
          writer.add(Number(highs?.getItem(n)), Number(lows?.getItem(n)), Number(rids?.getItem(n)));
        }
      }
    }
    writer.finish(stamp);
  } catch (error) {
    writer.abandon();
    throw error;
  }
  const keys = home.open(stamp);
  if (keys === undefined) {
    throw new Error('the match index keys just written could not be read back');
  }
  return keys;
}

/**
 * Opens the match index of a DuckDB register, building it first when it is missing or stale
 * (the register changed since, or it was built by another version or other rules): every
 * person's match record (made by `fromRegisterPerson`, as in memory), the numbers, blocking keys
 * and term frequencies, in one transaction. A current index is reused as it is.
 * @param source - the register store (`DuckDbRegisterStore`)
 * @param options - rules, cap, build progress
 */
export async function openDuckDbMatchIndex(
  source: DuckDbConnectionSource,
  options: DuckDbMatchIndexOptions = {},
): Promise<MatchIndex> {
  const rules = options.rules ?? DEFAULT_BLOCKING_RULES;
  const cap = options.cap ?? DEFAULT_KEY_CAP;
  const conn = await source.connect();
  try {
    // Requests' keys are hashed in TypeScript to meet the keys the index hashed in SQL.
    await checkKeyHash(async (sql) => (await conn.runAndReadAll(sql)).getRows());
    await conn.run(`CREATE TABLE IF NOT EXISTS match_index_meta
      (stamp VARCHAR NOT NULL, people BIGINT NOT NULL, built_at TIMESTAMP NOT NULL)`);
    const stamp = await registerStamp(conn, rules, cap);
    const stored = await scalar(conn, 'SELECT stamp FROM match_index_meta LIMIT 1');
    const started = performance.now();
    const home = matchDocsHome(source.path, source);
    let docs = stored === stamp ? home.open(stamp) : undefined;
    const rebuilt = docs === undefined;
    if (docs === undefined) {
      const reader = await source.connect();
      await conn.run('BEGIN TRANSACTION');
      let writer: MatchDocsWriter | undefined;
      try {
        writer = home.writer();
        await buildIndex({ conn, reader, docs: writer }, { rules, cap }, options);
        await conn.run('DELETE FROM match_index_meta');
        await conn.run(
          `INSERT INTO match_index_meta SELECT $1, count(*), current_timestamp FROM match_record`,
          [stamp],
        );
        // Published before the commit: should the commit fail, the documents' stamp is not the
        // register's, and the next open builds both again.
        writer.finish(stamp);
        await conn.run('COMMIT');
      } catch (error) {
        writer?.abandon();
        await conn.run('ROLLBACK');
        throw error;
      } finally {
        reader.closeSync();
      }
      docs = home.open(stamp);
      if (docs === undefined) {
        throw new Error('the match index documents just written could not be read back');
      }
    }
    const people = Number(await scalar(conn, 'SELECT people FROM match_index_meta'));
    const held = { memoryBudget: KEYS_IN_MEMORY_BYTES };
    const keysHome = matchKeysHome(source.path, source, held);
    const keyFile =
      keysHome.open(stamp) ??
      (await writeKeys(conn, { home: keysHome, source: BLOCKING_KEYS_SOURCE }, stamp, options));
    const exactHome = matchKeysHome(source.path, source, { ...held, suffix: EXACT_KEYS.suffix });
    const exactStamp = `${stamp}|${EXACT_KEYS.version}`;
    const exact =
      exactHome.open(exactStamp) ??
      (await writeKeys(conn, { home: exactHome, source: EXACT_KEYS_SOURCE }, exactStamp, options));
    const keys = keyFile.entries;
    const status: MatchIndexStatus = {
      people,
      rebuilt,
      buildSeconds: rebuilt ? (performance.now() - started) / 1000 : 0,
      keys,
    };
    if (options.warmDocuments === true) {
      void docs.warm();
    }
    return new DuckDbMatchIndex(conn, source, {
      status,
      rules,
      cap,
      docs,
      keys: keyFile,
      exact,
      searchThreads: {
        size: options.searchThreads ?? Math.max(0, availableParallelism() - 1),
        closed: false,
      },
      frequencies: {},
      ownsDocs: true,
    });
  } catch (error) {
    conn.closeSync();
    throw error;
  }
}

/**
 * A handle on an open index for a worker thread, from what the index shared
 * (`shareable`): it looks up, searches (in its own thread) and reads people as the index
 * does, over the same records and keys, but has no database connection, so only a trace's
 * per-chunk work (`exactCandidates`, `frequencies`, `resolve`, `search`, `people`, `recordsAt`)
 * can be asked of it. Valid while the index that shared the parts is open.
 * @param parts - what the index shared
 */
export function workerMatchIndex(parts: SharedIndexParts): MatchIndex {
  const noDatabase: DuckDbConnectionSource = {
    connect: () => Promise.reject(new Error("a trace worker's match index has no database")),
  };
  const { status, rules, cap } = parts;
  return new DuckDbMatchIndex(undefined, noDatabase, {
    status,
    rules,
    cap,
    docs: sharedMatchDocs(parts.records),
    keys: sharedKeysReader(parts.keys),
    exact: sharedKeysReader(parts.exact),
    searchThreads: { size: 0, closed: false },
    frequencies: { tables: Promise.resolve(parts.frequencies) },
    ownsDocs: false,
  });
}
