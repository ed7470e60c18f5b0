import type { DuckDBConnection } from '@duckdb/node-api';
import type { RegisterPerson } from '../../core/person.js';
import type { ImportSummary, RegisterImport } from '../register-store.js';
import { REKEY_SQL, STAMP_SQL, derivationsAreCurrent, deriveNewValues } from './duckdb-derive.js';
import {
  CLAIM_SQL,
  COUNT_SQL,
  CREATE_PARSED_STAGING,
  CREATE_RAW_STAGING,
  DERIVATION_SQL,
  FINISH_SQL,
  FOLLOW_CHAIN_SQL,
  KEEP_CONDITION,
  PARSE_BATCH_SQL,
  REWRITTEN_TABLES,
  STAGING_TABLES,
  UNNEST_SQL,
  WINNERS_SQL,
  keepWinnersSql,
  insertNewSql,
  type RewrittenTable,
} from './duckdb-import-sql.js';
import { ensureIndexes } from './duckdb-schema.js';

/** Superseded chains longer than this are not followed further (they cannot arise; a guard). */
const MAX_CHAIN_STEPS = 64;

/** Default of {@link DuckDbImportTuning.rewriteFrom}. */
export const DEFAULT_REWRITE_FROM = 10_000;

/** How an import applies itself; the defaults suit any size. */
export interface DuckDbImportTuning {
  /**
   * Imports claiming at least this many NHS Numbers, and at least 5% of the register, rewrite
   * whole tables instead of deleting rows in place. Default {@link DEFAULT_REWRITE_FROM}.
   */
  readonly rewriteFrom: number;
  /** Called with the name and duration of each step of a commit, for benchmarks. */
  readonly onPhase?: (phase: string, seconds: number) => void;
}

/**
 * An import into DuckDB. Each batch of people is appended to a temp table as one JSON document
 * per person (one appender call per person), then parsed with `from_json` into a typed temp
 * table by DuckDB on its own threads while the caller reads the next batch. `commit` works out
 * the winning claims, derives keys for new raw values, and applies everything set-based in ONE
 * transaction. Temp tables vanish with the process, so a kill at any moment before COMMIT
 * leaves the database file exactly as it was, and DuckDB's write-ahead log makes the COMMIT
 * itself all-or-nothing.
 */
export class DuckDbRegisterImport implements RegisterImport {
  readonly #conn: DuckDBConnection;
  readonly #onEnd: () => void;
  readonly #tuning: DuckDbImportTuning;
  #seq = 0;
  #state: 'open' | 'committing' | 'done' = 'open';
  /** The parse of the last batch, still running on DuckDB's threads. */
  #parsing: Promise<void> = Promise.resolve();

  private constructor(conn: DuckDBConnection, tuning: DuckDbImportTuning, onEnd: () => void) {
    this.#conn = conn;
    this.#tuning = tuning;
    this.#onEnd = onEnd;
  }

  /**
   * Creates the staging tables.
   * @param conn - the store's connection
   * @param tuning - when to rewrite tables
   * @param onEnd - called once the import has committed or rolled back
   */
  static async start(
    conn: DuckDBConnection,
    tuning: DuckDbImportTuning,
    onEnd: () => void,
  ): Promise<DuckDbRegisterImport> {
    // Every statement of an import that cares about order says so (`ORDER BY`, `seq`), so
    // DuckDB need not keep insertion order: it then streams large inserts with far less memory.
    await conn.run('SET preserve_insertion_order = false');
    await conn.run(CREATE_RAW_STAGING);
    await conn.run(CREATE_PARSED_STAGING);
    return new DuckDbRegisterImport(conn, tuning, onEnd);
  }

  /**
   * Stages people, in order. Resolves once they are appended; DuckDB goes on parsing them in
   * the background (a failure there surfaces from the next `add` or from `commit`).
   * @param people - valid register people
   */
  add(people: readonly RegisterPerson[]): Promise<void> {
    return this.addJson(people.map((person) => JSON.stringify(person)));
  }

  /**
   * Stages people given as JSON documents, as {@link add} does.
   * @param docs - serialised valid register people
   */
  async addJson(docs: readonly string[]): Promise<void> {
    if (this.#state !== 'open') {
      throw new Error('this import has already been committed or rolled back');
    }
    if (docs.length === 0) {
      return;
    }
    // Chained, so batches stay in order even if a caller does not wait for each `add`.
    const appended = this.#parsing.then(() => this.#append(docs));
    this.#parsing = appended.then(() => this.#parseBatch());
    // Keep an unobserved failure from crashing the process; it is rethrown where awaited.
    this.#parsing.catch(() => undefined);
    await appended;
  }

  async #append(docs: readonly string[]): Promise<void> {
    const appender = await this.#conn.createAppender('stg_raw');
    try {
      for (const doc of docs) {
        this.#seq += 1;
        appender.appendInteger(this.#seq);
        appender.appendVarchar(doc);
        appender.endRow();
      }
    } finally {
      appender.closeSync();
    }
  }

