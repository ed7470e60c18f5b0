import type { BlockingRule } from '../../matching/blocking.js';
import {
  gammaColumnsSql,
  keyTextsSql,
  ruleKeysSql,
  weightSql,
  type MatchModel,
} from '../../matching/index.js';

/**
 * The SQL of the DuckDB match index (duckdb-match-index.ts): the tables built from the register
 * and the per-chunk search. Register rows are `r` (table `match_record`, position `rid`),
 * request rows `q` (temp table `q_record`, position `qid`).
 */

/** The derived tables the index owns (rebuilt whole; not part of the schema migrations). */
export const MATCH_TABLES = ['match_record', 'match_number', 'match_key', 'match_tf'] as const;

/** Term frequencies over the register's match records: share of records holding each value. */
export const BUILD_TF_SQL = `CREATE OR REPLACE TABLE match_tf AS
  SELECT 'given-name' AS col, given_first AS value,
    CAST(count(*) AS DOUBLE) / CAST(sum(count(*)) OVER () AS DOUBLE) AS frequency
  FROM match_base WHERE given_first IS NOT NULL GROUP BY given_first
  UNION ALL
  SELECT 'family-name', family_name,
    CAST(count(*) AS DOUBLE) / CAST(sum(count(*)) OVER () AS DOUBLE)
  FROM match_base WHERE family_name IS NOT NULL GROUP BY family_name
  UNION ALL
  SELECT 'postcode', pc_full,
    CAST(count(*) AS DOUBLE) / CAST(sum(count(*)) OVER () AS DOUBLE)
  FROM match_base WHERE pc_full IS NOT NULL GROUP BY pc_full`;

/** The register's match table: match columns and the term frequency of each tf value. */
export const BUILD_RECORD_SQL = `CREATE OR REPLACE TABLE match_record AS
  SELECT b.*, tg.frequency AS tf_given, tfam.frequency AS tf_family, tp.frequency AS tf_postcode
  FROM match_base b
  LEFT JOIN (SELECT value, frequency FROM match_tf WHERE col = 'given-name') tg
    ON tg.value = b.given_first
  LEFT JOIN (SELECT value, frequency FROM match_tf WHERE col = 'family-name') tfam
    ON tfam.value = b.family_name
  LEFT JOIN (SELECT value, frequency FROM match_tf WHERE col = 'postcode') tp
    ON tp.value = b.pc_full`;

/** Every number (current and superseded) → the position and number of its current record. */
export const BUILD_NUMBER_SQL = `CREATE OR REPLACE TABLE match_number AS
  SELECT nhs_number AS number, rid, id FROM match_record WHERE nhs_number IS NOT NULL
  UNION ALL
  SELECT unnest(superseded) AS number, rid, id FROM match_record`;

/**
 * The register's blocking keys under every rule: the statements that make `match_key` (the
 * keys a search may use) and `match_key_capped` (keys shared by more than `cap` records, with
 * their counts: never blocked on, kept for the pair-count estimate). Per rule, its keys are
 * staged, the capped ones counted, and the rest inserted (one statement for all rules ran out
 * of memory at 10,000,000 people). With the cap applied here, a chunk's search reads
 * `match_key` once instead of twice.
 * @param rules - the blocking rules
 * @param cap - the key cap
 * @returns the statements that create the tables, then each rule's statements
 */
export function buildKeySql(
  rules: readonly BlockingRule[],
  cap: number,
): { create: string[]; perRule: string[][] } {
  return {
    create: [
      'CREATE OR REPLACE TABLE match_key (key UBIGINT, rid INTEGER)',
      'CREATE OR REPLACE TABLE match_key_capped (key UBIGINT, people BIGINT)',
    ],
    perRule: rules.map((rule) => [
      // A table in the register file, not a TEMP table: see buildIndex.
      `CREATE OR REPLACE TABLE match_key_stage AS
        SELECT key, id AS rid FROM (${ruleKeysSql(rule, 'match_record', 'rid')})`,
      `INSERT INTO match_key_capped SELECT key, count(*) FROM match_key_stage
        GROUP BY key HAVING count(*) > ${String(cap)}`,
      `INSERT INTO match_key SELECT s.key, s.rid FROM match_key_stage s
        ANTI JOIN match_key_capped c USING (key)`,
      'DROP TABLE match_key_stage',
    ]),
  };
}

