/**
 * The set-based SQL of a DuckDB import, in the order it runs. The rule it implements is the
 * reference in `../register-merge.ts` (the contract suite checks the two agree): per NHS Number
 * the latest claim wins, whether the claim is a record or a superseded-number link.
 */

const PERIOD_SHAPE = { start: 'VARCHAR', end: 'VARCHAR' };

/** The shape `from_json` reads each staged person with: `RegisterPerson`, field for field. */
export const PERSON_JSON_SHAPE = JSON.stringify({
  nhsNumber: 'VARCHAR',
  verificationStatus: 'VARCHAR',
  names: [
    {
      use: 'VARCHAR',
      given: ['VARCHAR'],
      family: 'VARCHAR',
      prefix: ['VARCHAR'],
      period: PERIOD_SHAPE,
    },
  ],
  gender: 'VARCHAR',
  birthDate: 'VARCHAR',
  deceasedDateTime: 'VARCHAR',
  addresses: [{ use: 'VARCHAR', lines: ['VARCHAR'], postalCode: 'VARCHAR', period: PERIOD_SHAPE }],
  gpOdsCode: 'VARCHAR',
  restricted: 'BOOLEAN',
  invalidated: 'BOOLEAN',
  supersededNhsNumbers: ['VARCHAR'],
});

/** The raw staging table the appender fills: import order and the person as JSON. */
export const CREATE_RAW_STAGING =
  'CREATE OR REPLACE TEMP TABLE stg_raw (seq INTEGER NOT NULL, doc VARCHAR NOT NULL)';

/**
 * The typed staging table: every staged person parsed with `from_json`. It is filled batch by
 * batch ({@link PARSE_BATCH_SQL}) while the next batch is still being read, so DuckDB parses on
 * its own threads in parallel with the file reading.
 */
export const CREATE_PARSED_STAGING = `CREATE OR REPLACE TEMP TABLE stg_all AS
  SELECT seq, unnest(from_json(doc, '${PERSON_JSON_SHAPE}')) FROM stg_raw`;

/**
 * Parses the documents of the last batch into `stg_all`, then replaces `stg_raw` by an empty
 * table (a `DELETE` would keep the deleted documents in memory until the table is dropped).
 */
export const PARSE_BATCH_SQL: readonly string[] = [
  `INSERT INTO stg_all SELECT seq, unnest(from_json(doc, '${PERSON_JSON_SHAPE}')) FROM stg_raw`,
  CREATE_RAW_STAGING,
];

/** Works out which claim wins for each number. */
export const CLAIM_SQL =
  // Every number each record claims: its own, and each superseded number (first listing wins).
  `CREATE OR REPLACE TEMP TABLE claim AS
     SELECT num, kind, seq, target, ord FROM (
       SELECT nhsNumber AS num, 'record' AS kind, seq, NULL::VARCHAR AS target, NULL::INTEGER AS ord
       FROM stg_all
       UNION ALL
       SELECT old, 'link', seq, nhsNumber, ord::INTEGER FROM (
         SELECT seq, nhsNumber, unnest(supersededNhsNumbers) AS old,
                unnest(range(len(supersededNhsNumbers))) AS ord
         FROM stg_all)
       WHERE old <> nhsNumber)
     QUALIFY row_number() OVER (PARTITION BY num ORDER BY seq DESC, ord ASC NULLS FIRST) = 1`;

/** How many staged record versions won their number. */
export const WINNERS_SQL = `SELECT count(*) FROM claim WHERE kind = 'record'`;

/**
 * Keeps the winning record versions as `stg`. When every staged version won (no number was
 * claimed twice, the usual case) the table is renamed rather than copied.
 * @param allWon - whether every staged record version won its number
 */
export function keepWinnersSql(allWon: boolean): string {
  return allWon
    ? 'ALTER TABLE stg_all RENAME TO stg'
    : `CREATE OR REPLACE TEMP TABLE stg AS
         SELECT * FROM stg_all WHERE seq IN (SELECT seq FROM claim WHERE kind = 'record')`;
}

/** Unnests the winners' names and addresses. */
export const UNNEST_SQL: readonly string[] = [
  `CREATE OR REPLACE TEMP TABLE stg_name AS
     SELECT nhs_number, ord, unnest(n), array_to_string(n.given, ' ') AS given_text FROM (
       SELECT nhsNumber AS nhs_number, unnest(names) AS n, unnest(range(len(names)))::SMALLINT AS ord
       FROM stg)`,
  `CREATE OR REPLACE TEMP TABLE stg_address AS
     SELECT nhs_number, ord, unnest(a) FROM (
       SELECT nhsNumber AS nhs_number, unnest(addresses) AS a,
              unnest(range(len(addresses)))::SMALLINT AS ord
       FROM stg)`,
];

/** Counts what the import will change, before it changes anything. */
export const COUNT_SQL = `SELECT
    count(*) FILTER (WHERE c.kind = 'record' AND p.nhs_number IS NULL) AS inserted,
    count(*) FILTER (WHERE c.kind = 'record' AND p.nhs_number IS NOT NULL) AS updated,
    count(*) FILTER (WHERE c.kind = 'link' AND p.nhs_number IS NOT NULL) AS merged,
    (SELECT count(*) FROM claim) AS claims
  FROM claim c LEFT JOIN person p ON p.nhs_number = c.num`;

