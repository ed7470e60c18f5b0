/**
 * The match table: one row per {@link MatchRecord}, the columns the set-based (SQL) execution
 * compares. Both sides of a pair (the register and a chunk of requests) are built the same way:
 * TypeScript builds each record with the same functions as the in-process path
 * (`buildMatchRecord`, `fromRegisterPerson`) and hands it over as JSON (`record_json`); SQL
 * unpacks that JSON into typed columns ({@link MATCH_COLUMNS_SQL}). So the two executions
 * compare identical values by construction, and only the comparisons themselves are written
 * twice (in `comparisons/` and in `comparison-sql.ts`), checked equal by a test.
 *
 * The SQL is DuckDB's dialect (lambdas, `list_has_any`, `from_json`); every DuckDB-specific
 * construct is kept to these `sql/` files.
 */

const POSTCODE = '{"full":"VARCHAR","sector":"VARCHAR","district":"VARCHAR","area":"VARCHAR"}';
const ADDRESS = '{"flat":"VARCHAR","houseNumber":"VARCHAR","streetTokens":["VARCHAR"]}';

/** The JSON structure of a MatchRecord for DuckDB's `from_json`. */
export const MATCH_RECORD_STRUCTURE = `{
  "nhsNumber":"VARCHAR","supersededNhsNumbers":["VARCHAR"],
  "givenFirst":"VARCHAR","givenOthers":["VARCHAR"],"givenPhonetic":["VARCHAR"],
  "familyName":"VARCHAR","familyParts":["VARCHAR"],"familyHistoric":["VARCHAR"],
  "familyPhonetic":["VARCHAR"],
  "birthDate":{"year":"INTEGER","month":"INTEGER","day":"INTEGER","placeholder":"BOOLEAN"},
  "gender":"VARCHAR","postcode":${POSTCODE},"historicPostcodes":[${POSTCODE}],
  "address":${ADDRESS},"historicAddresses":[${ADDRESS}]}`.replace(/\s+/g, '');

/**
 * The SELECT list that turns `s` (a MatchRecord struct from `from_json`) and `nick` (the
 * nickname groups of the first given name, a list) into the match columns. Column names are
 * the `q.`/`r.` names {@link comparisonLevelSql} and the blocking SQL use.
 */
export const MATCH_COLUMNS_SQL = `
  s.nhsNumber AS nhs_number,
  s.supersededNhsNumbers AS superseded,
  s.givenFirst AS given_first,
  s.givenOthers AS given_others,
  s.givenPhonetic AS given_phonetic,
  s.givenPhonetic[1] AS given_ph1,
  s.givenPhonetic[2] AS given_ph2,
  coalesce(nick, []) AS given_nick,
  s.familyName AS family_name,
  s.familyParts AS family_parts,
  s.familyHistoric AS family_historic,
  s.familyPhonetic AS family_phonetic,
  s.familyPhonetic[1] AS family_ph1,
  s.familyPhonetic[2] AS family_ph2,
  CASE WHEN s.familyName IS NULL THEN [] ELSE [s.familyName] END
    || s.familyParts || s.familyHistoric AS family_all,
  CASE WHEN s.familyName IS NULL THEN [] ELSE [s.familyName] || s.familyParts || s.familyHistoric END
    AS family_keys,
  s.birthDate.year AS birth_year,
  s.birthDate.month AS birth_month,
  s.birthDate.day AS birth_day,
  s.birthDate.placeholder AS birth_placeholder,
  CASE WHEN s.birthDate IS NULL THEN NULL ELSE
    lpad(CAST(s.birthDate.year AS VARCHAR), 4, '0')
    || coalesce(lpad(CAST(s.birthDate.month AS VARCHAR), 2, '0'), '')
    || coalesce(lpad(CAST(s.birthDate.day AS VARCHAR), 2, '0'), '') END AS birth_digits,
  s.gender AS gender,
  s.postcode.full AS pc_full,
  s.postcode.sector AS pc_sector,
  s.postcode.district AS pc_district,
  s.postcode.area AS pc_area,
  CASE WHEN s.postcode IS NULL THEN [] ELSE [s.postcode.full] END
    || list_transform(s.historicPostcodes, lambda p: p.full) AS pc_all_full,
  CASE WHEN s.postcode IS NULL THEN [] ELSE [s.postcode.district] END
    || list_transform(s.historicPostcodes, lambda p: p.district) AS pc_all_district,
  s.address.flat AS addr_flat,
  s.address.houseNumber AS addr_house,
  s.address.streetTokens AS addr_street,
  CASE WHEN s.address IS NULL THEN [] ELSE [s.address] END || s.historicAddresses AS addr_all`;

/**
 * Rows `(name, grp)` of the nickname table, one per name in each group of `groups`, as a
 * VALUES list; the match table joins it to give each record the groups of its first given
 * name, so the nickname level is a list intersection.
 * @param groups - the nickname groups (`NICKNAME_GROUPS`)
 */
export function nicknameRows(groups: readonly (readonly string[])[]): [string, number][] {
  const rows: [string, number][] = [];
  const seen = new Set<string>();
  groups.forEach((group, grp) => {
    for (const name of group) {
      const key = `${name}|${String(grp)}`;
      if (!seen.has(key)) {
        seen.add(key);
        rows.push([name, grp]);
      }
    }
  });
  return rows;
}

/**
 * The statement that builds a match table from a table of `(rid, id, record_json, ...)` rows:
 * the given extra columns are kept, the record is unpacked into the match columns.
 * @param target - the table to create (`CREATE OR REPLACE`)
 * @param source - the staging table with `record_json`
 * @param keep - the staging columns to carry over (`rid`, `id`, `record_json`, …)
 * @param temp - create a TEMP table
 */
export function buildMatchTableSql(
  target: string,
  source: string,
  keep: readonly string[],
  temp: boolean,
): string {
  const carried = keep.map((column) => `src.${column}`).join(', ');
  return `CREATE OR REPLACE ${temp ? 'TEMP ' : ''}TABLE ${target} AS
    SELECT ${carried}, ${MATCH_COLUMNS_SQL}
    FROM (SELECT *, from_json(record_json, '${MATCH_RECORD_STRUCTURE}') AS s FROM ${source}) src
    LEFT JOIN (SELECT name, list(grp ORDER BY grp) AS nick FROM nickname_group GROUP BY name) n
      ON n.name = src.s.givenFirst`;
}
