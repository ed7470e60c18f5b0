import { STREET_OVERLAP_DEFAULT } from '../comparisons/dwelling.js';
import type { Comparison } from '../model/comparison.js';

/**
 * Every comparison level as a SQL condition over the request row `q` and the register row `r`
 * of the match table (`match-table-sql.ts`), written to mean exactly what the level's `test`
 * means in `comparisons/` when the comparison's earlier levels did not hold (a level is only
 * reached in that case; some conditions use it to skip costly list work). `q` is the left side of `score(left, right)` (the request). A NULL
 * condition counts as false, as CASE treats it, which is how a missing value fails a test.
 * A test checks every level against the TypeScript predicate on thousands of pairs.
 */

/** The sides of a pair in the SQL. */
interface Sides {
  readonly q: string;
  readonly r: string;
}

/** An address as SQL expressions. */
interface AddressSql {
  readonly flat: string;
  readonly house: string;
  readonly street: string;
}

function num(value: number): string {
  return `CAST('${String(value)}' AS DOUBLE)`;
}

/** `streetOverlap(a, b) >= overlap` (dwelling.ts). */
function sameStreetSql(a: AddressSql, b: AddressSql, overlap: number): string {
  const common = `len(list_filter(${a.street}, lambda t: list_contains(${b.street}, t)))`;
  const shorter = `least(len(${a.street}), len(${b.street}))`;
  return `(${shorter} > 0 AND CAST(${common} AS DOUBLE) / CAST(${shorter} AS DOUBLE) >= ${num(overlap)})`;
}

/** `sameDwelling(a, b, overlap)` (dwelling.ts). */
function sameDwellingSql(a: AddressSql, b: AddressSql, overlap: number): string {
  return `(${a.house} IS NOT NULL AND ${a.house} = ${b.house}
    AND (${a.flat} IS NULL OR ${b.flat} IS NULL OR ${a.flat} = ${b.flat})
    AND ${sameStreetSql(a, b, overlap)})`;
}

/**
 * `damerau_levenshtein(a, b) = 1`, with a cheap necessary condition first so the edit distance
 * is computed for few pairs: strings of equal length one edit apart differ in one or two
 * positions (`hamming` ≤ 2), and otherwise their lengths differ by exactly one.
 */
function oneEditSql(a: string, b: string): string {
  return `((length(${a}) = length(${b}) AND hamming(${a}, ${b}) <= 2
      OR abs(length(${a}) - length(${b})) = 1)
    AND damerau_levenshtein(${a}, ${b}) = 1)`;
}

/** Two codes in common between lists of at most two codes, held as `<name>_ph1/_ph2` columns. */
function sharePhoneticSql(q: string, r: string, name: string): string {
  return `(${q}.${name}_ph1 IN (${r}.${name}_ph1, ${r}.${name}_ph2)
    OR ${q}.${name}_ph2 IN (${r}.${name}_ph1, ${r}.${name}_ph2))`;
}

function currentAddress(side: string): AddressSql {
  return { flat: `${side}.addr_flat`, house: `${side}.addr_house`, street: `${side}.addr_street` };
}

function structAddress(name: string): AddressSql {
  return { flat: `${name}.flat`, house: `${name}.houseNumber`, street: `${name}.streetTokens` };
}

/** Given and family names entered in each other's fields (`namesSwapped`). */
function swappedSql({ q, r }: Sides): string {
  return `(${q}.given_first <> ${q}.family_name AND ${q}.given_first = ${r}.family_name
    AND ${q}.family_name = ${r}.given_first)`;
}

function givenNameSql(level: string, options: Comparison['options'], { q, r }: Sides): string {
  switch (level) {
    case 'null':
      return `(${q}.given_first IS NULL OR ${r}.given_first IS NULL)`;
    case 'exact':
      return `${q}.given_first = ${r}.given_first`;
    case 'nickname':
      return `(${q}.given_first <> ${r}.given_first AND list_has_any(${q}.given_nick, ${r}.given_nick))`;
    case 'swapped':
      return swappedSql({ q, r });
    case 'jw-high':
      return `jaro_winkler_similarity(${q}.given_first, ${r}.given_first) >= ${num(options['jwHigh'] ?? NaN)}`;
    case 'jw-low':
      return `jaro_winkler_similarity(${q}.given_first, ${r}.given_first) >= ${num(options['jwLow'] ?? NaN)}`;
    case 'phonetic':
      return sharePhoneticSql(q, r, 'given');
    case 'initial':
      return `((length(${q}.given_first) = 1 AND starts_with(${r}.given_first, ${q}.given_first))
        OR (length(${r}.given_first) = 1 AND starts_with(${q}.given_first, ${r}.given_first)))`;
    case 'other-given':
      return `(list_contains(${r}.given_others, ${q}.given_first)
        OR list_contains(${q}.given_others, ${r}.given_first))`;
    default:
      return unknownLevel('given-name', level);
  }
}