/** The tables an import rewrites, in the order it rewrites them. */
export const REWRITTEN_TABLES = [
  'person',
  'person_name',
  'person_address',
  'superseded_number',
] as const;

/** A table an import rewrites. */
export type RewrittenTable = (typeof REWRITTEN_TABLES)[number];

/**
 * Which stored rows an import keeps: rows of numbers nobody claims; for links, also not those
 * pointing at a re-imported record (the new version brings its own list).
 */
export const KEEP_CONDITION: Readonly<Record<RewrittenTable, string>> = {
  person: 'nhs_number NOT IN (SELECT num FROM claim)',
  person_name: 'nhs_number NOT IN (SELECT num FROM claim)',
  person_address: 'nhs_number NOT IN (SELECT num FROM claim)',
  superseded_number: `old_nhs_number NOT IN (SELECT num FROM claim)
    AND nhs_number NOT IN (SELECT num FROM claim WHERE kind = 'record')`,
};

/**
 * The statement that inserts a table's new rows from the staging tables.
 * @param table - the table whose rows these are
 * @param into - where to insert them (the table itself, or its replacement)
 */
export function insertNewSql(table: RewrittenTable, into: string): string {
  switch (table) {
    case 'person':
      return `INSERT INTO ${into}
        SELECT nhsNumber, verificationStatus, gender, birthDate,
               TRY_CAST(birthDate[1:4] AS SMALLINT), TRY_CAST(birthDate[6:7] AS TINYINT),
               TRY_CAST(birthDate[9:10] AS TINYINT), deceasedDateTime, gpOdsCode, restricted,
               coalesce(invalidated, false)
        FROM stg ORDER BY nhsNumber`;
    case 'person_name':
      return `INSERT INTO ${into}
        SELECT n.nhs_number, n.ord, n.use, n.given, n.family, n.prefix, n.period,
               f.key, f.phonetic1, f.phonetic2, g.key, g.phonetic1, g.phonetic2
        FROM stg_name n
        LEFT JOIN name_derivation f ON f.kind = 'family' AND f.raw = n.family
        LEFT JOIN name_derivation g ON g.kind = 'given' AND g.raw = n.given_text`;
    case 'person_address':
      return `INSERT INTO ${into}
        SELECT a.nhs_number, a.ord, a.use, a.lines, a.postalCode, a.period,
               d.postcode, d.area, d.district, d.sector, d.unit
        FROM stg_address a LEFT JOIN postcode_derivation d ON d.raw = a.postalCode`;
    case 'superseded_number':
      // A link survives when its target ended as the record version that declared it, or was
      // itself superseded later (then the chain step below follows it).
      return `INSERT INTO ${into}
        SELECT l.num, l.target, l.ord FROM claim l JOIN claim t ON t.num = l.target
        WHERE l.kind = 'link' AND (t.kind = 'link' OR t.seq = l.seq)`;
  }
}

/** New dictionary entries, copied in before the people that use them. */
export const DERIVATION_SQL: readonly string[] = [
  'INSERT INTO name_derivation SELECT * FROM new_name_derivation',
  'INSERT INTO postcode_derivation SELECT * FROM new_postcode_derivation',
];

/** One step along superseded chains; repeated until it changes no row. */
export const FOLLOW_CHAIN_SQL = `UPDATE superseded_number AS s SET nhs_number = t.nhs_number
  FROM superseded_number AS t WHERE s.nhs_number = t.old_nhs_number AND s.old_nhs_number <> t.old_nhs_number`;

/** Statements run after the chains are followed: drop dangling links, refresh frequencies. */
export const FINISH_SQL: readonly string[] = [
  'DELETE FROM superseded_number WHERE nhs_number NOT IN (SELECT nhs_number FROM person)',
  'DELETE FROM tf_family_name',
  `INSERT INTO tf_family_name
     SELECT family_key, count(*), count(*) / sum(count(*)) OVER ()
     FROM person_name WHERE ord = 0 AND family_key IS NOT NULL GROUP BY family_key`,
  'DELETE FROM tf_given_name',
  `INSERT INTO tf_given_name
     SELECT given_key, count(*), count(*) / sum(count(*)) OVER ()
     FROM person_name WHERE ord = 0 AND given_key IS NOT NULL GROUP BY given_key`,
  'DELETE FROM tf_postcode',
  `INSERT INTO tf_postcode
     SELECT postcode_unit, count(*), count(*) / sum(count(*)) OVER ()
     FROM person_address WHERE ord = 0 AND postcode_unit IS NOT NULL GROUP BY postcode_unit`,
];

/** Temp tables an import creates; dropped when it ends. */
export const STAGING_TABLES = [
  'stg_raw',
  'stg_all',
  'claim',
  'stg',
  'stg_name',
  'stg_address',
  'new_name_derivation',
  'new_postcode_derivation',
] as const;