/**
 * For a pair-count estimate: each key the requests in `q_record` carry, as text with its rule's
 * position, how many requests carry it, and how many register records do (`match_key`, or
 * `match_key_capped` for keys over the cap).
 * @param rules - the rules the index was built with
 */
export function keyCountsSql(rules: readonly BlockingRule[]): string {
  return `WITH q AS (
      SELECT rule, text, any_value(key) AS key, count(*) AS requests
      FROM (${keyTextsSql(rules, 'q_record', 'qid')}) GROUP BY rule, text
    ),
    r AS (
      SELECT m.key, count(*) AS people FROM match_key m SEMI JOIN q USING (key) GROUP BY m.key
      UNION ALL
      SELECT c.key, c.people FROM match_key_capped c SEMI JOIN q USING (key)
    )
    SELECT q.rule, q.text, q.requests, coalesce(r.people, 0) AS people
    FROM q LEFT JOIN r USING (key) ORDER BY q.rule, q.text`;
}

/**
 * The blocked pairs `(qid, rid)` of the requests in `q_key` (keys of the chunk) through the
 * index's `match_key`, which holds no key over the cap; each pair once.
 */
export const INDEX_PAIRS_SQL = `SELECT DISTINCT qk.id AS qid, m.rid
  FROM q_key qk JOIN match_key m USING (key)`;

/** A 64-bit `key` as its high and low 32 bits (unsigned), as the key file holds them. */
const SPLIT_KEY_SQL =
  'CAST(key >> 32 AS UINTEGER) AS high, CAST(key % 4294967296 AS UINTEGER) AS low';

/**
 * The keys of `source` (`match_key`, or {@link EXACT_KEYS_SQL}) whose top `bits` bits are
 * `part`, in key order, split into their high and low 32 bits: a keys file is written a
 * part at a time, since one sort of every key (about 169,000,000 blocking keys at 10,000,000
 * people) ran out of DuckDB's memory limit.
 * @param bits - how many top bits choose the part (0: every key)
 * @param part - the part
 * @param source - a table or a parenthesised query of `(key, rid)` rows
 */
export function indexKeysSql(bits: number, part: number, source = 'match_key'): string {
  const where = bits === 0 ? '' : `WHERE key >> ${String(64 - bits)} = ${String(part)}`;
  return `SELECT ${SPLIT_KEY_SQL}, rid FROM ${source} ${where} ORDER BY key, rid`;
}

/**
 * The exact look-up's keys of the register, `(key, rid)`, for its keys file: each number
 * (current and superseded, from `match_number`) under kind `n`; the family name with the full
 * date of birth's digits under `d`; the family name with the birth year under `y` (for requests
 * that give only part of a date, whose month is then checked on the record). The kind is hashed
 * in, so keys of different kinds do not meet. Requests are keyed alike, in TypeScript, by
 * `forEachExactKey` (`request-keys.ts`); the types are cast so both sides hash the same values.
 */
export const EXACT_KEYS_SQL = `(
  SELECT hash('n', number) AS key, rid FROM match_number
  UNION ALL
  SELECT hash('d', family_name, birth_digits) AS key, rid FROM match_record
  WHERE family_name IS NOT NULL AND birth_day IS NOT NULL
  UNION ALL
  SELECT hash('y', family_name, CAST(birth_year AS INTEGER)) AS key, rid FROM match_record
  WHERE family_name IS NOT NULL AND birth_year IS NOT NULL)`;

/**
 * The blocked pairs `(qid, rid)` of the requests in `q_key` through a key table that holds every
 * key (a one-rule key table for training), skipping keys held by more than `cap` register
 * records, each pair once.
 * @param cap - the key cap
 * @param keyTable - the register key table
 */
export function cappedPairsSql(cap: number, keyTable: string): string {
  return `SELECT DISTINCT qk.id AS qid, rk.rid
    FROM q_key qk
    JOIN (SELECT m.key, m.rid FROM ${keyTable} m SEMI JOIN q_key USING (key)) rk USING (key)
    SEMI JOIN (
      SELECT m.key FROM ${keyTable} m SEMI JOIN q_key USING (key)
      GROUP BY m.key HAVING count(*) <= ${String(cap)}
    ) ok USING (key)`;
}

/**
 * The scored pairs of a chunk: comparison vector `g0…`, weight, and what the reduction needs
 * (cascade and twin flags).
 * @param model - the model
 * @param pairs - a query giving `(qid, rid)`
 */