function familyNameSql(level: string, options: Comparison['options'], { q, r }: Sides): string {
  switch (level) {
    case 'null':
      return `(${q}.family_name IS NULL OR ${r}.family_name IS NULL)`;
    case 'swapped':
      return swappedSql({ q, r });
    case 'exact':
      return `${q}.family_name = ${r}.family_name`;
    case 'part-or-previous':
      // Reached only when the current names differ, so a shared value needs a second name.
      return `((len(${q}.family_all) > 1 OR len(${r}.family_all) > 1)
        AND list_has_any(${q}.family_all, ${r}.family_all))`;
    case 'jw-high':
      return `jaro_winkler_similarity(${q}.family_name, ${r}.family_name) >= ${num(options['jwHigh'] ?? NaN)}`;
    case 'jw-low':
      return `jaro_winkler_similarity(${q}.family_name, ${r}.family_name) >= ${num(options['jwLow'] ?? NaN)}`;
    case 'phonetic':
      return sharePhoneticSql(q, r, 'family');
    default:
      return unknownLevel('family-name', level);
  }
}

function dateOfBirthSql(level: string, { q, r }: Sides): string {
  const full = `(${q}.birth_month IS NOT NULL AND ${q}.birth_day IS NOT NULL
    AND ${r}.birth_month IS NOT NULL AND ${r}.birth_day IS NOT NULL)`;
  const sameDay = `(${full} AND ${q}.birth_year = ${r}.birth_year
    AND ${q}.birth_month = ${r}.birth_month AND ${q}.birth_day = ${r}.birth_day)`;
  switch (level) {
    case 'null':
      return `(${q}.birth_year IS NULL OR ${r}.birth_year IS NULL)`;
    case 'exact':
      return `(${sameDay} AND NOT ${q}.birth_placeholder)`;
    case 'transposed':
      return `(${full} AND ${q}.birth_year = ${r}.birth_year AND ${q}.birth_day <> ${q}.birth_month
        AND ${q}.birth_day = ${r}.birth_month AND ${q}.birth_month = ${r}.birth_day)`;
    case 'year-off-by-one':
      return `(${full} AND ${q}.birth_month = ${r}.birth_month AND ${q}.birth_day = ${r}.birth_day
        AND abs(${q}.birth_year - ${r}.birth_year) = 1)`;
    case 'one-typo':
      return `(${full} AND ${oneEditSql(`${q}.birth_digits`, `${r}.birth_digits`)})`;
    case 'exact-placeholder':
      return sameDay;
    case 'year-month':
      return `(${q}.birth_year = ${r}.birth_year AND ${q}.birth_month IS NOT NULL
        AND ${q}.birth_month = ${r}.birth_month)`;
    case 'year':
      return `${q}.birth_year = ${r}.birth_year`;
    default:
      return unknownLevel('date-of-birth', level);
  }
}

function nhsNumberSql(level: string, { q, r }: Sides): string {
  switch (level) {
    case 'null':
      return `(${q}.nhs_number IS NULL OR ${r}.nhs_number IS NULL)`;
    case 'exact':
      return `${q}.nhs_number = ${r}.nhs_number`;
    case 'superseded':
      return `(list_contains(${r}.superseded, ${q}.nhs_number)
        OR list_contains(${q}.superseded, ${r}.nhs_number))`;
    case 'one-digit':
      return oneEditSql(`${q}.nhs_number`, `${r}.nhs_number`);
    default:
      return unknownLevel('nhs-number', level);
  }
}

