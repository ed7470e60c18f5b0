/**
 * The set-based SQL of a PostgreSQL import, in the order it runs: the same rule as the DuckDB
 * import and the reference in `../register-merge.ts` (the contract suite checks they agree).
 * Per NHS Number the latest claim wins, whether the claim is a record or a superseded link.
 * Staged people are `jsonb` documents in the session's temp table `stg_raw`.
 */

/** The raw staging table: import order and the person as a JSON document. */
export const CREATE_RAW_STAGING =
  'CREATE TEMP TABLE stg_raw (seq integer NOT NULL, doc jsonb NOT NULL)';

/** Appends one batch: `$1` the sequence numbers, `$2` the people as JSON text. */
export const STAGE_BATCH_SQL =
  'INSERT INTO stg_raw (seq, doc) SELECT s, d::jsonb FROM unnest($1::int[], $2::text[]) AS t(s, d)';

/**
 * A JSON array of strings as a `text[]`, in array order.
 * @param json - a `jsonb` expression holding an array of strings
 */
const textArray = (json: string): string =>
  `ARRAY(SELECT e FROM jsonb_array_elements_text(${json}) WITH ORDINALITY AS x(e, i) ORDER BY i)`;

/** Statements that work out the winning claim per number and unpack the winning documents. */
export const STAGE_SQL: readonly string[] = [
  // Every number each record claims: its own, and each superseded number (first listing wins).
  `CREATE TEMP TABLE claim AS
     SELECT DISTINCT ON (num) num, kind, seq, target, ord FROM (
       SELECT doc->>'nhsNumber' AS num, 'record' AS kind, seq, NULL::text AS target, NULL::int AS ord
       FROM stg_raw
       UNION ALL
       SELECT o.old, 'link', r.seq, r.doc->>'nhsNumber', (o.i - 1)::int
       FROM stg_raw r
       CROSS JOIN LATERAL jsonb_array_elements_text(r.doc->'supersededNhsNumbers')
         WITH ORDINALITY AS o(old, i)
       WHERE o.old <> r.doc->>'nhsNumber') c
     ORDER BY num, seq DESC, ord ASC NULLS FIRST`,
  `CREATE TEMP TABLE stg AS
     SELECT r.seq, r.doc FROM stg_raw r JOIN claim c ON c.seq = r.seq AND c.kind = 'record'`,
  `CREATE TEMP TABLE stg_name AS
     SELECT nhs_number, ord, "use", given, family, prefix, period,
            array_to_string(given, ' ') AS given_text
     FROM (
       SELECT s.doc->>'nhsNumber' AS nhs_number, (n.i - 1)::smallint AS ord, n.v->>'use' AS "use",
              ${textArray(`n.v->'given'`)} AS given, n.v->>'family' AS family,
              CASE WHEN n.v ? 'prefix' THEN ${textArray(`n.v->'prefix'`)} END AS prefix,
              n.v->'period' AS period
       FROM stg s CROSS JOIN LATERAL jsonb_array_elements(s.doc->'names') WITH ORDINALITY AS n(v, i)
     ) unpacked`,
  `CREATE TEMP TABLE stg_address AS
     SELECT s.doc->>'nhsNumber' AS nhs_number, (a.i - 1)::smallint AS ord, a.v->>'use' AS "use",
            ${textArray(`a.v->'lines'`)} AS lines, a.v->>'postalCode' AS postal_code,
            a.v->'period' AS period
     FROM stg s CROSS JOIN LATERAL jsonb_array_elements(s.doc->'addresses') WITH ORDINALITY AS a(v, i)`,
  // Temp tables are never auto-analysed; give the planner row counts for the joins below.
  'ANALYZE claim, stg, stg_name, stg_address',
];

/** Distinct raw values the dictionaries have not seen: family names, forenames, postcodes. */
export const NEW_RAW_VALUES_SQL = {
  family: `SELECT DISTINCT family AS raw FROM stg_name n WHERE NOT EXISTS
    (SELECT 1 FROM name_derivation d WHERE d.kind = 'family' AND d.raw = n.family)`,
  given: `SELECT DISTINCT given_text AS raw FROM stg_name n WHERE NOT EXISTS
    (SELECT 1 FROM name_derivation d WHERE d.kind = 'given' AND d.raw = n.given_text)`,
  postcode: `SELECT DISTINCT postal_code AS raw FROM stg_address a
    WHERE postal_code IS NOT NULL AND NOT EXISTS
    (SELECT 1 FROM postcode_derivation d WHERE d.raw = a.postal_code)`,
} as const;

/** Adds name dictionary entries: `$1` kind, `$2` raw, `$3` key, `$4`/`$5` phonetic codes. */
export const INSERT_NAME_DERIVATION = `INSERT INTO name_derivation (kind, raw, "key", phonetic1, phonetic2)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
  ON CONFLICT DO NOTHING`;

