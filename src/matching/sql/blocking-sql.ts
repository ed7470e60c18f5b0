import type { BlockingRule, KeyPart } from '../blocking.js';

/**
 * Blocking keys in SQL: for each rule, the same keys `blockingKeys` makes in TypeScript (every
 * combination of its parts' values, with the rule id), hashed together to a 64-bit integer so the key tables stay small. Two different keys could hash alike (about one
 * chance in 10^19 a pair); that only adds a candidate, which is then scored like any other.
 */

/** Each key part as a SQL list over the match table row `t` (a scalar part is a 0/1 list). */
const PART_SQL: Readonly<Record<KeyPart, (t: string) => string>> = {
  'nhs-number': (t) =>
    `(CASE WHEN ${t}.nhs_number IS NULL THEN [] ELSE [${t}.nhs_number] END || ${t}.superseded)`,
  'birth-date': (t) => `(CASE WHEN ${t}.birth_day IS NULL THEN [] ELSE [${t}.birth_digits] END)`,
  'birth-year': (t) =>
    `(CASE WHEN ${t}.birth_year IS NULL THEN [] ELSE [CAST(${t}.birth_year AS VARCHAR)] END)`,
  'birth-month-or-day': (t) => `list_filter([
      'm' || ${t}.birth_month,
      'd' || ${t}.birth_day,
      CASE WHEN ${t}.birth_month IS NOT NULL AND ${t}.birth_day IS NOT NULL
        THEN 's' || least(${t}.birth_month, ${t}.birth_day) || '-'
          || greatest(${t}.birth_month, ${t}.birth_day) END
    ], lambda v: v IS NOT NULL)`,
  'family-name': (t) => `${t}.family_keys`,
  'family-phonetic': (t) => `${t}.family_phonetic`,
  'given-initial': (t) =>
    `(CASE WHEN ${t}.given_first IS NULL THEN [] ELSE [left(${t}.given_first, 1)] END)`,
  'given-phonetic': (t) => `${t}.given_phonetic`,
  'name-phonetic': (t) => `(${t}.given_phonetic || ${t}.family_phonetic)`,
  postcode: (t) => `${t}.pc_all_full`,
  'postcode-district': (t) => `${t}.pc_all_district`,
};

/**
 * Every combination of a rule's part values for the match table row `t`, as one flat SQL list:
 * `leaf` is given the rule id and the values (`p0`, `p1`, …) as SQL and makes each element.
 * A list per row, unnested once in the select list, streams in DuckDB; one lateral unnest per
 * part became a join holding the table's lists in memory, which ran out of 2.5GB at 10,000,000
 * people. Each part's values are distinct, so each row's combinations are too.
 * @param rule - the blocking rule
 * @param leaf - the element made of one combination, from the comma-separated values
 */
function combinationsSql(rule: BlockingRule, leaf: (values: string) => string): string {
  const values = [`'${rule.id}'`, ...rule.parts.map((_, i) => `p${String(i)}`)].join(', ');
  const nested = rule.parts.reduceRight(
    (inner, part, i) =>
      `list_transform(list_distinct(${PART_SQL[part]('t')}), lambda p${String(i)}: ${inner})`,
    leaf(values),
  );
  return rule.parts.slice(1).reduce((list) => `flatten(${list})`, nested);
}

/**
 * A query giving `(id, key)` for every key of every row of a match table under one rule, each
 * once per row.
 * @param rule - the blocking rule
 * @param table - the match table
 * @param id - the row's id column (`rid` for the register, `qid` for requests)
 */
export function ruleKeysSql(rule: BlockingRule, table: string, id: string): string {
  const keys = combinationsSql(rule, (values) => `hash(${values})`);
  return `SELECT t.${id} AS id, unnest(${keys}) AS key FROM ${table} t`;
}

/**
 * As {@link ruleKeysSql}, with the key also as text (`rule|value|value`, as `blockingKeys` writes
 * it) and the rule's position in `rules`: `(id, key, text, rule)`, for pair-count estimates.
 * @param rules - the rules
 * @param table - the match table
 * @param id - the row's id column
 */
export function keyTextsSql(rules: readonly BlockingRule[], table: string, id: string): string {
  return rules
    .map((rule, i) => {
      const keys = combinationsSql(
        rule,
        (values) => `{'key': hash(${values}), 'text': concat_ws('|', ${values})}`,
      );
      return `SELECT id, k.key AS key, k.text AS text, ${String(i)} AS rule
        FROM (SELECT t.${id} AS id, unnest(${keys}) AS k FROM ${table} t)`;
    })
    .join('\nUNION ALL\n');
}

/**
 * The union of {@link ruleKeysSql} over several rules: `(id, key)` rows.
 * @param rules - the rules
 * @param table - the match table
 * @param id - the row's id column
 */
export function blockingKeysSql(rules: readonly BlockingRule[], table: string, id: string): string {
  return rules.map((rule) => ruleKeysSql(rule, table, id)).join('\nUNION ALL\n');
}