export function scoredPairsSql(model: MatchModel, pairs: string): string {
  return `SELECT s.*, ${weightSql(model, 's')} AS weight FROM (
    SELECT p.qid, p.rid, r.id, r.family_name AS r_family, r.birth_digits AS r_birth,
      r.tf_given, r.tf_family, r.tf_postcode,
      (q.nhs_number IS NOT NULL AND (r.nhs_number = q.nhs_number
        OR list_contains(r.superseded, q.nhs_number))) AS number_holder,
      (q.family_name = r.family_name AND q.birth_year = r.birth_year
        AND (q.birth_month IS NULL OR q.birth_month = r.birth_month)
        AND (q.birth_day IS NULL OR q.birth_day = r.birth_day)
        AND q.gender = r.gender) AS alphanumeric_candidate,
      ${gammaColumnsSql(model, { q: 'q', r: 'r' })}
    FROM (${pairs}) p
    JOIN q_record q USING (qid)
    JOIN match_record r USING (rid)
  ) s`;
}

/**
 * Comparison vectors of the pairs one rule blocks, counted by vector (for EM).
 * @param model - the model whose comparisons make the vectors
 * @param cap - the key cap
 */
export function blockedVectorsSql(model: MatchModel, cap: number): string {
  const gammas = model.comparisons.map((_, c) => `g${String(c)}`).join(', ');
  return `SELECT ${gammas}, count(*) AS n
    FROM (${scoredPairsSql(model, cappedPairsSql(cap, 'rule_key'))})
    GROUP BY ALL ORDER BY ALL`;
}

/**
 * The register's keys under one rule (for {@link blockedVectorsSql}).
 * @param rule - the rule
 */
export function ruleKeyTableSql(rule: BlockingRule): string {
  return `CREATE OR REPLACE TEMP TABLE rule_key AS
    SELECT key, id AS rid FROM (${ruleKeysSql(rule, 'match_record', 'rid')})`;
}

/** Pairs among the blocked ones that the λ rules accept (`acceptedByRules`). */
export const RULE_MATCHES_SQL = `SELECT count(*) FROM (${INDEX_PAIRS_SQL}) p
    JOIN q_record q USING (qid) JOIN match_record r USING (rid)
    WHERE (q.nhs_number IS NOT NULL AND q.nhs_number = r.nhs_number)
      OR (q.family_name = r.family_name AND q.given_first = r.given_first
        AND q.birth_day IS NOT NULL AND q.birth_year = r.birth_year
        AND q.birth_month = r.birth_month AND q.birth_day = r.birth_day
        AND q.pc_full = r.pc_full)`;

/**
 * The request columns the exact look-up reads ({@link EXACT_CANDIDATES_SQL}), staged straight
 * from each record by an appender, in this order: a chunk's whole match table (`q_record`, from
 * each record's JSON) took several times as long to stage as the look-up took to run.
 */
export const EXACT_REQUEST_TABLE_SQL = `CREATE OR REPLACE TEMP TABLE q_exact (qid INTEGER,
  nhs_number VARCHAR, family_name VARCHAR, birth_year INTEGER, birth_month INTEGER,
  birth_day INTEGER, birth_digits VARCHAR)`;

/**
 * The deterministic cascade's candidates by exact joins: the holder of the supplied number, and
 * records with the same family name and an agreeing date of birth (the request's month and day
 * only where it has them). Positions and numbers only. Requests are
 * read from `q_exact` ({@link EXACT_REQUEST_TABLE_SQL}). A trace no longer runs it: the index
 * looks the same candidates up in its exact keys file ({@link EXACT_KEYS_SQL}), since this join
 * reads `match_number` and `match_record` whole at every chunk; it is the definition the keys
 * were made to, and `bench:batch-profile` times it.
 */
export const EXACT_CANDIDATES_SQL = `WITH pairs AS (
    SELECT q.qid, n.rid, n.id FROM q_exact q JOIN match_number n ON n.number = q.nhs_number
    UNION
    SELECT q.qid, r.rid, r.id FROM q_exact q JOIN match_record r
      ON r.family_name = q.family_name AND r.birth_digits = q.birth_digits
    WHERE q.birth_day IS NOT NULL
    UNION
    SELECT q.qid, r.rid, r.id FROM q_exact q JOIN match_record r
      ON r.family_name = q.family_name AND r.birth_year = q.birth_year
    WHERE q.birth_day IS NULL
      AND (q.birth_month IS NULL OR r.birth_month = q.birth_month)
  )
  SELECT qid, id, rid FROM pairs ORDER BY qid, id`;