/** Adds postcode dictionary entries: raw, canonical postcode, area, district, sector, unit. */
export const INSERT_POSTCODE_DERIVATION = `INSERT INTO postcode_derivation
    (raw, postcode, area, district, sector, unit)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
  ON CONFLICT DO NOTHING`;

/**
 * Serialises writers: one import applies at a time per register (readers are not blocked;
 * EXCLUSIVE mode still allows plain SELECTs). Staging runs concurrently.
 */
export const LOCK_SQL = 'LOCK TABLE person IN EXCLUSIVE MODE';

/** Counts what the import will change, before it changes anything. */
export const COUNT_SQL = `SELECT
    count(*) FILTER (WHERE c.kind = 'record' AND p.nhs_number IS NULL)::int AS inserted,
    count(*) FILTER (WHERE c.kind = 'record' AND p.nhs_number IS NOT NULL)::int AS updated,
    count(*) FILTER (WHERE c.kind = 'link' AND p.nhs_number IS NOT NULL)::int AS merged
  FROM claim c LEFT JOIN person p ON p.nhs_number = c.num`;

const birthPart = (pattern: string, from: number, length: number): string =>
  `CASE WHEN doc->>'birthDate' ~ '${pattern}'
     THEN substr(doc->>'birthDate', ${from}, ${length})::smallint END`;

/**
 * The rows every claimed number loses, then the winning rows: stored records and links of
 * every claimed number go, and links pointing at a re-imported record (it brings its own list).
 */
export const REPLACE_SQL: readonly string[] = [
  'DELETE FROM person WHERE nhs_number IN (SELECT num FROM claim)',
  'DELETE FROM person_name WHERE nhs_number IN (SELECT num FROM claim)',
  'DELETE FROM person_address WHERE nhs_number IN (SELECT num FROM claim)',
  `DELETE FROM superseded_number WHERE old_nhs_number IN (SELECT num FROM claim)
     OR nhs_number IN (SELECT num FROM claim WHERE kind = 'record')`,
  `INSERT INTO person
     SELECT doc->>'nhsNumber', doc->>'verificationStatus', doc->>'gender', doc->>'birthDate',
            ${birthPart('^[0-9]{4}', 1, 4)}, ${birthPart('^[0-9]{4}-[0-9]{2}', 6, 2)},
            ${birthPart('^[0-9]{4}-[0-9]{2}-[0-9]{2}', 9, 2)},
            doc->>'deceasedDateTime', doc->>'gpOdsCode', (doc->>'restricted')::boolean,
            coalesce((doc->>'invalidated')::boolean, false)
     FROM stg ORDER BY doc->>'nhsNumber'`,
  `INSERT INTO person_name
     SELECT n.nhs_number, n.ord, n."use", n.given, n.family, n.prefix, n.period,
            f."key", f.phonetic1, f.phonetic2, g."key", g.phonetic1, g.phonetic2
     FROM stg_name n
     LEFT JOIN name_derivation f ON f.kind = 'family' AND f.raw = n.family
     LEFT JOIN name_derivation g ON g.kind = 'given' AND g.raw = n.given_text`,
  `INSERT INTO person_address
     SELECT a.nhs_number, a.ord, a."use", a.lines, a.postal_code, a.period,
            d.postcode, d.area, d.district, d.sector, d.unit
     FROM stg_address a LEFT JOIN postcode_derivation d ON d.raw = a.postal_code`,
  // A link survives when its target ended as the record version that declared it, or was
  // itself superseded later (then the chain step follows it).
  `INSERT INTO superseded_number
     SELECT l.num, l.target, l.ord FROM claim l JOIN claim t ON t.num = l.target
     WHERE l.kind = 'link' AND (t.kind = 'link' OR t.seq = l.seq)`,
];

/** One step along superseded chains; repeated until it changes no row. */
export const FOLLOW_CHAIN_SQL = `UPDATE superseded_number AS s SET nhs_number = t.nhs_number
  FROM superseded_number AS t
  WHERE s.nhs_number = t.old_nhs_number AND s.old_nhs_number <> t.old_nhs_number`;

const refreshFrequencies = (table: string, column: string, from: string): string[] => [
  `DELETE FROM ${table}`,
  `INSERT INTO ${table}
     SELECT ${column}, count(*), count(*)::double precision / sum(count(*)) OVER ()
     FROM ${from} WHERE ord = 0 AND ${column} IS NOT NULL GROUP BY ${column}`,
];

/** Statements run after the chains are followed: drop dangling links, refresh frequencies. */
export const FINISH_SQL: readonly string[] = [
  `DELETE FROM superseded_number s
     WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.nhs_number = s.nhs_number)`,
  ...refreshFrequencies('tf_family_name', 'family_key', 'person_name'),
  ...refreshFrequencies('tf_given_name', 'given_key', 'person_name'),
  ...refreshFrequencies('tf_postcode', 'postcode_unit', 'person_address'),
];

/** Temp tables an import creates; dropped when it ends. */
export const STAGING_TABLES = ['stg_raw', 'claim', 'stg', 'stg_name', 'stg_address'] as const;