  async #parseBatch(): Promise<void> {
    for (const sql of PARSE_BATCH_SQL) {
      await this.#conn.run(sql);
    }
  }

  /**
   * Runs one step of a commit, timing it when asked to.
   * @param phase - the step's name (no data)
   * @param step - the step
   */
  async #timed<T>(phase: string, step: () => Promise<T>): Promise<T> {
    const onPhase = this.#tuning.onPhase;
    if (onPhase === undefined) {
      return step();
    }
    const started = performance.now();
    const result = await step();
    onPhase(phase, (performance.now() - started) / 1000);
    return result;
  }

  /** Applies the staged people in one transaction; see the class comment. */
  async commit(): Promise<ImportSummary> {
    if (this.#state !== 'open') {
      throw new Error('this import has already been committed or rolled back');
    }
    this.#state = 'committing';
    const conn = this.#conn;
    try {
      await this.#timed('staging (last batch)', () => this.#parsing);
      await this.#timed('claims', async () => {
        await conn.run(CLAIM_SQL);
        const winners = Number((await conn.runAndReadAll(WINNERS_SQL)).getRows()[0]?.[0] ?? 0);
        await conn.run(keepWinnersSql(winners === this.#seq));
        await conn.run('DROP TABLE IF EXISTS stg_all');
      });
      await this.#timed('unnest names and addresses', async () => {
        for (const sql of UNNEST_SQL) {
          await conn.run(sql);
        }
      });
      // Keys made by another version of the derivations are all made again (docs/register.md).
      const rekey = !(await derivationsAreCurrent(conn));
      await this.#timed('derive new values', () => deriveNewValues(conn, rekey));
      await conn.run('BEGIN TRANSACTION');
      let summary: ImportSummary;
      try {
        summary = await this.#apply(rekey);
        await this.#timed('COMMIT', () => conn.run('COMMIT'));
      } catch (error) {
        await conn.run('ROLLBACK');
        throw error;
      }
      // A rewrite dropped the indexes with the old tables. Built inside the transaction, DuckDB
      // would build them in the COMMIT, where they cost most of its time and memory.
      await this.#timed('indexes', () => ensureIndexes(conn));
      return summary;
    } finally {
      await this.#end();
    }
  }

  /** Drops the staged rows; the database is untouched. */
  async rollback(): Promise<void> {
    if (this.#state !== 'open') {
      return;
    }
    this.#state = 'committing';
    try {
      await this.#parsing.catch(() => undefined);
    } finally {
      await this.#end();
    }
  }

  async #apply(rekey: boolean): Promise<ImportSummary> {
    const conn = this.#conn;
    const counts = await this.#timed(
      'count changes',
      async () => (await conn.runAndReadAll(COUNT_SQL)).getRowObjectsJS()[0] ?? {},
    );
    const people = await this.#countPeople();
    // Deleting many rows (and maintaining indexes while doing it) costs far more in DuckDB than
    // writing the kept rows to a fresh table, so a large import rewrites the tables and swaps
    // them in (still inside the one transaction); a small one deletes and inserts in place.
    const claims = Number(counts['claims'] ?? 0);
    const rewrite = claims >= this.#tuning.rewriteFrom && claims * 20 >= people;
    if (rekey) {
      await conn.run('DELETE FROM name_derivation');
      await conn.run('DELETE FROM postcode_derivation');
    }
    for (const sql of DERIVATION_SQL) {
      await conn.run(sql);
    }
    for (const table of REWRITTEN_TABLES) {
      await this.#timed(`write ${table}`, async () => {
        if (rewrite) {
          await this.#rewrite(table);
        } else {
          await conn.run(`DELETE FROM ${table} WHERE NOT (${KEEP_CONDITION[table]})`);
          await conn.run(insertNewSql(table, table));
        }
      });
    }
    await this.#timed('follow superseded chains', async () => {
      for (let step = 0; step < MAX_CHAIN_STEPS; step += 1) {
        if ((await conn.run(FOLLOW_CHAIN_SQL)).rowsChanged === 0) {
          break;
        }
      }
    });
    if (rekey) {
      await this.#timed('re-key stored names and addresses', async () => {
        for (const sql of REKEY_SQL) {
          await conn.run(sql);
        }
      });
    }
    for (const sql of STAMP_SQL) {
      await conn.run(sql);
    }
    await this.#timed('dangling links and term frequencies', async () => {
      for (const sql of FINISH_SQL) {
        await conn.run(sql);
      }
    });
    return {
      received: this.#seq,
      inserted: Number(counts['inserted'] ?? 0),
      updated: Number(counts['updated'] ?? 0),
      merged: Number(counts['merged'] ?? 0),
      people: await this.#countPeople(),
    };
  }

  /** Replaces a table by a fresh copy holding its kept rows and the new ones. */
  async #rewrite(table: RewrittenTable): Promise<void> {
    const conn = this.#conn;
    const reader = await conn.runAndReadAll(
      `SELECT sql FROM duckdb_tables()
       WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $t`,
      { t: table },
    );
    const ddl = String(reader.getRows()[0]?.[0] ?? '');
    const fresh = `${table}__new`;
    await conn.run(ddl.replace(/^CREATE TABLE [^(]+\(/, `CREATE TABLE ${fresh}(`));
    await conn.run(`INSERT INTO ${fresh} SELECT * FROM ${table} WHERE ${KEEP_CONDITION[table]}`);
    await conn.run(insertNewSql(table, fresh));
    await conn.run(`DROP TABLE ${table}`);
    await conn.run(`ALTER TABLE ${fresh} RENAME TO ${table}`);
  }

  async #countPeople(): Promise<number> {
    const reader = await this.#conn.runAndReadAll('SELECT count(*) FROM person');
    return Number(reader.getRows()[0]?.[0] ?? 0);
  }

  async #end(): Promise<void> {
    this.#state = 'done';
    try {
      for (const table of STAGING_TABLES) {
        await this.#conn.run(`DROP TABLE IF EXISTS temp.${table}`);
      }
      await this.#conn.run('RESET preserve_insertion_order');
    } finally {
      this.#onEnd();
    }
  }
}
