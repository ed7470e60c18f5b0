import { jaroWinklerSimilarity } from '../string/jaro.js';
import { damerauLevenshteinUpTo } from './edit-bound.js';
import { buildLevels, type GenericComparison } from './levels.js';
import { cell, type GenericRow } from './row.js';

/** Splink's NameComparison Jaro-Winkler cut-offs: exact, ≥ 0.92, ≥ 0.88, ≥ 0.70, else. */
export const NAME_JW_THRESHOLDS: readonly number[] = [0.92, 0.88, 0.7];

/** Damerau-Levenshtein cut-offs used when none are given: ≤ 1 and ≤ 2 edits. */
export const DEFAULT_DL_THRESHOLDS: readonly number[] = [1, 2];

/** Options shared by the string comparisons. */
export interface StringComparisonOptions {
  /** Adjust the exact level by the value's frequency (Splink `term_frequency_adjustments`). */
  readonly tf?: boolean;
}

/**
 * Wraps a classifier of two present values into a comparison's `levelOf`: null (0) when either
 * is missing, else the classifier's agree level (1-based) or the else level.
 */
function onValues(
  column: string,
  agreeCount: number,
  classify: (left: string, right: string) => number | undefined,
): (left: GenericRow, right: GenericRow) => number {
  return (left, right) => {
    const a = cell(left, column);
    const b = cell(right, column);
    if (a === undefined || b === undefined) {
      return 0;
    }
    return classify(a, b) ?? agreeCount + 1;
  };
}

/**
 * Exact match only: null / exact / else. For identifiers, codes, postcodes, house numbers.
 * @param column - the column compared
 * @param options - `tf`: term-frequency adjust the exact level (default false)
 */
export function exactComparison(
  column: string,
  options: StringComparisonOptions = {},
): GenericComparison {
  return {
    id: column,
    label: `${column} (exact)`,
    column,
    options: {},
    tfBase: 'exact',
    levels: buildLevels(column, [{ id: 'exact', label: `${column} exact` }], options.tf === true),
    levelOf: onValues(column, 1, (a, b) => (a === b ? 1 : undefined)),
  };
}

/**
 * Exact, then Jaro-Winkler similarity at descending thresholds (Splink `NameComparison` with
 * the defaults 0.92, 0.88, 0.70), then else. Jaro-Winkler is the DuckDB-identical one.
 * @param column - the column compared
 * @param thresholds - similarity cut-offs in (0, 1), any order (sorted descending)
 * @param options - `tf`: term-frequency adjust the exact level
 */
export function jaroWinklerComparison(
  column: string,
  thresholds: readonly number[] = NAME_JW_THRESHOLDS,
  options: StringComparisonOptions = {},
): GenericComparison {
  const cuts = [...thresholds].sort((a, b) => b - a);
  const agree = [
    { id: 'exact', label: `${column} exact` },
    ...cuts.map((t) => ({ id: `jw-${t}`, label: `${column} Jaro-Winkler ≥ ${t}` })),
  ];
  return {
    id: column,
    label: `${column} (Jaro-Winkler)`,
    column,
    options: Object.fromEntries(cuts.map((t, i) => [`jw${i + 1}`, t])),
    tfBase: 'exact',
    levels: buildLevels(column, agree, options.tf === true),
    levelOf: onValues(column, agree.length, (a, b) => {
      if (a === b) {
        return 1;
      }
      const similarity = jaroWinklerSimilarity(a, b);
      const i = cuts.findIndex((t) => similarity >= t);
      return i < 0 ? undefined : i + 2;
    }),
  };
}

/**
 * Exact, then Damerau-Levenshtein distance (adjacent swaps count as one edit) at ascending
 * thresholds, then else. For identifiers typed by hand (social security numbers, postcodes).
 * @param column - the column compared
 * @param thresholds - maximum edit counts, positive integers, any order (sorted ascending)
 * @param options - `tf`: term-frequency adjust the exact level
 */
export function damerauLevenshteinComparison(
  column: string,
  thresholds: readonly number[] = DEFAULT_DL_THRESHOLDS,
  options: StringComparisonOptions = {},
): GenericComparison {
  const cuts = [...thresholds].sort((a, b) => a - b);
  const max = cuts.at(-1) ?? 0;
  const agree = [
    { id: 'exact', label: `${column} exact` },
    ...cuts.map((t) => ({ id: `dl-${t}`, label: `${column} within ${t} edit(s)` })),
  ];
  return {
    id: column,
    label: `${column} (Damerau-Levenshtein)`,
    column,
    options: Object.fromEntries(cuts.map((t, i) => [`dl${i + 1}`, t])),
    tfBase: 'exact',
    levels: buildLevels(column, agree, options.tf === true),
    levelOf: onValues(column, agree.length, (a, b) => {
      if (a === b) {
        return 1;
      }
      const distance = damerauLevenshteinUpTo(a, b, max);
      const i = cuts.findIndex((t) => distance <= t);
      return i < 0 ? undefined : i + 2;
    }),
  };
}
