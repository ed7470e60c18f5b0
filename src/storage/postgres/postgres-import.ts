import { nulPath } from '../../core/nul-character.js';
import type { RegisterPerson } from '../../core/person.js';
import type { ImportSummary, RegisterImport } from '../register-store.js';
import { deriveNewValues, storeDerivations } from './postgres-derive.js';
import {
  COUNT_SQL,
  CREATE_RAW_STAGING,
  FINISH_SQL,
  FOLLOW_CHAIN_SQL,
  LOCK_SQL,
  REPLACE_SQL,
  STAGE_BATCH_SQL,
  STAGE_SQL,
  STAGING_TABLES,
} from './postgres-import-sql.js';
import type { PgConnection } from './pg-driver.js';

/** Superseded chains longer than this are not followed further (they cannot arise; a guard). */
const MAX_CHAIN_STEPS = 64;

/** People sent per staging statement: bounds the size of one protocol message. */
const PEOPLE_PER_STATEMENT = 2_000;

/**
 * Whether a staged document holds U+0000, which PostgreSQL `text` and `jsonb` cannot store.
 * `JSON.stringify` writes it as the escape `\u0000`; only then are the strings searched, so an
 * escaped backslash followed by `u0000` is not mistaken for it.
 */
function holdsNul(doc: string): boolean {
  return doc.includes('\\u0000') && nulPath(JSON.parse(doc)) !== undefined;
}

/**
 * An import into PostgreSQL on one connection of its own. `add` stages people as `jsonb`
 * documents in a session temp table (two array parameters per statement, expanded with
 * `unnest`); `commit` unpacks them, derives keys for new raw values, and applies everything
 * set-based in ONE transaction. Readers use other connections and see nothing until COMMIT; a
 * rollback, an error or a killed process (the session and its temp tables end with it) leave
 * the register as it was.
 */
export class PostgresRegisterImport implements RegisterImport {
  readonly #conn: PgConnection;
  readonly #onEnd: () => void;
  #seq = 0;
  #state: 'open' | 'committing' | 'done' = 'open';

  private constructor(conn: PgConnection, onEnd: () => void) {
    this.#conn = conn;
    this.#onEnd = onEnd;
  }

  /**
   * Creates the staging table on a connection the import keeps until it ends.
   * @param conn - a connection checked out for this import alone
   * @param onEnd - called once the import has committed or rolled back
   */
  static async start(conn: PgConnection, onEnd: () => void): Promise<PostgresRegisterImport> {
    await conn.query(CREATE_RAW_STAGING);
    return new PostgresRegisterImport(conn, onEnd);
  }

  /**
   * Stages people, in order.
   * @param people - valid register people
   */
  add(people: readonly RegisterPerson[]): Promise<void> {
    return this.addJson(people.map((person) => JSON.stringify(person)));
  }

  /**
   * Stages people given as JSON documents, as {@link add} does.
   * @param staged - serialised valid register people
   */
  async addJson(staged: readonly string[]): Promise<void> {
    if (this.#state !== 'open') {
      throw new Error('this import has already been committed or rolled back');
    }
    for (let from = 0; from < staged.length; from += PEOPLE_PER_STATEMENT) {
      const docs = staged.slice(from, from + PEOPLE_PER_STATEMENT);
      const seqs = docs.map((_, i) => this.#seq + i + 1);
      const bad = docs.findIndex(holdsNul);
      if (bad >= 0) {
        throw new Error(
          `record ${String(this.#seq + bad + 1)} of this import holds a NUL character (U+0000), ` +
            'which PostgreSQL cannot store; remove it from the source',
        );
      }
      await this.#conn.query(STAGE_BATCH_SQL, [seqs, docs]);
      this.#seq += docs.length;
    }
  }

  /** Applies the staged people in one transaction; see the class comment. */
  async commit(): Promise<ImportSummary> {
    if (this.#state !== 'open') {
      throw new Error('this import has already been committed or rolled back');
    }
    this.#state = 'committing';
    const conn = this.#conn;
    let failed = false;
    try {
      for (const sql of STAGE_SQL) {
        await conn.query(sql);
      }
      const derivations = await deriveNewValues(conn);
      await conn.query('BEGIN');
      try {
        await conn.query(LOCK_SQL);
        const summary = await this.#apply(() => storeDerivations(conn, derivations));
        await conn.query('COMMIT');
        return summary;
      } catch (error) {
        // If ROLLBACK itself fails the connection is gone, and the server has rolled back.
        await conn.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      await this.#end(failed);
    }
  }

  /** Drops the staged rows; the register is untouched. */
  async rollback(): Promise<void> {
    if (this.#state !== 'open') {
      return;
    }
    this.#state = 'committing';
    await this.#end(false);
  }

  async #apply(storeNewDerivations: () => Promise<void>): Promise<ImportSummary> {
    const conn = this.#conn;
    const { rows } = await conn.query<{ inserted: number; updated: number; merged: number }>(
      COUNT_SQL,
    );
    const counts = rows[0] ?? { inserted: 0, updated: 0, merged: 0 };
    await storeNewDerivations();
    for (const sql of REPLACE_SQL) {
      await conn.query(sql);
    }
    for (let step = 0; step < MAX_CHAIN_STEPS; step += 1) {
      if ((await conn.query(FOLLOW_CHAIN_SQL)).rowCount === 0) {
        break;
      }
    }
    for (const sql of FINISH_SQL) {
      await conn.query(sql);
    }
    const people = await conn.query<{ n: number }>('SELECT count(*)::int AS n FROM person');
    return { received: this.#seq, ...counts, people: people.rows[0]?.n ?? 0 };
  }

  /** Drops the temp tables and hands the connection back (discarding it after a failure). */
  async #end(failed: boolean): Promise<void> {
    this.#state = 'done';
    let broken: Error | undefined;
    try {
      await this.#conn.query(`DROP TABLE IF EXISTS ${STAGING_TABLES.join(', ')}`);
    } catch (error) {
      broken = error instanceof Error ? error : new Error(String(error));
    } finally {
      this.#conn.release(broken ?? failed);
      this.#onEnd();
    }
  }
}