function postcodeSql(level: string, { q, r }: Sides): string {
  switch (level) {
    case 'null':
      return `(${q}.pc_full IS NULL OR ${r}.pc_full IS NULL)`;
    case 'same-house':
      return `(${q}.pc_full = ${r}.pc_full AND ${sameDwellingSql(
        currentAddress(q),
        currentAddress(r),
        STREET_OVERLAP_DEFAULT,
      )})`;
    case 'full':
      return `${q}.pc_full = ${r}.pc_full`;
    case 'historic':
      // Reached only when the current postcodes differ, so a shared one needs a previous one.
      return `((len(${q}.pc_all_full) > 1 OR len(${r}.pc_all_full) > 1)
        AND list_has_any(${q}.pc_all_full, ${r}.pc_all_full))`;
    case 'sector':
      return `${q}.pc_sector = ${r}.pc_sector`;
    case 'district':
      return `${q}.pc_district = ${r}.pc_district`;
    case 'area':
      return `${q}.pc_area = ${r}.pc_area`;
    default:
      return unknownLevel('postcode', level);
  }
}

function addressSql(level: string, options: Comparison['options'], { q, r }: Sides): string {
  const overlap = options['streetOverlap'] ?? STREET_OVERLAP_DEFAULT;
  switch (level) {
    case 'null':
      return `(${q}.addr_street IS NULL OR ${r}.addr_street IS NULL)`;
    case 'postcode-agrees':
      return `${q}.pc_full = ${r}.pc_full`;
    case 'number-street':
      return sameDwellingSql(currentAddress(q), currentAddress(r), overlap);
    case 'previous-address':
      // Reached only when the current addresses are not the same dwelling: needs a previous one.
      return `(len(${q}.addr_all) > 1 OR len(${r}.addr_all) > 1) AND coalesce(list_bool_or(list_transform(${q}.addr_all, lambda a:
        coalesce(list_bool_or(list_transform(${r}.addr_all, lambda b:
          ${sameDwellingSql(structAddress('a'), structAddress('b'), overlap)})), false))), false)`;
    case 'street':
      return `(${q}.addr_street IS NOT NULL AND ${r}.addr_street IS NOT NULL
        AND ${sameStreetSql(currentAddress(q), currentAddress(r), overlap)})`;
    case 'number':
      return `(${q}.addr_house IS NOT NULL AND ${q}.addr_house = ${r}.addr_house)`;
    default:
      return unknownLevel('address', level);
  }
}

function genderSql(level: string, { q, r }: Sides): string {
  switch (level) {
    case 'null':
      return `(${q}.gender IS NULL OR ${r}.gender IS NULL)`;
    case 'match':
      return `${q}.gender = ${r}.gender`;
    default:
      return unknownLevel('gender', level);
  }
}

function unknownLevel(comparison: string, level: string): never {
  throw new Error(`no SQL for level ${level} of comparison ${comparison}`);
}

/**
 * The SQL condition of one level of a comparison (the `else` level is `TRUE`).
 * @param comparison - the comparison (its id and options pick the SQL)
 * @param levelId - the level's id
 * @param sides - the table aliases of the request (`q`) and register (`r`) rows
 * @throws Error for a level this module does not know (a programming error: every built
 * comparison's levels are covered, as a test checks)
 */
export function comparisonLevelSql(comparison: Comparison, levelId: string, sides: Sides): string {
  if (levelId === 'else') {
    return 'TRUE';
  }
  switch (comparison.id) {
    case 'given-name':
      return givenNameSql(levelId, comparison.options, sides);
    case 'family-name':
      return familyNameSql(levelId, comparison.options, sides);
    case 'date-of-birth':
      return dateOfBirthSql(levelId, sides);
    case 'nhs-number':
      return nhsNumberSql(levelId, sides);
    case 'postcode':
      return postcodeSql(levelId, sides);
    case 'address':
      return addressSql(levelId, comparison.options, sides);
    case 'gender':
      return genderSql(levelId, sides);
    default:
      return unknownLevel(comparison.id, levelId);
  }
}

/**
 * The comparison vector entry of a comparison: `CASE WHEN level0 THEN 0 WHEN level1 THEN 1 …`,
 * the index of the first level whose condition holds (as `levelIndex` in TypeScript).
 * @param comparison - the comparison
 * @param sides - the table aliases
 */
export function comparisonGammaSql(comparison: Comparison, sides: Sides): string {
  const last = comparison.levels.length - 1;
  const whens = comparison.levels
    .slice(0, last)
    .map((level, i) => `WHEN ${comparisonLevelSql(comparison, level.id, sides)} THEN ${String(i)}`);
  return `CASE ${whens.join('\n    ')} ELSE ${String(last)} END`;
}
